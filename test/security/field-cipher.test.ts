import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decryptField,
  encryptField,
  FieldDecryptionError,
  fieldKeyVersion,
  type FieldLocation,
} from '../../src/security/field-encryption/index.js';
import { lengthPrefixed } from '../../src/security/field-encryption/length-prefixed.js';
import { PERSONAL_FIELD_LENGTH_MAX } from '../../src/security/index.js';

// Goal: a field decrypts only to what was encrypted, and only where it was encrypted. Method:
// random strings up to the field limit (any Unicode), random keys and places; then one flipped
// bit anywhere in the stored text's payload, or one changed AAD component, must fail.

const KEY = randomBytes(32);
const PLACE: FieldLocation = {
  table: 'customers',
  column: 'idNumber',
  recordId: 'cus_01JABCDEF',
  platformId: 'plt_01JABCDEF',
};
const text = fc.string({ unit: 'grapheme', maxLength: PERSONAL_FIELD_LENGTH_MAX });
const version = fc.integer({ min: 1, max: 1_000_000 });
const place = fc.record({
  table: fc.constantFrom('customers', 'customer_bank_accounts'),
  column: fc.constantFrom('name', 'idNumber', 'phone', 'accountNumber'),
  recordId: fc.string({ minLength: 1, maxLength: 40 }),
  platformId: fc.string({ minLength: 1, maxLength: 40 }),
});

describe('field cipher', () => {
  it('round-trips any string up to the field limit', () => {
    fc.assert(
      fc.property(text, version, place, (plaintext, keyVersion, location) => {
        const sealed = encryptField(KEY, keyVersion, location, plaintext);
        expect(sealed.startsWith(`enc:v1:${keyVersion}:`)).toBe(true);
        expect(fieldKeyVersion(sealed)).toBe(keyVersion);
        expect(decryptField(KEY, location, sealed)).toBe(plaintext);
      }),
      { numRuns: 300 },
    );
  });

  it('uses a fresh IV each time: the same value never gives the same ciphertext', () => {
    const a = encryptField(KEY, 1, PLACE, '110105194912310021');
    const b = encryptField(KEY, 1, PLACE, '110105194912310021');
    expect(a).not.toBe(b);
  });

  it('fails on any single flipped bit of iv, ciphertext or tag', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 0, max: 7 }), (plaintext, at, bit) => {
        const sealed = encryptField(KEY, 3, PLACE, plaintext);
        const [, , v, payload] = sealed.split(':');
        const bytes = Buffer.from(payload as string, 'base64url');
        const index = at % bytes.length;
        bytes[index] = (bytes[index] as number) ^ (1 << bit);
        const tampered = `enc:v1:${v}:${bytes.toString('base64url')}`;
        expect(() => decryptField(KEY, PLACE, tampered)).toThrow(FieldDecryptionError);
      }),
      { numRuns: 300 },
    );
  });

  it('fails when any AAD component differs: table, column, record, platform or version', () => {
    const changed = fc.oneof(
      fc.string({ maxLength: 30 }).map((s) => ({ table: `${PLACE.table}${s}x` })),
      fc.string({ maxLength: 30 }).map((s) => ({ column: `${s}y` })),
      fc.string({ maxLength: 30 }).map((s) => ({ recordId: `${PLACE.recordId}${s}z` })),
      fc.string({ maxLength: 30 }).map((s) => ({ platformId: `${s}w${PLACE.platformId}` })),
    );
    fc.assert(
      fc.property(text, changed, (plaintext, change) => {
        const sealed = encryptField(KEY, 5, PLACE, plaintext);
        const moved = { ...PLACE, ...change };
        expect(() => decryptField(KEY, moved, sealed)).toThrow(FieldDecryptionError);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(text, version, (plaintext, other) => {
        fc.pre(other !== 5);
        const sealed = encryptField(KEY, 5, PLACE, plaintext);
        const relabelled = sealed.replace(/^enc:v1:5:/, `enc:v1:${other}:`);
        expect(() => decryptField(KEY, PLACE, relabelled)).toThrow(FieldDecryptionError);
      }),
      { numRuns: 100 },
    );
  });

  it('fails under another key, and on text that is not a ciphertext', () => {
    const sealed = encryptField(KEY, 1, PLACE, 'Zhang San');
    expect(() => decryptField(randomBytes(32), PLACE, sealed)).toThrow(/authentication failed/);
    for (const bad of ['Zhang San', 'enc:v1:0:AAAA', 'enc:v2:1:AAAA', 'enc:v1:1:AA', 'enc:v1:1:']) {
      expect(() => decryptField(KEY, PLACE, bad)).toThrow(FieldDecryptionError);
    }
  });

  it('names the place in errors, never the content', () => {
    const secret = '110105194912310021';
    const sealed = encryptField(KEY, 1, PLACE, secret);
    try {
      decryptField(KEY, { ...PLACE, recordId: 'cus_other' }, sealed);
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('customers.idNumber of cus_other');
      expect(String(error)).not.toContain(secret);
    }
  });

  it('encodes part lists so that no shift of bytes between parts collides', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 5 }),
        fc.array(fc.string(), { maxLength: 5 }),
        (a, b) => {
          fc.pre(JSON.stringify(a) !== JSON.stringify(b));
          expect(lengthPrefixed('d', a).equals(lengthPrefixed('d', b))).toBe(false);
        },
      ),
    );
    expect(lengthPrefixed('d', ['ab', 'c']).equals(lengthPrefixed('d', ['a', 'bc']))).toBe(false);
  });
});
