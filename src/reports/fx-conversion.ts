import { assert } from '../assert.js';

/** CNY per one unit of each foreign currency, in millionths, for one business day. */
export type CnyRates = ReadonlyMap<string, bigint>;

export const RATE_SCALE = 1_000_000n;
const CNY_EXPONENT = 2;

/** Rounds num/den half up; both non-negative, den positive. */
function divideHalfUp(num: bigint, den: bigint): bigint {
  assert(num >= 0n && den > 0n, 'non-negative division');
  return (num * 2n + den) / (den * 2n);
}

function rateOf(rates: CnyRates, currency: string): bigint {
  const rate = rates.get(currency);
  assert(rate !== undefined && rate > 0n, `no rate for ${currency}`);
  return rate;
}

/** `amountMinor` of `currency` (minor units, `exponent` decimals) in CNY fen. */
export function toCnyMinor(
  amountMinor: bigint,
  currency: string,
  exponent: number,
  rates: CnyRates,
): bigint {
  if (currency === 'CNY') return amountMinor;
  const num = amountMinor * rateOf(rates, currency) * 10n ** BigInt(CNY_EXPONENT);
  return divideHalfUp(num, 10n ** BigInt(exponent) * RATE_SCALE);
}

/** `amountMinor` of `currency` in US cents, across the two rates to CNY. */
export function toUsdMinor(
  amountMinor: bigint,
  currency: string,
  exponent: number,
  rates: CnyRates,
): bigint {
  if (currency === 'USD') return amountMinor;
  const sourceRate = currency === 'CNY' ? RATE_SCALE : rateOf(rates, currency);
  const num = amountMinor * sourceRate * 100n;
  return divideHalfUp(num, 10n ** BigInt(exponent) * rateOf(rates, 'USD'));
}
