import { assert } from '../assert.js';
import { TREE_LEVELS_MAX } from './audit-limits.js';

/**
 * Bit helpers for tree sizes and indexes up to 2^53-1. JavaScript bitwise operators truncate to
 * 32 bits, which would silently corrupt trees past 2^31 leaves, so these use arithmetic only.
 */

export function isTreeCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isOdd(value: number): boolean {
  return value % 2 === 1;
}

/** Shift right by one bit. */
export function halve(value: number): number {
  return Math.floor(value / 2);
}

export function isPowerOfTwo(value: number): boolean {
  assert(isTreeCount(value), 'isPowerOfTwo: not a tree count');
  if (value === 0) return false;
  let power = 1;
  for (let level = 0; level <= TREE_LEVELS_MAX && power < value; level += 1) power *= 2;
  return power === value;
}

/** The largest power of two strictly below `value`: the RFC 6962 split point `k`. */
export function largestPowerOfTwoBelow(value: number): number {
  assert(isTreeCount(value), 'largestPowerOfTwoBelow: not a tree count');
  assert(value >= 2, 'largestPowerOfTwoBelow: needs at least two leaves');
  let power = 1;
  for (let level = 0; level <= TREE_LEVELS_MAX && power * 2 < value; level += 1) power *= 2;
  assert(power < value, 'largestPowerOfTwoBelow: power must be below value');
  assert(power * 2 >= value, 'largestPowerOfTwoBelow: power must be the largest');
  return power;
}

/** Number of set bits: the count of perfect subtrees a tree of `value` leaves splits into. */
export function bitCount(value: number): number {
  assert(isTreeCount(value), 'bitCount: not a tree count');
  let count = 0;
  let rest = value;
  while (rest > 0) {
    if (isOdd(rest)) count += 1;
    rest = halve(rest);
  }
  return count;
}
