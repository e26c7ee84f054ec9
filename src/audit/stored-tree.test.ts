import { describe, expect, test } from 'vitest';
import { sampleLeafHashes, toHex } from './audit-test-helpers.testdata.js';
import { generateInclusionProof } from './inclusion-proof.js';
import { computeRootFromLeafHashes } from './recompute-root.js';
import { StoredTree } from './stored-tree.js';

// Goal: the stored tree grows incrementally to the same state as a bulk build, serves
// historical roots and proofs, hands out copies, and refuses subtrees that are not complete.
describe('StoredTree', () => {
  const leaves = sampleLeafHashes(517);

  test('incremental appends equal a bulk build, at every size', () => {
    const incremental = new StoredTree();
    for (let size = 1; size <= leaves.length; size += 1) {
      incremental.appendLeafHash(leaves[size - 1]!);
      if (size % 47 === 0 || size === leaves.length) {
        expect(toHex(incremental.root())).toBe(
          toHex(computeRootFromLeafHashes(leaves.slice(0, size))),
        );
      }
    }
    const bulk = StoredTree.fromLeafHashes(leaves);
    expect(generateInclusionProof(incremental, 300, 400).map(toHex)).toEqual(
      generateInclusionProof(bulk, 300, 400).map(toHex),
    );
    expect(toHex(bulk.rootAt(100))).toBe(toHex(computeRootFromLeafHashes(leaves.slice(0, 100))));
  });

  test('subtree hashes are copies, and incomplete subtrees are refused', () => {
    const tree = StoredTree.fromLeafHashes(leaves.slice(0, 6));
    const hash = tree.subtreeHash({ level: 1, index: 2 });
    hash.fill(0);
    expect(toHex(tree.subtreeHash({ level: 1, index: 2 }))).not.toBe(toHex(hash));
    expect(() => tree.subtreeHash({ level: 2, index: 1 })).toThrow();
    expect(() => tree.subtreeHash({ level: 3, index: 0 })).toThrow();
    expect(() => tree.subtreeHash({ level: 0, index: 6 })).toThrow();
    expect(() => tree.rootAt(7)).toThrow();
  });
});
