import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_MODEL,
  levelRank,
  PEP_STATUSES,
  RiskModelSchema,
  scoreCustomer,
  SANCTIONS_STATUSES,
  type RiskInputs,
  type RiskModel,
} from '../../src/customer-risk/index.js';

// Goal: the scoring is explainable and monotonic. Method: fast-check over customers (and
// over models that pass the model schema): the reasons always add up to the score, each
// factor appears once, and adding a risk fact — a worse PEP or screening status, a product, a
// listed country, more alerts, cases or STRs, a shared device — never lowers score or level.

const model = DEFAULT_RISK_MODEL;
const countries = ['CN', 'US', 'HK', 'KP', 'IR', 'VN', 'KE', 'SG', 'JP'];
const occupations = [...Object.keys(model.occupation.points), 'astronaut'];
const industries = [...Object.keys(model.industry.points), 'space_mining'];
const products = [...Object.keys(model.products.points), 'unlisted_thing'];

const inputsArb: fc.Arbitrary<RiskInputs> = fc.record({
  customerKind: fc.constantFrom('person' as const, 'entity' as const),
  occupationCategory: fc.option(fc.constantFrom(...occupations), { nil: null }),
  industryCategory: fc.option(fc.constantFrom(...industries), { nil: null }),
  countries: fc.array(fc.constantFrom(...countries), { maxLength: 4 }),
  products: fc.array(fc.constantFrom(...products), { maxLength: 3 }),
  onboardingChannel: fc.constantFrom('face_to_face' as const, 'remote' as const),
  sharedDeviceAlerts: fc.nat(5),
  pep: fc.constantFrom(...PEP_STATUSES),
  sanctions: fc.constantFrom(...SANCTIONS_STATUSES),
  alerts: fc.nat(30),
  cases: fc.nat(10),
  strsFiled: fc.nat(3),
  beneficialOwners: fc.nat(4),
});

type Addition = (inputs: RiskInputs) => RiskInputs;
const SANCTIONS_ORDER = ['clear', 'not_screened', 'potential_match', 'confirmed_match'] as const;
const additionArb: fc.Arbitrary<Addition> = fc.oneof(
  fc
    .constantFrom(...products)
    .map((p): Addition => (i) => ({ ...i, products: [...i.products, p] })),
  fc
    .constantFrom('KP', 'IR', 'VN', 'KE')
    .map((c): Addition => (i) => ({ ...i, countries: [...i.countries, c] })),
  fc.nat(20).map((n): Addition => (i) => ({ ...i, alerts: i.alerts + n })),
  fc.nat(5).map((n): Addition => (i) => ({ ...i, cases: i.cases + n })),
  fc.nat(3).map((n): Addition => (i) => ({ ...i, strsFiled: i.strsFiled + n })),
  fc.constant<Addition>((i) => ({ ...i, sharedDeviceAlerts: i.sharedDeviceAlerts + 1 })),
  fc.constant<Addition>((i) => ({ ...i, onboardingChannel: 'remote' })),
  fc.constantFrom(...PEP_STATUSES).map(
    (pep): Addition =>
      (i) =>
        i.pep === 'none' ? { ...i, pep } : i,
  ),
  fc.constant<Addition>((i) => {
    const at = SANCTIONS_ORDER.indexOf(i.sanctions);
    return { ...i, sanctions: SANCTIONS_ORDER[Math.min(at + 1, 3)] ?? i.sanctions };
  }),
);

/** Models that pass the schema: the default with points scaled and thresholds moved. */
const modelArb: fc.Arbitrary<RiskModel> = fc
  .record({
    factor: fc.integer({ min: 0, max: 3 }),
    medium: fc.integer({ min: 5, max: 80 }),
    gap: fc.integer({ min: 1, max: 80 }),
  })
  .map(({ factor, medium, gap }) =>
    RiskModelSchema.parse({
      ...model,
      thresholds: { mediumFrom: medium, highFrom: medium + gap },
      pep: Object.fromEntries(Object.entries(model.pep).map(([k, v]) => [k, v * factor])),
      behaviour: {
        ...model.behaviour,
        alertPoints: model.behaviour.alertPoints * factor,
        alertPointsMax: model.behaviour.alertPointsMax * factor,
      },
    }),
  );

