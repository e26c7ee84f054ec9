import { describe, expect, test } from 'vitest';
import { emptyRootHash, leafHash } from './merkle-hash.js';
import { flipBit, fromHex, toHex } from './audit-test-helpers.testdata.js';
import { computeRootFromLeafHashes, recomputeLeafHashes, recomputeRoot } from './recompute-root.js';
import { RFC6962_LEAVES_HEX, RFC6962_ROOTS_HEX } from './rfc6962-vectors.testdata.js';

// Goal: the audit verifier recomputes the root from leaf data alone and pinpoints the first
// stored leaf hash that disagrees with its data.
describe('root recomputation', () => {
  const data = RFC6962_LEAVES_HEX.map(fromHex);
  const stored = data.map((bytes) => leafHash(bytes));

  test('matches the reference root and reports no mismatch on clean data', () => {
    const result = recomputeRoot(data, stored);
    expect(toHex(result.rootHash)).toBe(RFC6962_ROOTS_HEX[8]);
    expect(result.treeSize).toBe(8);
    expect(result.mismatchIndexFirst).toBeNull();
    expect(result.mismatchCount).toBe(0);
  });

  test('reports the first and the number of tampered leaves', () => {
    const tampered = stored.map((hash, index) =>
      index === 3 || index === 6 ? flipBit(hash, 1) : hash,
    );
    const result = recomputeLeafHashes(data, tampered);
    expect(result.mismatchIndexFirst).toBe(3);
    expect(result.mismatchCount).toBe(2);
    // The root is computed from the data, so it still matches the honest tree.
    expect(toHex(recomputeRoot(data, tampered).rootHash)).toBe(RFC6962_ROOTS_HEX[8]);
  });

  test('changed data changes the root and is flagged at its index', () => {
    const changed = data.map((bytes, index) => (index === 5 ? Uint8Array.of(9) : bytes));
    const result = recomputeRoot(changed, stored);
    expect(result.mismatchIndexFirst).toBe(5);
    expect(toHex(result.rootHash)).not.toBe(RFC6962_ROOTS_HEX[8]);
  });

  test('empty log has the empty root; length mismatch is a programmer error', () => {
    expect(toHex(computeRootFromLeafHashes([]))).toBe(toHex(emptyRootHash()));
    expect(() => recomputeLeafHashes(data, stored.slice(1))).toThrow();
  });
});
