import { describe, expect, test } from 'vitest';
import {
  bitCount,
  halve,
  isOdd,
  isPowerOfTwo,
  isTreeCount,
  largestPowerOfTwoBelow,
} from './safe-integer-bits.js';

// Goal: size arithmetic stays exact past 2^31, where JavaScript's bitwise operators would
// silently truncate, up to the largest safe integer.
describe('safe integer bit helpers', () => {
  test('powers of two up to 2^52', () => {
    for (let exponent = 0; exponent <= 52; exponent += 1) {
      const power = 2 ** exponent;
      expect(isPowerOfTwo(power)).toBe(true);
      if (power > 2) expect(isPowerOfTwo(power + 1)).toBe(false);
      if (power > 2) expect(isPowerOfTwo(power - 1)).toBe(false);
      expect(largestPowerOfTwoBelow(power + 1)).toBe(power);
      if (power >= 2) expect(largestPowerOfTwoBelow(power)).toBe(power / 2);
    }
    expect(isPowerOfTwo(0)).toBe(false);
  });

  test('values beyond 32 bits', () => {
    const big = 2 ** 40 + 2 ** 33 + 7;
    expect(isOdd(big)).toBe(true);
    expect(halve(big)).toBe(2 ** 39 + 2 ** 32 + 3);
    expect(bitCount(big)).toBe(5);
    expect(bitCount(Number.MAX_SAFE_INTEGER)).toBe(53);
    expect(largestPowerOfTwoBelow(Number.MAX_SAFE_INTEGER)).toBe(2 ** 52);
  });

  test('tree counts are non-negative safe integers', () => {
    expect(isTreeCount(0)).toBe(true);
    expect(isTreeCount(Number.MAX_SAFE_INTEGER)).toBe(true);
    for (const bad of [-1, 0.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, '1', 1n, null]) {
      expect(isTreeCount(bad)).toBe(false);
    }
    expect(() => largestPowerOfTwoBelow(1)).toThrow();
    expect(() => bitCount(-1)).toThrow();
  });
});
