/**
 * The monitoring area's pure helpers, without a browser: amounts read as the server writes
 * them, the charts' day series, and the rule editor's fields, whose paths must be the paths
 * the server's validation names (checked against the real schemas and the CN pack).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cnRulePack,
  RuleDefinitionSchema,
  TypologyDefinitionSchema,
} from '../../src/monitor/index.js';
import { currencyExponent as serverExponent, formatAmount } from '../../src/money/index.js';
import { knownCurrencyCodes } from '../../src/money/currency-exponents.js';
import { alertsByDay, TOP_RULES_MAX, topRules } from '../../web/src/monitoring/alert-series.js';
import { backtestDays, backtestPeriod } from '../../web/src/monitoring/backtest-series.js';
import { currencyExponent, formatMinor } from '../../web/src/monitoring/custody-money.js';
import { formatKriValue, formatThreshold } from '../../web/src/monitoring/kri-format.js';
import { issuesOf } from '../../web/src/monitoring/monitoring-endpoints.js';
import type { AlertCount, Definition } from '../../web/src/monitoring/monitoring-types.js';
import {
  DURATION_UNITS,
  durationParts,
  editableFields,
  getAt,
  issuesAt,
  numberFromText,
  setAt,
  unclaimedIssues,
} from '../../web/src/monitoring/rule-fields.js';

const DAY_MS = 86_400_000;
const NOW_MS = Date.parse('2025-06-14T09:30:00Z');
const pack = cnRulePack();
const asDefinition = (value: unknown) => JSON.parse(JSON.stringify(value)) as Definition;

describe('custody amounts on the dashboard', () => {
  it('use the server exponent of every currency the books accept', () => {
    const active = knownCurrencyCodes().filter((code) => serverExponent(code) !== undefined);
    expect(active.length).toBeGreaterThan(100);
    for (const code of active) expect(currencyExponent(code), code).toBe(serverExponent(code));
  });

  it('read minor units exactly as the server formats them, only grouped', () => {
    const codes = ['CNY', 'USD', 'JPY', 'KWD', 'CLF'];
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.constantFrom(...codes),
        (minor, currency) => {
          const shown = formatMinor(minor.toString(), currency);
          expect(shown.replace(/,/g, '')).toBe(formatAmount(minor, currency));
          const whole = shown.replace(/^-/, '').split('.')[0] ?? '';
          expect(whole).toMatch(/^\d{1,3}(,\d{3})*$/);
        },
      ),
    );
  });
});

const countArbitrary = fc.record({
  day: fc
    .integer({ min: 0, max: 20 })
    .map((back) => new Date(NOW_MS - back * DAY_MS).toISOString().slice(0, 10)),
  severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
  ruleId: fc.constantFrom(...pack.rules.map((rule) => rule.id), 'kri.concentration'),
  count: fc.integer({ min: 1, max: 500 }),
}) satisfies fc.Arbitrary<AlertCount>;

describe('alert series', () => {
  it('give every day of the period once, in order, and lose no alert', () => {
    fc.assert(
      fc.property(
        fc.array(countArbitrary, { maxLength: 60 }),
        fc.integer({ min: 1, max: 30 }),
        (counts, days) => {
          const rows = alertsByDay(counts, days, NOW_MS);
          const names = rows.map((row) => row.day);
          expect(new Set(names).size).toBe(names.length);
          expect([...names].sort()).toEqual(names);
          expect(rows.length).toBeGreaterThanOrEqual(days);
          // No count lies in the future, so the period always ends today.
          expect(names.at(-1)).toBe('2025-06-14');
          const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
          expect(total(rows.map((row) => row.total))).toBe(total(counts.map((c) => c.count)));
          for (const row of rows)
            expect(row.low + row.medium + row.high + row.critical).toBe(row.total);
        },
      ),
    );
  });

  it('rank at most TOP_RULES_MAX rules, the busiest first', () => {
    fc.assert(
      fc.property(fc.array(countArbitrary, { maxLength: 80 }), (counts) => {
        const rules = topRules(counts);
        expect(rules.length).toBeLessThanOrEqual(TOP_RULES_MAX);
        for (let index = 1; index < rules.length; index += 1)
          expect(rules[index - 1]?.total ?? 0).toBeGreaterThanOrEqual(rules[index]?.total ?? 0);
        for (const rule of rules) {
          const own = counts.filter((c) => c.ruleId === rule.ruleId);
          expect(rule.total).toBe(own.reduce((sum, c) => sum + c.count, 0));
        }
      }),
    );
  });

  it('fill the quiet days of a backtest and keep its busy ones', () => {
    const fromMs = Date.parse('2025-06-01T00:00:00Z');
    const report = {
      fromMs,
      toMs: fromMs + 10 * DAY_MS,
      byDay: [{ day: '2025-06-04', active: 2, draft: 5 }],
    };
    const days = backtestDays(report);
    expect(days).toHaveLength(10);
    expect(days[0]).toEqual({ day: '2025-06-01', active: 0, draft: 0 });
    expect(days.find((day) => day.day === '2025-06-04')).toEqual(report.byDay[0]);
    const period = backtestPeriod('2025-06-01', '2025-06-10');
    expect(Date.parse(period.to) - Date.parse(period.from)).toBe(10 * DAY_MS);
  });
});

describe('KRI figures', () => {
  it('show ratios as percentages and counts as whole numbers, with the worse side', () => {
    expect(formatKriValue('ratio', 0.05)).toBe('5 %');
    expect(formatKriValue('ratio', 0.88257)).toBe('88.26 %');
    expect(formatKriValue('count', 3)).toBe('3');
    expect(formatKriValue('ratio', Number.NaN)).toBe('—');
    expect(formatThreshold({ unit: 'ratio', worse: 'higher' }, 0.1)).toBe('≥ 10 %');
    expect(formatThreshold({ unit: 'ratio', worse: 'lower' }, 0.02)).toBe('≤ 2 %');
  });
});

describe('the rule editor fields', () => {
  it('find numbers, windows and amounts in every rule and typology of the CN pack', () => {
    let amounts = 0;
    let durations = 0;
    for (const [kind, definitions] of [
      ['rule', pack.rules],
      ['typology', pack.typologies],
    ] as const) {
      for (const definition of definitions.map(asDefinition)) {
        for (const field of editableFields(definition, kind)) {
          const value = getAt(definition, field.path);
          if (field.kind === 'amounts') {
            amounts += 1;
            expect(typeof value === 'object' && value !== null).toBe(true);
          } else {
            if (field.kind === 'duration') durations += 1;
            expect(typeof value).toBe('number');
          }
          // Writing back the same value gives the same definition and leaves the input alone.
          const before = JSON.stringify(definition);
          expect(setAt(definition, field.path, value)).toEqual(definition);
          expect(JSON.stringify(definition)).toBe(before);
        }
      }
    }
    expect(amounts).toBeGreaterThan(20);
    expect(durations).toBeGreaterThan(10);
  });

  it("name a bad value with the path the server's validation gives it", () => {
    for (const rule of pack.rules.map(asDefinition)) {
      for (const field of editableFields(rule, 'rule')) {
        const broken =
          field.kind === 'amounts'
            ? setAt(rule, [...field.path, 'CNY'], '-5')
            : setAt(rule, field.path, 'not a number');
        const parsed = RuleDefinitionSchema.safeParse(broken);
        expect(parsed.success, `${String(rule.id)} ${field.key}`).toBe(false);
        if (parsed.success) continue;
        const issues = parsed.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }));
        expect(issuesAt(issues, field.key).length, `${String(rule.id)} ${field.key}`).toBe(
          issues.length,
        );
        expect(unclaimedIssues(issues, [field.key])).toEqual([]);
      }
    }
    const typology = asDefinition(pack.typologies[0]);
    const weight = editableFields(typology, 'typology').find((f) => f.name === 'weight');
    expect(weight).toBeDefined();
    if (weight === undefined) return;
    const parsed = TypologyDefinitionSchema.safeParse(setAt(typology, weight.path, -1));
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0]?.path.join('.')).toBe(weight.key);
  });

  it('write durations in the largest whole unit and read typed numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * 24 * 60 }), (minutes) => {
        const ms = minutes * 60_000;
        const parts = durationParts(ms);
        expect(parts.amount * DURATION_UNITS[parts.unit]).toBe(ms);
        expect(Number.isInteger(parts.amount)).toBe(true);
      }),
    );
    expect(numberFromText(' 42 ')).toBe(42);
    expect(numberFromText('0.25')).toBe(0.25);
    expect(numberFromText('12,5')).toBe('12,5');
    expect(numberFromText('')).toBe('');
  });

  it('read the issues of a refusal and ignore malformed ones', () => {
    expect(
      issuesOf({
        issues: [{ path: 'params.window.windowMs', message: 'too long' }, { path: 3 }, null],
      }),
    ).toEqual([{ path: 'params.window.windowMs', message: 'too long' }]);
    expect(issuesOf({ title: 'Validation failed' })).toEqual([]);
    expect(issuesOf(null)).toEqual([]);
  });
});
