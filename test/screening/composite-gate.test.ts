import { describe, expect, it } from 'vitest';
import type { GateDecision, InstructionGate } from '../../src/custody/instruction-gate.js';
import type { PreparedInstruction } from '../../src/custody/prepared-instruction.js';
import { CompositeGate, combineGateDecisions } from '../../src/screening/index.js';
import type { ObservingGate } from '../../src/screening/composite-gate.js';

// The composite of monitoring's gate and the screening gate, without a database: which action
// wins, which hold code and reviews the combined hold carries, and how a gate that throws shows.

const PREPARED = { id: 'ins_test' } as PreparedInstruction;
const ALLOW: GateDecision = { action: 'allow' };
const MONITOR_HOLD: GateDecision = {
  action: 'hold',
  reason: 'cn.third_party_funding: funded from a third party',
  ruleIds: ['cn.third_party_funding'],
};
const SCREEN_REASON = 'screening: payee matches "X" (internal:1) score 1.00';
const SCREEN_HOLD: GateDecision = {
  action: 'hold',
  reason: SCREEN_REASON,
  ruleIds: ['screening.watchlist_match'],
  holdReason: 'screening_review',
  reviewsRequired: ['screening'],
};
const MONITOR_REJECT: GateDecision = {
  action: 'reject',
  reason: 'platform.block: refused',
  ruleIds: ['platform.block'],
};

const fixed = (decision: GateDecision): InstructionGate => ({ check: () => decision });
const throwing: InstructionGate = {
  check: () => {
    throw new Error('engine unavailable');
  },
};

/** A gate that records what the composite tells it about the others. */
function observing(decision: GateDecision): ObservingGate & { seen: boolean[] } {
  const seen: boolean[] = [];
  return {
    seen,
    check: () => decision,
    observeCombined: (_prepared, _own, _combined, othersHold) => void seen.push(othersHold),
  };
}

describe('combineGateDecisions', () => {
  it('allows when every gate allows', () => {
    expect(combineGateDecisions([ALLOW, ALLOW])).toEqual({ action: 'allow' });
  });

  it('carries the code and reviews of the only gate that holds', () => {
    expect(combineGateDecisions([ALLOW, SCREEN_HOLD])).toEqual({
      action: 'hold',
      reason: SCREEN_REASON,
      ruleIds: ['screening.watchlist_match'],
      holdReason: 'screening_review',
      reviewsRequired: ['screening'],
    });
    expect(combineGateDecisions([MONITOR_HOLD, ALLOW])).toMatchObject({
      action: 'hold',
      holdReason: 'monitoring_review',
    });
    expect(combineGateDecisions([MONITOR_HOLD, ALLOW])).not.toHaveProperty('reviewsRequired');
  });

  it('holds with monitoring’s code when monitoring and screening both hold, keeping both', () => {
    for (const order of [
      [MONITOR_HOLD, SCREEN_HOLD],
      [SCREEN_HOLD, MONITOR_HOLD],
    ]) {
      const combined = combineGateDecisions(order);
      expect(combined).toMatchObject({
        action: 'hold',
        holdReason: 'monitoring_review',
        reviewsRequired: ['screening'],
      });
      expect(combined.action !== 'allow' && [...combined.ruleIds].sort()).toEqual([
        'cn.third_party_funding',
        'screening.watchlist_match',
      ]);
    }
  });

  it('unions the reviews of every gate that did not allow, once each', () => {
    const other: GateDecision = { ...MONITOR_HOLD, reviewsRequired: ['edd', 'screening'] };
    const combined = combineGateDecisions([SCREEN_HOLD, other, SCREEN_HOLD]);
    expect(combined).toMatchObject({ reviewsRequired: ['screening', 'edd'] });
  });

  it('rejects when any gate rejects, with every reason and rule id and no hold code', () => {
    const combined = combineGateDecisions([MONITOR_REJECT, SCREEN_HOLD]);
    expect(combined).toMatchObject({
      action: 'reject',
      ruleIds: ['platform.block', 'screening.watchlist_match'],
    });
    expect(combined).not.toHaveProperty('holdReason');
    expect(combined.action !== 'allow' && combined.reason).toContain('screening: payee matches');
  });
});

describe('CompositeGate', () => {
  it('turns a gate that throws into a visible hold: gate.unavailable, monitoring_unavailable', () => {
    const combined = new CompositeGate([throwing, fixed(ALLOW)]).check(PREPARED);
    expect(combined).toMatchObject({
      action: 'hold',
      ruleIds: ['gate.unavailable'],
      holdReason: 'monitoring_unavailable',
    });
    expect(combined.action !== 'allow' && combined.reason).toMatch(
      /^monitoring_unavailable: engine unavailable/,
    );
  });

  it('keeps the outage code when screening holds as well, and screening’s review', () => {
    const combined = new CompositeGate([throwing, fixed(SCREEN_HOLD)]).check(PREPARED);
    expect(combined).toMatchObject({
      action: 'hold',
      holdReason: 'monitoring_unavailable',
      reviewsRequired: ['screening'],
      ruleIds: ['gate.unavailable', 'screening.watchlist_match'],
    });
  });

  it('tells an observing gate whether any other gate did not allow (a throw counts)', () => {
    const cases: [InstructionGate, boolean][] = [
      [fixed(ALLOW), false],
      [fixed(MONITOR_HOLD), true],
      [fixed(MONITOR_REJECT), true],
      [throwing, true],
    ];
    for (const [other, expected] of cases) {
      const screen = observing(SCREEN_HOLD);
      new CompositeGate([other, undefined, screen]).check(PREPARED);
      expect(screen.seen).toEqual([expected]);
    }
  });
});
