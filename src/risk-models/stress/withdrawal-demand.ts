import { assert } from '../../assert.js';
import type { StressShock } from './stress-types.js';

const BASIS = 10_000n;

/** The amount a withdrawal run takes out in total, from the day's customer balances. */
export function withdrawalRunTotal(
  shock: Extract<StressShock, { kind: 'withdrawal_run' }>,
  balancesDescending: readonly bigint[],
  liabilitiesMinor: bigint,
): bigint {
  const share = BigInt(shock.shareBasisPoints);
  assert(share >= 0n && share <= BASIS, 'share in basis points 0..10000');
  if (shock.basis === 'balances') return (liabilitiesMinor * share) / BASIS;
  const count = BigInt(balancesDescending.length);
  const leaving = (count * share + BASIS - 1n) / BASIS;
  if (!shock.largestFirst) return count === 0n ? 0n : (liabilitiesMinor * leaving) / count;
  let total = 0n;
  for (let i = 0; i < Number(leaving); i += 1) total += balancesDescending[i] ?? 0n;
  return total;
}

/** Spreads an amount evenly over days; the remainder goes to the earliest days. */
export function spreadOverDays(totalMinor: bigint, days: number): bigint[] {
  assert(days >= 1, 'spread over at least one day');
  assert(totalMinor >= 0n, 'spread a non-negative amount');
  const count = BigInt(days);
  const each = totalMinor / count;
  const remainder = Number(totalMinor % count);
  return Array.from({ length: days }, (_, i) => each + (i < remainder ? 1n : 0n));
}
