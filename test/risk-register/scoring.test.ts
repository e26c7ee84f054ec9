import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandOf,
  CONTROL_KINDS,
  CONTROL_OUTCOMES,
  EFFECTIVENESS_RATINGS,
  currentOutcome,
  effectivenessAfterTest,
  heatMapOf,
  residualOf,
  scoreOf,
  toleranceStatusOf,
  type ControlForScoring,
} from '../../src/risk-register/index.js';

/**
 * The residual-score method (RISK-REGISTER.md) as properties: residual never above inherent,
 * a failing control never lowers it, better controls never raise it.
 */
const point = fc.record({
  likelihood: fc.integer({ min: 1, max: 5 }),
  impact: fc.integer({ min: 1, max: 5 }),
});
const control = fc.record({
  controlId: fc.constantFrom('ctl_a', 'ctl_b', 'ctl_c', 'ctl_d'),
  kind: fc.constantFrom(...CONTROL_KINDS),
  declared: fc.constantFrom(...EFFECTIVENESS_RATINGS),
  latestOutcome: fc.constantFrom(null, ...CONTROL_OUTCOMES),
});
const controls = fc.array(control, { maxLength: 8 });
const RANK = { effective: 3, partially_effective: 2, not_tested: 1, ineffective: 0 } as const;

describe('residual score', () => {
  it('is never above the inherent score, cell by cell', () => {
    fc.assert(
      fc.property(point, controls, fc.boolean(), (inherent, list, cover) => {
        const { residual } = residualOf(inherent, list, cover);
        expect(residual.likelihood).toBeLessThanOrEqual(inherent.likelihood);
        expect(residual.impact).toBeLessThanOrEqual(inherent.impact);
        expect(residual.likelihood).toBeGreaterThanOrEqual(1);
        expect(residual.impact).toBeGreaterThanOrEqual(1);
        expect(scoreOf(residual)).toBeLessThanOrEqual(scoreOf(inherent));
      }),
    );
  });

  it('is not lowered by adding a control whose latest test failed', () => {
    fc.assert(
      fc.property(point, controls, control, fc.boolean(), (inherent, list, extra, cover) => {
        const failing: ControlForScoring = { ...extra, latestOutcome: 'fail' };
        const without = residualOf(inherent, list, cover).residual;
        const withFailing = residualOf(inherent, [...list, failing], cover).residual;
        expect(withFailing).toEqual(without);
      }),
    );
  });

  it('never drops when a control test turns from any result to fail', () => {
    fc.assert(
      fc.property(point, controls, control, fc.boolean(), (inherent, list, one, cover) => {
        const before = residualOf(inherent, [...list, one], cover).residual;
        const after = residualOf(
          inherent,
          [...list, { ...one, latestOutcome: 'fail' }],
          cover,
        ).residual;
        expect(scoreOf(after)).toBeGreaterThanOrEqual(scoreOf(before));
      }),
    );
  });

  it('never rises when a control is declared more effective', () => {
    fc.assert(
      fc.property(
        point,
        controls,
        control,
        fc.constantFrom(...EFFECTIVENESS_RATINGS),
        (inherent, list, one, better) => {
          fc.pre(RANK[better] >= RANK[one.declared]);
          const weak = residualOf(inherent, [...list, one], false).residual;
          const strong = residualOf(
            inherent,
            [...list, { ...one, declared: better }],
            false,
          ).residual;
          expect(strong.likelihood).toBeLessThanOrEqual(weak.likelihood);
          expect(strong.impact).toBeLessThanOrEqual(weak.impact);
        },
      ),
    );
  });

  it('takes two steps for an effective preventive control and one for a partial detective one', () => {
    const result = residualOf(
      { likelihood: 4, impact: 5 },
      [
        { controlId: 'ctl_a', kind: 'preventive', declared: 'effective', latestOutcome: 'pass' },
        {
          controlId: 'ctl_b',
          kind: 'detective',
          declared: 'partially_effective',
          latestOutcome: 'pass',
        },
      ],
      false,
    );
    expect(result.residual).toEqual({ likelihood: 2, impact: 4 });
    expect(result.basis.map((b) => b.steps)).toEqual([2, 1]);
  });

  it('does not stack controls of one kind, and counts transfer cover against impact', () => {
    const twoPartial: ControlForScoring[] = [
      {
        controlId: 'ctl_a',
        kind: 'corrective',
        declared: 'partially_effective',
        latestOutcome: 'pass',
      },
      {
        controlId: 'ctl_b',
        kind: 'detective',
        declared: 'partially_effective',
        latestOutcome: 'pass',
      },
    ];
    expect(residualOf({ likelihood: 3, impact: 5 }, twoPartial, false).residual.impact).toBe(4);
    expect(residualOf({ likelihood: 3, impact: 5 }, twoPartial, true).residual.impact).toBe(3);
  });
});

