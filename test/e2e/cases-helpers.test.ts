/**
 * The cases area's pure helpers, tested without a browser: the SLA clock and durations, the
 * queue order, alert explanations, evidence checks and encoding, review lines, and the closing
 * rules, which must agree with the server's. (They sit here because the test runner only
 * collects src/ and test/.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkEvidenceFile,
  EVIDENCE_EXTENSIONS as SERVER_EXTENSIONS,
} from '../../src/cases/evidence-type.js';
import { closeNeedsSecondPerson as serverNeedsSecondPerson } from '../../src/cases/case-state.js';
import {
  CLOSE_REASON_LENGTH_MAX as SERVER_REASON_MAX,
  CLOSE_REASON_LENGTH_MIN as SERVER_REASON_MIN,
  EVIDENCE_BYTES_MAX as SERVER_EVIDENCE_MAX,
} from '../../src/cases/case-limits.js';
import {
  CASE_QUEUES as SERVER_QUEUES,
  ALERT_SOURCES as SERVER_SOURCES,
} from '../../src/cases/alert-input.js';
import {
  CASE_STATES as SERVER_STATES,
  DISPOSITIONS as SERVER_DISPOSITIONS,
} from '../../src/cases/case-state.js';
import { SEVERITIES as SERVER_SEVERITIES } from '../../src/cases/severity.js';
import { INCIDENT_TYPES as SERVER_INCIDENT_TYPES } from '../../src/cases/incident-types.js';
import { FREEZE_REASON_CODES as SERVER_FREEZE_REASONS } from '../../src/custody/freeze-ops.js';
import {
  explanationCell,
  explanationEvents,
  explanationRows,
} from '../../web/src/cases/alert-explanation.js';
import {
  CASE_QUEUES,
  CASE_STATES,
  DISPOSITIONS,
  FREEZE_REASON_CODES,
  SEVERITIES,
  type CaseView,
} from '../../web/src/cases/case-types.js';
import {
  CLOSE_REASON_LENGTH_MAX,
  CLOSE_REASON_LENGTH_MIN,
  closeNeedsSecondPerson,
} from '../../web/src/cases/close-rules.js';
import {
  bytesToBase64,
  EVIDENCE_BYTES_MAX,
  EVIDENCE_EXTENSIONS,
  evidenceFileProblem,
} from '../../web/src/cases/evidence-file.js';
import { INCIDENT_TYPES } from '../../web/src/cases/incident-types.js';
import { sortForQueue } from '../../web/src/cases/queue-order.js';
import { linesFit, linesOf, REVIEW_ITEMS_MAX } from '../../web/src/cases/review-lines.js';
import { durationKey, readSla, splitDuration } from '../../web/src/cases/sla-clock.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

describe('the console and the server name the same things', () => {
  it('has the same states, queues, severities, dispositions, incident types and reasons', () => {
    expect([...CASE_STATES]).toEqual([...SERVER_STATES]);
    expect([...CASE_QUEUES]).toEqual([...SERVER_QUEUES]);
    expect([...SEVERITIES]).toEqual([...SERVER_SEVERITIES]);
    expect([...DISPOSITIONS]).toEqual([...SERVER_DISPOSITIONS]);
    expect([...INCIDENT_TYPES]).toEqual([...SERVER_INCIDENT_TYPES]);
    expect([...FREEZE_REASON_CODES]).toEqual([...SERVER_FREEZE_REASONS]);
    expect(SERVER_SOURCES).toContain('rule');
  });

  it('applies the same closing rules and limits', () => {
    expect(CLOSE_REASON_LENGTH_MIN).toBe(SERVER_REASON_MIN);
    expect(CLOSE_REASON_LENGTH_MAX).toBe(SERVER_REASON_MAX);
    for (const severity of SEVERITIES)
      for (const disposition of DISPOSITIONS)
        expect(closeNeedsSecondPerson(severity, disposition)).toBe(
          serverNeedsSecondPerson(severity, disposition),
        );
  });

  it('accepts the same evidence types and size', () => {
    expect(EVIDENCE_BYTES_MAX).toBe(SERVER_EVIDENCE_MAX);
    expect([...EVIDENCE_EXTENSIONS].sort()).toEqual([...SERVER_EXTENSIONS].sort());
  });
});

describe('durations', () => {
  it('splits any duration into whole days, hours and minutes that add back up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY_MS }), (durationMs) => {
        const parts = splitDuration(durationMs);
        expect(parts.hours).toBeLessThan(24);
        expect(parts.minutes).toBeLessThan(60);
        const backMs = parts.days * DAY_MS + parts.hours * HOUR_MS + parts.minutes * MINUTE_MS;
        expect(backMs).toBeLessThanOrEqual(durationMs);
        expect(durationMs - backMs).toBeLessThan(MINUTE_MS);
      }),
    );
  });

  it('shows the two largest parts and leaves out a zero second part', () => {
    expect(durationKey(splitDuration(2 * DAY_MS + 3 * HOUR_MS))).toBe('daysHours');
    expect(durationKey(splitDuration(5 * DAY_MS + 59 * MINUTE_MS))).toBe('days');
    expect(durationKey(splitDuration(3 * HOUR_MS + 12 * MINUTE_MS))).toBe('hoursMinutes');
    expect(durationKey(splitDuration(4 * HOUR_MS))).toBe('hours');
    expect(durationKey(splitDuration(12 * MINUTE_MS))).toBe('minutes');
    expect(splitDuration(-5_000)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
});

describe('the SLA clock', () => {
  const openedAtMs = Date.parse('2025-03-02T08:00:00Z');
  const sla = {
    slaWarnAt: new Date(openedAtMs + 18 * HOUR_MS).toISOString(),
    slaDueAt: new Date(openedAtMs + 24 * HOUR_MS).toISOString(),
  };

  it('is on time, then warns, then is breached, as the server decides', () => {
    const at = (hours: number) => readSla({ ...sla, closedAt: null }, openedAtMs + hours * HOUR_MS);
    expect(at(1)).toEqual({ status: 'on_time', remainingMs: 23 * HOUR_MS });
    expect(at(18).status).toBe('warning');
    expect(at(24)).toEqual({ status: 'breached', remainingMs: 0 });
    expect(at(30)).toEqual({ status: 'breached', remainingMs: -6 * HOUR_MS });
  });

  it('judges a closed case by when it closed, whatever the time now', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 48 * 60 }),
        fc.integer({ min: 0, max: 480 * 60 }),
        (closedAfterMinutes, laterMinutes) => {
          const closedAtMs = openedAtMs + closedAfterMinutes * MINUTE_MS;
          const reading = readSla(
            { ...sla, closedAt: new Date(closedAtMs).toISOString() },
            closedAtMs + laterMinutes * MINUTE_MS,
          );
          expect(reading.status).toBe(closedAfterMinutes <= 24 * 60 ? 'met' : 'breached');
          expect(reading.remainingMs).toBe((24 * 60 - closedAfterMinutes) * MINUTE_MS);
        },
      ),
    );
  });
});

function caseView(id: string, priority: number, dueAtMs: number, openedAtMs: number): CaseView {
  return {
    id,
    platformId: 'plt_1',
    customerId: null,
    queue: 'rules',
    state: 'open',
    severity: SEVERITIES[4 - priority] ?? 'low',
    priority,
    assigneeId: null,
    alertCount: 1,
    openedAt: new Date(openedAtMs).toISOString(),
    triagedAt: null,
    slaWarnAt: new Date(dueAtMs - HOUR_MS).toISOString(),
    slaDueAt: new Date(dueAtMs).toISOString(),
    slaStatus: 'on_time',
    slaWarnedAt: null,
    slaBreachedAt: null,
    closeApprovalId: null,
    disposition: null,
    closeReason: null,
    closedBy: null,
    closeApprovedBy: null,
    closedAt: null,
    updatedAt: new Date(openedAtMs).toISOString(),
  };
}

describe('the queue order', () => {
  it('puts priority first, then the nearest deadline, and keeps every case once', () => {
    const arbitraryCase = fc
      .tuple(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 1_000 }),
      )
      .map(([priority, dueMinutes, openedMinutes]) => ({ priority, dueMinutes, openedMinutes }));
    fc.assert(
      fc.property(fc.array(arbitraryCase, { maxLength: 40 }), (specs) => {
        const cases = specs.map((spec, index) =>
          caseView(
            `cas_${String(index).padStart(4, '0')}`,
            spec.priority,
            1e12 + spec.dueMinutes * MINUTE_MS,
            1e12 + spec.openedMinutes * MINUTE_MS,
          ),
        );
        const sorted = sortForQueue(cases);
        expect(sorted.map((c) => c.id).sort()).toEqual(cases.map((c) => c.id).sort());
        for (let index = 1; index < sorted.length; index += 1) {
          const before = sorted[index - 1];
          const after = sorted[index];
          if (before === undefined || after === undefined) continue;
          expect(before.priority).toBeLessThanOrEqual(after.priority);
          if (before.priority === after.priority)
            expect(Date.parse(before.slaDueAt)).toBeLessThanOrEqual(Date.parse(after.slaDueAt));
        }
      }),
    );
  });
});

describe('alert explanations', () => {
  it('puts values and thresholds of one measure side by side', () => {
    const rows = explanationRows({
      summary: 'sum 521,550.50 CNY (at least 500,000.00 CNY)',
      values: { sum: '521,550.50 CNY', count: 3, windowStartMs: 1_740_873_600_000 },
      thresholds: { windowMs: 86_400_000, sum: '500,000.00 CNY' },
      eventIds: [],
    });
    expect(rows.map((row) => row.name)).toEqual(['sum', 'count', 'windowStartMs', 'windowMs']);
    expect(rows[0]).toEqual({
      name: 'sum',
      value: { kind: 'text', text: '521,550.50 CNY' },
      threshold: { kind: 'text', text: '500,000.00 CNY' },
    });
    expect(rows[1]?.threshold).toBeNull();
    expect(rows[2]?.value).toEqual({ kind: 'instant', iso: '2025-03-02T00:00:00.000Z' });
    expect(rows[3]?.threshold).toEqual({ kind: 'duration', durationMs: 86_400_000 });
  });

  it('shows every name of either side exactly once, whatever the explanation holds', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()),
        (values, thresholds) => {
          const names = explanationRows({ values, thresholds }).map((row) => row.name);
          const expected = new Set([...Object.keys(values), ...Object.keys(thresholds)]);
          expect(names).toHaveLength(expected.size);
          expect(new Set(names)).toEqual(expected);
        },
      ),
    );
  });

  it('survives explanations that are not what a rule writes', () => {
    expect(explanationRows({ values: 'oops', thresholds: [1, 2] })).toEqual([]);
    expect(explanationCell('tinyStartMs', 5)).toEqual({ kind: 'text', text: '5' });
    expect(explanationCell('nested', { a: 1 })).toEqual({ kind: 'text', text: '{"a":1}' });
  });

  it('links instruction ids and lists other event ids as they are', () => {
    const events = explanationEvents({
      eventIds: ['ins_01jn4x7k2m3p4q5r6s7t8v9w0x', 'leaf_42', 7, 'ins_short'],
    });
    expect(events.instructionIds).toEqual(['ins_01jn4x7k2m3p4q5r6s7t8v9w0x']);
    expect(events.otherIds).toEqual(['leaf_42', 'ins_short']);
  });
});

describe('evidence files', () => {
  it('refuses, before sending, what the server would refuse by name or size', () => {
    expect(evidenceFileProblem('statement.csv', 120)).toBeNull();
    expect(evidenceFileProblem('SCAN.PDF', EVIDENCE_BYTES_MAX)).toBeNull();
    expect(evidenceFileProblem('setup.exe', 120)).toBe('typeRefused');
    expect(evidenceFileProblem('noextension', 120)).toBe('typeRefused');
    expect(evidenceFileProblem('empty.txt', 0)).toBe('empty');
    expect(evidenceFileProblem('big.zip', EVIDENCE_BYTES_MAX + 1)).toBe('tooLarge');
    expect(evidenceFileProblem(`${'a'.repeat(200)}.txt`, 1)).toBe('nameTooLong');
    // The server agrees on the ones the console lets through (for matching content).
    expect(checkEvidenceFile('statement.csv', Buffer.from('a,b\n1,2\n')).ok).toBe(true);
    expect(checkEvidenceFile('setup.exe', Buffer.from('MZ')).ok).toBe(false);
  });

  it('encodes any bytes as the base64 the server decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100_000 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 50 },
    );
  });
});

describe('review lines', () => {
  it('takes one item per non-empty line, trimmed', () => {
    expect(linesOf('  first cause \r\n\n second\n   \n')).toEqual(['first cause', 'second']);
    expect(linesFit([])).toBe(false);
    expect(linesFit(['a'])).toBe(true);
    expect(linesFit(Array.from({ length: REVIEW_ITEMS_MAX + 1 }, () => 'x'))).toBe(false);
    expect(linesFit(['x'.repeat(2_001)])).toBe(false);
  });

  it('never yields an empty or padded item', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const line of linesOf(text)) {
          expect(line).not.toBe('');
          expect(line).toBe(line.trim());
          expect(line).not.toMatch(/[\r\n]/);
        }
      }),
    );
  });
});