describe('scoreCustomer', () => {
  it('gives reasons that add up to the score, one per factor', () => {
    fc.assert(
      fc.property(modelArb, inputsArb, (m, inputs) => {
        const result = scoreCustomer(m, inputs);
        const sum = result.reasons.reduce((total, r) => total + r.points, 0);
        expect(sum).toBe(result.score);
        expect(new Set(result.reasons.map((r) => r.factor)).size).toBe(result.reasons.length);
        for (const reason of result.reasons) expect(reason.points).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('never lowers the score or the level when a risk fact is added', () => {
    fc.assert(
      fc.property(
        modelArb,
        inputsArb,
        fc.array(additionArb, { minLength: 1, maxLength: 4 }),
        (m, inputs, additions) => {
          const before = scoreCustomer(m, inputs);
          const after = scoreCustomer(
            m,
            additions.reduce((i, add) => add(i), inputs),
          );
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect(levelRank(after.level)).toBeGreaterThanOrEqual(levelRank(before.level));
        },
      ),
    );
  });

  it('places the level by the thresholds, raised by floors only', () => {
    fc.assert(
      fc.property(modelArb, inputsArb, (m, inputs) => {
        const result = scoreCustomer(m, inputs);
        const byScore =
          result.score >= m.thresholds.highFrom
            ? 2
            : result.score >= m.thresholds.mediumFrom
              ? 1
              : 0;
        const floors = result.reasons.map((r) => (r.floor === undefined ? 0 : levelRank(r.floor)));
        expect(levelRank(result.level)).toBe(Math.max(byScore, ...floors));
      }),
    );
  });

  it('rates a plain domestic salaried person low and explains it', () => {
    const result = scoreCustomer(model, {
      customerKind: 'person',
      occupationCategory: 'salaried',
      industryCategory: null,
      countries: ['CN'],
      products: ['lending_investor'],
      onboardingChannel: 'remote',
      sharedDeviceAlerts: 0,
      pep: 'none',
      sanctions: 'clear',
      alerts: 0,
      cases: 0,
      strsFiled: 0,
      beneficialOwners: 0,
    });
    expect(result).toMatchObject({ score: 10, level: 'low' });
    expect(result.reasons.find((r) => r.factor === 'geography')?.detail).toBe('domestic: CN');
  });

  it('rates high whatever the score for a call-for-action country, a foreign PEP or a confirmed sanctions match', () => {
    const base: RiskInputs = {
      customerKind: 'person',
      occupationCategory: 'salaried',
      industryCategory: null,
      countries: ['CN'],
      products: [],
      onboardingChannel: 'face_to_face',
      sharedDeviceAlerts: 0,
      pep: 'none',
      sanctions: 'clear',
      alerts: 0,
      cases: 0,
      strsFiled: 0,
      beneficialOwners: 0,
    };
    const lenient = RiskModelSchema.parse({
      ...model,
      thresholds: { mediumFrom: 900, highFrom: 999 },
    });
    expect(scoreCustomer(lenient, base).level).toBe('low');
    expect(scoreCustomer(lenient, { ...base, countries: ['CN', 'KP'] }).level).toBe('high');
    expect(scoreCustomer(lenient, { ...base, pep: 'foreign' }).level).toBe('high');
    expect(scoreCustomer(lenient, { ...base, sanctions: 'confirmed_match' }).level).toBe('high');
    expect(scoreCustomer(lenient, { ...base, pep: 'domestic' }).level).toBe('medium');
    expect(scoreCustomer(lenient, { ...base, strsFiled: 1 }).level).toBe('medium');
  });
});

describe('RiskModelSchema', () => {
  it('refuses models that would break monotonic scoring, naming the rule', () => {
    const refused = RiskModelSchema.safeParse({
      ...model,
      geography: { ...model.geography, increasedMonitoringPoints: 1, foreignPoints: 5 },
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('geography');
    expect(
      RiskModelSchema.safeParse({ ...model, thresholds: { mediumFrom: 50, highFrom: 50 } }).success,
    ).toBe(false);
    expect(
      RiskModelSchema.safeParse({ ...model, pep: { ...model.pep, foreign: -1 } }).success,
    ).toBe(false);
    expect(RiskModelSchema.safeParse({ ...model, extra: 1 }).success).toBe(false);
  });
});
