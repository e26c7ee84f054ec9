import { describe, expect, test } from 'vitest';
import {
  compactRangeAppend,
  compactRangeFromJson,
  compactRangeRoot,
  compactRangeToJson,
  emptyCompactRange,
} from './compact-range.js';
import { sampleLeafHashes, toHex } from './audit-test-helpers.testdata.js';
import { StoredTree } from './stored-tree.js';

// Goal: the frontier a database row holds is lossless, rejects damaged rows, never mutates
// its input, and reports exactly the perfect subtrees a store would have to persist.
describe('compact range', () => {
  const leaves = sampleLeafHashes(1_000);

  test('holds one hash per set bit of the size', () => {
    const range = compactRangeAppend(emptyCompactRange, leaves.slice(0, 13));
    expect(range.size).toBe(13);
    expect(range.hashes).toHaveLength(3);
  });

  test('appending returns a new range and leaves the old one untouched', () => {
    const before = compactRangeAppend(emptyCompactRange, leaves.slice(0, 7));
    const beforeHashes = before.hashes.map(toHex);
    const after = compactRangeAppend(before, leaves.slice(7, 8));
    expect(before.size).toBe(7);
    expect(before.hashes.map(toHex)).toEqual(beforeHashes);
    expect(after.hashes).toHaveLength(1);
    expect(Object.isFrozen(after.hashes)).toBe(true);
  });

  test('JSON round trip preserves size and root', () => {
    for (const size of [0, 1, 2, 3, 255, 256, 1_000]) {
      const range = compactRangeAppend(emptyCompactRange, leaves.slice(0, size));
      const json = JSON.parse(JSON.stringify(compactRangeToJson(range))) as unknown;
      const parsed = compactRangeFromJson(json);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.size).toBe(size);
      expect(toHex(compactRangeRoot(parsed.value))).toBe(toHex(compactRangeRoot(range)));
      const resumed = compactRangeAppend(parsed.value, leaves.slice(size, size + 10));
      const direct = compactRangeAppend(emptyCompactRange, leaves.slice(0, size + 10));
      expect(toHex(compactRangeRoot(resumed))).toBe(toHex(compactRangeRoot(direct)));
    }
  });

  test('damaged stored forms are rejected with a reason', () => {
    const good = compactRangeToJson(compactRangeAppend(emptyCompactRange, leaves.slice(0, 5)));
    const reason = (json: unknown): string => {
      const parsed = compactRangeFromJson(json);
      return parsed.ok ? 'ok' : parsed.reason;
    };
    expect(reason(good)).toBe('ok');
    expect(reason(null)).toBe('malformed_json');
    expect(reason('x')).toBe('malformed_json');
    expect(reason({ ...good, size: 5 })).toBe('invalid_size');
    expect(reason({ ...good, size: '05' })).toBe('invalid_size');
    expect(reason({ ...good, size: '-5' })).toBe('invalid_size');
    expect(reason({ ...good, size: '9007199254740993' })).toBe('invalid_size');
    expect(reason({ ...good, size: '7' })).toBe('invalid_hash');
    expect(reason({ ...good, hashes: 'ab' })).toBe('malformed_json');
    expect(reason({ ...good, hashes: [good.hashes[0], 'zz'] })).toBe('invalid_hash');
    expect(reason({ ...good, hashes: [good.hashes[0], good.hashes[1]!.toUpperCase()] })).toBe(
      'invalid_hash',
    );
    expect(reason({ ...good, hashes: [good.hashes[0], good.hashes[1]!.slice(2)] })).toBe(
      'invalid_hash',
    );
  });

  test('the subtree visitor reports exactly the stored tree nodes', () => {
    const seen = new Map<string, string>();
    let range = emptyCompactRange;
    for (let start = 0; start < 300; start += 37) {
      range = compactRangeAppend(
        range,
        leaves.slice(start, Math.min(300, start + 37)),
        (id, hash) => seen.set(`${id.level}/${id.index}`, toHex(hash)),
      );
    }
    const tree = StoredTree.fromLeafHashes(leaves.slice(0, 300));
    let expectedCount = 0;
    for (let level = 0; 2 ** level <= 300; level += 1) {
      for (let index = 0; (index + 1) * 2 ** level <= 300; index += 1) {
        expectedCount += 1;
        expect(seen.get(`${level}/${index}`)).toBe(toHex(tree.subtreeHash({ level, index })));
      }
    }
    expect(seen.size).toBe(expectedCount);
  });

  test('rejects leaves that are not hashes', () => {
    expect(() => compactRangeAppend(emptyCompactRange, [new Uint8Array(31)])).toThrow();
  });
});