describe('effectiveness after a test', () => {
  it('counts a control never tested, or tested too long ago, one step weaker', () => {
    expect(effectivenessAfterTest('effective', null)).toBe('partially_effective');
    expect(effectivenessAfterTest('partially_effective', null)).toBe('ineffective');
    const untested = residualOf(
      { likelihood: 4, impact: 4 },
      [{ controlId: 'ctl_a', kind: 'preventive', declared: 'effective', latestOutcome: null }],
      false,
    );
    expect(untested.residual.likelihood).toBe(3);
    const now = Date.UTC(2026, 5, 30);
    const day = 86_400_000;
    const ran = (daysAgo: number) => ({ outcome: 'pass' as const, ranAtMs: now - daysAgo * day });
    expect(currentOutcome(ran(13), 'weekly', now)).toBe('pass');
    expect(currentOutcome(ran(15), 'weekly', now)).toBeNull();
    expect(currentOutcome(ran(3), 'daily', now)).toBeNull();
    expect(currentOutcome(ran(150), 'quarterly', now)).toBe('pass');
    expect(currentOutcome(null, 'daily', now)).toBeNull();
  });

  it('fail makes a control ineffective, error downgrades one step, pass keeps the rating', () => {
    expect(effectivenessAfterTest('effective', 'fail')).toBe('ineffective');
    expect(effectivenessAfterTest('effective', 'error')).toBe('partially_effective');
    expect(effectivenessAfterTest('partially_effective', 'error')).toBe('ineffective');
    expect(effectivenessAfterTest('not_tested', 'pass')).toBe('not_tested');
    // Never tested is no evidence, like an error: one step weaker, not fully effective.
    expect(effectivenessAfterTest('effective', null)).toBe('partially_effective');
  });
});

describe('bands and tolerance', () => {
  it('bands the 25-point score', () => {
    expect([1, 4, 5, 9, 10, 15, 16, 25].map(bandOf)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    expect(() => bandOf(26)).toThrow();
    expect(() => scoreOf({ likelihood: 6, impact: 1 })).toThrow();
  });

  it('places a residual score against appetite and tolerance', () => {
    expect(toleranceStatusOf(4, 4, 8)).toBe('within_appetite');
    expect(toleranceStatusOf(8, 4, 8)).toBe('above_appetite');
    expect(toleranceStatusOf(9, 4, 8)).toBe('above_tolerance');
  });
});

describe('heat map', () => {
  it('counts every risk once in each grid', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(point, controls), { maxLength: 40 }), (items) => {
        const risks = items.map(([inherent, list], index) => ({
          id: `rsk_${index}`,
          code: `R-${index}`,
          inherent,
          residual: residualOf(inherent, list, false).residual,
        }));
        const map = heatMapOf(risks);
        const total = (grid: number[][]) => grid.flat().reduce((a, b) => a + b, 0);
        expect(total(map.inherent)).toBe(risks.length);
        expect(total(map.residual)).toBe(risks.length);
        for (const risk of risks)
          expect(
            map.inherent[risk.inherent.likelihood - 1]?.[risk.inherent.impact - 1],
          ).toBeGreaterThan(0);
      }),
    );
  });
});
