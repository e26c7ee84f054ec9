import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { compactRangeAppend, compactRangeRoot, emptyCompactRange } from './compact-range.js';
import { emptyRootHash, leafHash, nodeHash, nodeHashOfAdjacent } from './merkle-hash.js';
import { MemoizedLeafReader } from './memoized-leaf-reader.js';
import { fromHex, toHex } from './audit-test-helpers.testdata.js';
import { treeRootHash } from './proof-plan.js';
import { computeRootFromLeafHashes } from './recompute-root.js';
import { RFC6962_LEAVES_HEX, RFC6962_ROOTS_HEX } from './rfc6962-vectors.testdata.js';
import { StoredTree } from './stored-tree.js';

// Goal: pin the RFC 6962 hashing to published and independently computed values. The
// reference root of the 8-leaf test tree is the one Certificate Transparency code bases use;
// prefix roots come from a separate Python implementation of the recursive MTH definition.
const leafHashes = RFC6962_LEAVES_HEX.map((hex) => leafHash(fromHex(hex)));

describe('RFC 6962 hashing', () => {
  test('empty tree root is SHA-256 of the empty string', () => {
    expect(toHex(emptyRootHash())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  test('leaf and node hashes use the 0x00 and 0x01 prefixes', () => {
    const reference = (bytes: number[]): string =>
      createHash('sha256').update(Uint8Array.from(bytes)).digest('hex');
    expect(toHex(leafHash(Uint8Array.of(0x10)))).toBe(reference([0x00, 0x10]));
    const left = leafHash(Uint8Array.of(1));
    const right = leafHash(Uint8Array.of(2));
    expect(toHex(nodeHash(left, right))).toBe(reference([0x01, ...left, ...right]));
    const adjacent = new Uint8Array([...left, ...right]);
    expect(toHex(nodeHashOfAdjacent(adjacent, 0))).toBe(toHex(nodeHash(left, right)));
  });

  test('leaf hashing of data larger than the scratch buffer matches a streaming hash', () => {
    const data = new Uint8Array(100_000).map((_, index) => index % 251);
    const expected = createHash('sha256').update(Uint8Array.of(0)).update(data).digest('hex');
    expect(toHex(leafHash(data))).toBe(expected);
  });

  test('the 8-leaf test tree has the well-known root', () => {
    expect(toHex(computeRootFromLeafHashes(leafHashes))).toBe(
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    );
  });

  test('every prefix root agrees across all four root computations', () => {
    const stored = StoredTree.fromLeafHashes(leafHashes);
    const memoized = new MemoizedLeafReader(leafHashes);
    for (let size = 0; size <= leafHashes.length; size += 1) {
      const expected = RFC6962_ROOTS_HEX[size];
      const prefix = leafHashes.slice(0, size);
      expect(toHex(computeRootFromLeafHashes(prefix))).toBe(expected);
      expect(toHex(compactRangeRoot(compactRangeAppend(emptyCompactRange, prefix)))).toBe(expected);
      expect(toHex(stored.rootAt(size))).toBe(expected);
      expect(toHex(treeRootHash(memoized, size))).toBe(expected);
    }
  });

  test('node hashing rejects inputs that are not 32-byte hashes', () => {
    expect(() => nodeHash(new Uint8Array(31), new Uint8Array(32))).toThrow(/left/);
    expect(() => nodeHash(new Uint8Array(32), new Uint8Array(33))).toThrow(/right/);
  });
});
