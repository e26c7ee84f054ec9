import { randomBytes } from 'node:crypto';

const CROCKFORD_BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';
const ID_RANDOM_BYTES = 10;

/**
 * A time-ordered identifier: prefix, 10 base32 characters of milliseconds, 16 of randomness.
 * Sorting by id sorts by creation time to the millisecond, which keeps indexes append-mostly.
 */
export function newId(prefix: string, nowMs = Date.now()): string {
  let time = '';
  let remaining = nowMs;
  for (let index = 0; index < 10; index += 1) {
    time = CROCKFORD_BASE32[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = randomBytes(ID_RANDOM_BYTES);
  let tail = '';
  let bits = 0;
  let value = 0;
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      tail += CROCKFORD_BASE32[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${prefix}_${time}${tail}`;
}
