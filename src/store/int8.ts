import { assert } from '../assert.js';

/**
 * The one place int8 becomes bigint. pg returns int8 as a string; PGlite's own API returns a
 * number below 2^53 and a BigInt above; both are accepted so no caller has to care.
 */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string') {
    assert(/^-?[0-9]+$/.test(value), `not an integer: ${value}`);
    return BigInt(value);
  }
  if (typeof value === 'number') {
    assert(Number.isSafeInteger(value), `unsafe integer: ${value}`);
    return BigInt(value);
  }
  throw new Error(`not an int8 value: ${String(value)}`);
}
