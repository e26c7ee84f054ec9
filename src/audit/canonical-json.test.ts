import { describe, expect, test } from 'vitest';
import { CanonicalJsonError, canonicalJson, canonicalJsonBytes } from '../crypto/index.js';
import { entryLeafHash } from './entry-leaf-hash.js';
import { leafHash } from './merkle-hash.js';
import { toHex } from './audit-test-helpers.testdata.js';

// Goal: audit leaves are RFC 8785 bytes, and values JSON cannot carry faithfully fail loudly
// with the path of the offending value instead of being silently dropped or rewritten.
describe('canonicalJson', () => {
  test('RFC 8785 section 3.2.3 example', () => {
    const input =
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
      '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
      '"literals":[null,true,false]}';
    const expected =
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  test('RFC 8785 property sorting by UTF-16 code units', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const text = canonicalJson(input);
    const positions = ['Carriage', 'One', 'Control', 'Latin', 'Euro', 'Emoji', 'Hebrew'].map(
      (word) => text.indexOf(word),
    );
    expect([...positions].sort((left, right) => left - right)).toEqual(positions);
  });

  test('key order of the input does not change the bytes or the leaf hash', () => {
    const first = { amount: { minor: '1250', currency: 'EUR' }, action: 'transfer', n: 1 };
    const second = { n: 1, action: 'transfer', amount: { currency: 'EUR', minor: '1250' } };
    expect(canonicalJson(first)).toBe(canonicalJson(second));
    expect(toHex(entryLeafHash(first))).toBe(toHex(entryLeafHash(second)));
    expect(toHex(entryLeafHash(first))).toBe(toHex(leafHash(canonicalJsonBytes(first))));
  });

  test.each([
    [{ amount: { minor: 10n } }, '$.amount.minor', /bigint.*decimal string/],
    [{ a: undefined }, '$.a', /undefined/],
    [[1, undefined], '$[1]', /undefined/],
    [{ a: [0, Number.NaN] }, '$.a[1]', /not finite/],
    [{ a: Number.POSITIVE_INFINITY }, '$.a', /not finite/],
    [{ f: () => 1 }, '$.f', /function/],
    [{ s: Symbol('x') }, '$.s', /symbol/],
    [{ at: new Date(0) }, '$.at', /plain objects/],
    [{ m: new Map() }, '$.m', /plain objects/],
    [{ b: new Uint8Array(2) }, '$.b', /plain objects/],
    [{ t: 'a\ud800b' }, '$.t', /surrogate/],
    [undefined, '$', /undefined/],
  ])('rejects %o at %s', (value, path, message) => {
    let caught: unknown;
    try {
      canonicalJson(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CanonicalJsonError);
    expect((caught as CanonicalJsonError).path).toBe(path);
    expect((caught as Error).message).toMatch(message);
  });

  test('rejects sparse arrays, symbol keys, cycles and excessive nesting', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(() => canonicalJson([1, , 3])).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ [Symbol('k')]: 1 })).toThrow(/symbol keys/);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
    let deep: unknown = 'leaf';
    for (let level = 0; level < 70; level += 1) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/deeper than 64/);
    expect(() => canonicalJson(Array.from({ length: 100_001 }, () => 0))).toThrow(/values/);
  });

  test('accepts null-prototype objects, -0, nested arrays and unicode', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: [-0, 'ü', null] });
    expect(canonicalJson(bare)).toBe('{"a":[0,"ü",null],"b":1}');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(null)).toBe('null');
  });
});
