import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_STATES,
  DISPOSITIONS,
  allowedCommands,
  applyCaseCommand,
  closeNeedsSecondPerson,
  type CaseCommand,
  type CaseLifecycle,
} from './case-state.js';

const fresh: CaseLifecycle = { state: 'open', disposition: null, closeReason: null };
const goodReason = 'the counterparty is the customer’s own salary account';

describe('case state machine', () => {
  it('walks open → investigating → escalated → closed', () => {
    let current = fresh;
    const steps: CaseCommand[] = [
      { kind: 'start_investigation' },
      { kind: 'escalate' },
      { kind: 'close', disposition: 'referred', reason: goodReason },
    ];
    for (const step of steps) {
      const next = applyCaseCommand(current, step);
      expect(next.ok).toBe(true);
      if (next.ok) current = next.value;
    }
    expect(current).toEqual({ state: 'closed', disposition: 'referred', closeReason: goodReason });
  });

  it('refuses illegal transitions with a message naming what is allowed', () => {
    const closeFromOpen = applyCaseCommand(fresh, {
      kind: 'close',
      disposition: 'false_positive',
      reason: goodReason,
    });
    expect(closeFromOpen).toEqual({
      ok: false,
      error: {
        code: 'illegal_transition',
        message:
          "a case that is open cannot take 'close'; it accepts start_investigation, escalate",
      },
    });
    const closed: CaseLifecycle = {
      state: 'closed',
      disposition: 'frozen',
      closeReason: goodReason,
    };
    const again = applyCaseCommand(closed, { kind: 'escalate' });
    expect(again.ok === false && again.error.code).toBe('case_closed');
    const back = applyCaseCommand(fresh, { kind: 'return_to_investigation' });
    expect(back.ok === false && back.error.code).toBe('illegal_transition');
  });

  it('refuses a close without a known disposition or without a written reason', () => {
    const investigating: CaseLifecycle = { ...fresh, state: 'investigating' };
    const noDisposition = applyCaseCommand(investigating, {
      kind: 'close',
      disposition: 'fine',
      reason: goodReason,
    });
    expect(noDisposition.ok === false && noDisposition.error.code).toBe('disposition_required');
    const blank = applyCaseCommand(investigating, {
      kind: 'close',
      disposition: 'false_positive',
      reason: '      ok        ',
    });
    expect(blank.ok === false && blank.error.code).toBe('reason_required');
  });

  it('asks for a second person on high and critical cases and on every reporting decision', () => {
    expect(closeNeedsSecondPerson('low', 'false_positive')).toBe(false);
    expect(closeNeedsSecondPerson('medium', 'remediated')).toBe(false);
    expect(closeNeedsSecondPerson('high', 'false_positive')).toBe(true);
    expect(closeNeedsSecondPerson('critical', 'frozen')).toBe(true);
    expect(closeNeedsSecondPerson('low', 'confirmed_reported')).toBe(true);
  });

  it('property: no sequence of commands closes a case without a disposition and a reason', () => {
    const command = fc.oneof(
      fc.constant<CaseCommand>({ kind: 'start_investigation' }),
      fc.constant<CaseCommand>({ kind: 'escalate' }),
      fc.constant<CaseCommand>({ kind: 'return_to_investigation' }),
      fc.record({
        kind: fc.constant('close' as const),
        disposition: fc.oneof(fc.constantFrom(...DISPOSITIONS), fc.string({ maxLength: 20 })),
        reason: fc.oneof(fc.string({ maxLength: 30 }), fc.constant(goodReason)),
      }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let current = fresh;
        for (const next of commands) {
          const result = applyCaseCommand(current, next);
          if (!result.ok) continue;
          expect(CASE_STATES).toContain(result.value.state);
          if (current.state === 'closed') throw new Error('closed accepted a command');
          current = result.value;
          if (current.state === 'closed') {
            expect(DISPOSITIONS).toContain(current.disposition);
            expect((current.closeReason ?? '').trim().length).toBeGreaterThanOrEqual(10);
          } else {
            expect(current.disposition).toBeNull();
          }
        }
      }),
    );
  });

  it('lists the commands each state accepts; closed accepts none', () => {
    expect(allowedCommands('closed')).toEqual([]);
    expect(allowedCommands('escalated')).toEqual(['return_to_investigation', 'close']);
  });
});
