import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLossAmounts, lossTotals } from '../../src/risk-register/index.js';

const minor = fc.bigInt({ min: 0n, max: 10n ** 15n });

describe('loss amounts', () => {
  it('net = gross − recoveries, never negative, refused when recoveries exceed gross', () => {
    fc.assert(
      fc.property(minor, minor, minor, minor, (gross, insurance, guarantee, other) => {
        const result = checkLossAmounts({
          kind: 'loss',
          grossLossMinor: gross,
          potentialLossMinor: 0n,
          recoveryInsuranceMinor: insurance,
          recoveryGuaranteeMinor: guarantee,
          recoveryOtherMinor: other,
        });
        const recovered = insurance + guarantee + other;
        if (recovered > gross) expect(result.ok).toBe(false);
        else expect(result).toEqual({ ok: true, netLossMinor: gross - recovered });
      }),
    );
  });

  it('refuses negative amounts, amounts over 10^15 and a near miss with a gross loss', () => {
    const base = {
      kind: 'loss' as const,
      grossLossMinor: 100n,
      potentialLossMinor: 0n,
      recoveryInsuranceMinor: 0n,
      recoveryGuaranteeMinor: 0n,
      recoveryOtherMinor: 0n,
    };
    expect(checkLossAmounts({ ...base, recoveryOtherMinor: -1n }).ok).toBe(false);
    expect(checkLossAmounts({ ...base, grossLossMinor: 10n ** 15n + 1n }).ok).toBe(false);
    expect(checkLossAmounts({ ...base, kind: 'near_miss' }).ok).toBe(false);
    expect(checkLossAmounts({ ...base, potentialLossMinor: 5n }).ok).toBe(false);
    expect(
      checkLossAmounts({ ...base, kind: 'near_miss', grossLossMinor: 0n, potentialLossMinor: 5n }),
    ).toEqual({ ok: true, netLossMinor: 0n });
  });

  it('totals per currency add up and never mix currencies', () => {
    const event = fc.record({
      currency: fc.constantFrom('CNY', 'USD', 'HKD'),
      kind: fc.constantFrom('loss' as const, 'near_miss' as const),
      grossLossMinor: minor,
      share: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (raw) => {
        const events = raw.map((e) => ({
          ...e,
          netLossMinor: (e.grossLossMinor * BigInt(e.share)) / 100n,
        }));
        const totals = lossTotals(events);
        expect(totals.map((t) => t.currency)).toEqual(
          [...new Set(events.map((e) => e.currency))].sort(),
        );
        for (const total of totals) {
          const mine = events.filter((e) => e.currency === total.currency);
          expect(total.events).toBe(mine.length);
          expect(total.netLossMinor).toBe(mine.reduce((a, e) => a + e.netLossMinor, 0n));
          expect(total.grossLossMinor - total.recoveredMinor).toBe(total.netLossMinor);
        }
      }),
    );
  });
});
