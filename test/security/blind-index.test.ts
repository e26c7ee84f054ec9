import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLIND_INDEX_BITS,
  BLIND_INDEX_NAMES,
  blindIndexValue,
  deriveBlindIndexKey,
  normalizeAccountNumber,
  normalizeIdNumber,
  normalizePhone,
} from '../../src/security/field-encryption/index.js';

describe('blind index normalisation', () => {
  it('upper-cases ID numbers and drops all whitespace, full-width included', () => {
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('\t\u3000 ')).toBeNull();
  });

  it('writes phones in E.164, reading national numbers as Chinese', () => {
    const same = [
      '13912345678',
      '139 1234 5678',
      '139-1234-5678',
      '+86 139 1234 5678',
      '008613912345678',
      '8613912345678',
      '(+86) 139.1234.5678',
    ];
    for (const phone of same) expect(normalizePhone(phone)).toBe('+8613912345678');
    expect(normalizePhone('010-6512 3456')).toBe('+861065123456');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('+1 (415) 555-0100')).toBe('+14155550100');
    for (const bad of ['', 'call me', '+0123456789', '+1234567890123456', '12'])
      expect(normalizePhone(bad)).toBeNull();
  });

  it('keeps only the digits of bank account numbers', () => {
    expect(normalizeAccountNumber('6222 0212 3456 7890 123')).toBe('6222021234567890123');
    expect(normalizeAccountNumber('6222-0212-3456')).toBe('622202123456');
    expect(normalizeAccountNumber('no digits')).toBeNull();
  });
});

describe('blind index values', () => {
  const root = randomBytes(32);

  it('are BLIND_INDEX_BITS wide and stable for the same key and value', () => {
    const key = deriveBlindIndexKey(root, 'plt_a', 'idNumber');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (value) => {
        const index = blindIndexValue(key, value);
        expect(Number.isInteger(index)).toBe(true);
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThan(2 ** BLIND_INDEX_BITS);
        expect(blindIndexValue(key, value)).toBe(index);
      }),
    );
  });

  it('derive a different key per platform and per index', () => {
    const keys = new Set<string>();
    for (const platform of ['plt_a', 'plt_b'])
      for (const name of BLIND_INDEX_NAMES)
        keys.add(deriveBlindIndexKey(root, platform, name).toString('hex'));
    expect(keys.size).toBe(2 * BLIND_INDEX_NAMES.length);
  });

  it('spread values evenly: the coincidence rate matches R / 2^L', () => {
    // 2^17 distinct values into 2^16 buckets: C = 2 expected per bucket. A sound truncation
    // leaves e^-2 ≈ 13.5% of the buckets empty (Poisson) and none far over.
    const key = deriveBlindIndexKey(root, 'plt_a', 'phone');
    const rowsCount = 2 ** 17;
    const buckets = new Uint16Array(2 ** BLIND_INDEX_BITS);
    for (let n = 0; n < rowsCount; n += 1) {
      const index = blindIndexValue(key, `+86139${String(n).padStart(8, '0')}`);
      buckets[index] = (buckets[index] as number) + 1;
    }
    const empty = buckets.filter((count) => count === 0).length / buckets.length;
    expect(empty).toBeGreaterThan(0.125);
    expect(empty).toBeLessThan(0.145);
    expect(Math.max(...buckets)).toBeLessThan(18);
  });

  it('keep 2 ≤ C < √R over the documented range of rows', () => {
    const coincidences = (rows: number, entropyBits: number) =>
      rows / 2 ** Math.min(BLIND_INDEX_BITS, entropyBits);
    // Entropy estimates of blind-index.ts: ID number 37, phone 32, bank account 42 bits.
    for (const entropyBits of [37, 32, 42]) {
      for (const rows of [2 ** 17, 1e6, 1e7, 1e9, 2 ** 32 - 2 ** 20]) {
        const c = coincidences(rows, entropyBits);
        expect(c).toBeGreaterThanOrEqual(2);
        expect(c).toBeLessThan(Math.sqrt(rows));
      }
      expect(coincidences(2 ** 16, entropyBits)).toBeLessThan(2);
    }
  });
});
