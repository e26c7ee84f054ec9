import { describe, expect, it } from 'vitest';
import {
  addMonthsIso,
  DEFAULT_RISK_MODEL,
  isReviewOverdue,
  overrideNeedsApproval,
  highestFloor,
  stateAfterRating,
  type RatingState,
  type RiskScore,
} from '../../src/customer-risk/index.js';

// Goal: the review clock and overrides behave as documented. Method: pure state transitions.

const model = DEFAULT_RISK_MODEL;
const T0 = Date.parse('2026-01-31T08:00:00Z');
const score = (points: number, level: RiskScore['level']): RiskScore => ({
  score: points,
  level,
  reasons: [],
});

describe('review schedule', () => {
  it('adds calendar months, clamping the day to the month', () => {
    expect(addMonthsIso(T0, 1)).toBe('2026-02-28');
    expect(addMonthsIso(T0, 12)).toBe('2027-01-31');
    expect(addMonthsIso(Date.parse('2028-02-29T00:00:00Z'), 12)).toBe('2029-02-28');
  });

  it('is overdue from the day after the due date', () => {
    expect(isReviewOverdue('2026-03-01', Date.parse('2026-03-01T23:59:59Z'))).toBe(false);
    expect(isReviewOverdue('2026-03-01', Date.parse('2026-03-02T00:00:00Z'))).toBe(true);
  });
});

describe('stateAfterRating', () => {
  it('starts the clock at the first rating and follows the level in force', () => {
    const first = stateAfterRating(null, score(70, 'high'), model, 'rrt_1', 'on_demand', T0, 1);
    expect(first.nextReviewDate).toBe('2027-01-31');
    const lower = stateAfterRating(first, score(10, 'low'), model, 'rrt_2', 'batch', T0 + 1000, 1);
    expect(lower.lastReviewedAtMs).toBe(T0);
    expect(lower.nextReviewDate).toBe('2029-01-31');
    const reviewed = stateAfterRating(
      lower,
      score(10, 'low'),
      model,
      'rrt_3',
      'review',
      T0 + 2000,
      1,
    );
    expect(reviewed.lastReviewedAtMs).toBe(T0 + 2000);
  });

  it('keeps an override until the score rises above the one it was set against', () => {
    const overridden: RatingState = {
      ...stateAfterRating(null, score(40, 'medium'), model, 'rrt_1', 'on_demand', T0, 1),
      level: 'low',
      override: {
        level: 'low',
        reason: 'documented salary',
        by: 'stf_a',
        approvedBy: null,
        baseScore: 40,
        baseLevel: 'medium',
        modelVersion: 1,
      },
    };
    const same = stateAfterRating(overridden, score(40, 'medium'), model, 'rrt_2', 'batch', T0, 1);
    expect(same.level).toBe('low');
    expect(same.override?.level).toBe('low');
    const risen = stateAfterRating(overridden, score(45, 'medium'), model, 'rrt_3', 'batch', T0, 1);
    expect(risen.override).toBeNull();
    expect(risen.level).toBe('medium');
    // A new model version or a higher computed level lapses it too, at the same score.
    const remodelled = stateAfterRating(
      overridden,
      score(40, 'medium'),
      model,
      'rrt_4',
      'batch',
      T0,
      2,
    );
    expect(remodelled.override).toBeNull();
    const raised = stateAfterRating(overridden, score(40, 'high'), model, 'rrt_5', 'batch', T0, 1);
    expect(raised.override).toBeNull();
    expect(raised.level).toBe('high');
  });

  it('asks a second person to lower a computed high or go below a floor', () => {
    expect(overrideNeedsApproval('high', 'low', null)).toBe(true);
    expect(overrideNeedsApproval('high', 'medium', null)).toBe(true);
    expect(overrideNeedsApproval('high', 'high', 'high')).toBe(false);
    expect(overrideNeedsApproval('medium', 'low', null)).toBe(false);
    // A PEP or potential sanctions match set a medium floor: going below it needs two people.
    expect(overrideNeedsApproval('medium', 'low', 'medium')).toBe(true);
    expect(overrideNeedsApproval('low', 'high', null)).toBe(false);
    expect(highestFloor([{}, { floor: 'medium' }, { floor: 'high' }])).toBe('high');
    expect(highestFloor([{}])).toBeNull();
  });
});
