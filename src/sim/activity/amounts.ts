import { assert } from '../../assert.js';

/** CNY has two decimals: one yuan is 100 fen (minor units). */
export const FEN_PER_YUAN = 100n;

/** Whole yuan, rounded to a multiple of `stepYuan` and at least one step, in minor units. */
export function yuanMinor(yuan: number, stepYuan = 1): bigint {
  assert(Number.isFinite(yuan), 'amount must be finite');
  assert(Number.isInteger(stepYuan) && stepYuan >= 1, 'step must be a whole number of yuan');
  const steps = Math.max(1, Math.round(yuan / stepYuan));
  return BigInt(steps) * BigInt(stepYuan) * FEN_PER_YUAN;
}

/** Rounds minor units down to a multiple of `stepYuan` yuan (0 when below one step). */
export function floorToYuanStep(amountMinor: bigint, stepYuan: number): bigint {
  const step = BigInt(stepYuan) * FEN_PER_YUAN;
  return (amountMinor / step) * step;
}

/** Fraction of an amount in minor units (share in [0, 1]), rounded down to whole fen. */
export function shareOf(amountMinor: bigint, share: number): bigint {
  assert(share >= 0 && share <= 1, 'share must be within [0, 1]');
  return (amountMinor * BigInt(Math.floor(share * 10_000))) / 10_000n;
}
