import { describe, expect, test } from 'vitest';
import { generateInclusionProof, planInclusionProof } from './inclusion-proof.js';
import { leafHash, type Hash } from './merkle-hash.js';
import { MemoizedLeafReader } from './memoized-leaf-reader.js';
import { flipBit, fromHex, toHex } from './audit-test-helpers.testdata.js';
import {
  RFC6962_INCLUSION_VECTORS,
  RFC6962_LEAVES_HEX,
  RFC6962_ROOTS_HEX,
} from './rfc6962-vectors.testdata.js';
import { StoredTree } from './stored-tree.js';
import { verifyInclusion, type InclusionClaim } from './verify-inclusion.js';

// Goal: generated inclusion proofs equal the RFC PATH output computed by an independent
// implementation, verify, and every malformed variant of them is rejected with a reason.
const leafHashes = RFC6962_LEAVES_HEX.map((hex) => leafHash(fromHex(hex)));
const stored = StoredTree.fromLeafHashes(leafHashes);
const memoized = new MemoizedLeafReader(leafHashes);

function claimFor(leafIndex: number, treeSize: number, proof: readonly Hash[]): InclusionClaim {
  return {
    leafHash: leafHashes[leafIndex] ?? leafHashes[0]!,
    leafIndex,
    treeSize,
    proof,
    rootHash: fromHex(RFC6962_ROOTS_HEX[treeSize]!),
  };
}

describe('inclusion proofs on the RFC 6962 test tree', () => {
  test.each(RFC6962_INCLUSION_VECTORS)(
    'leaf $leafIndex of $treeSize matches the reference and verifies',
    ({ leafIndex, treeSize, proof }) => {
      expect(generateInclusionProof(stored, leafIndex, treeSize).map(toHex)).toEqual(proof);
      expect(generateInclusionProof(memoized, leafIndex, treeSize).map(toHex)).toEqual(proof);
      expect(verifyInclusion(claimFor(leafIndex, treeSize, proof.map(fromHex)))).toEqual({
        ok: true,
      });
    },
  );

  test('a published CT vector: leaf 0 of 8', () => {
    expect(generateInclusionProof(stored, 0, 8).map(toHex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
  });
});

describe('inclusion proof rejection', () => {
  const cases = RFC6962_INCLUSION_VECTORS.filter((vector) => vector.treeSize > 1);

  test.each(cases)('tampered proofs for leaf $leafIndex of $treeSize fail', (vector) => {
    const proof = vector.proof.map(fromHex);
    const claim = claimFor(vector.leafIndex, vector.treeSize, proof);
    const reason = (changes: Partial<InclusionClaim>): string | undefined => {
      const verdict = verifyInclusion({ ...claim, ...changes });
      return verdict.ok ? undefined : verdict.reason;
    };
    expect(reason({ rootHash: fromHex(RFC6962_ROOTS_HEX[vector.treeSize - 1]!) })).toBe(
      'root_mismatch',
    );
    expect(reason({ proof: proof.slice(0, -1) })).toBe('proof_too_short');
    expect(reason({ proof: [...proof, proof[0]!] })).toBe('proof_too_long');
    expect(reason({ proof: [] })).toBe('proof_too_short');
    expect(reason({ leafHash: flipBit(claim.leafHash, 3) })).toBe('root_mismatch');
    proof.forEach((_, position) => {
      for (const bit of [0, 7, 100, 255]) {
        const flipped = proof.map((hash, at) => (at === position ? flipBit(hash, bit) : hash));
        expect(reason({ proof: flipped })).toBe('root_mismatch');
      }
    });
    const otherIndex = (vector.leafIndex + 1) % vector.treeSize;
    expect(reason({ leafIndex: otherIndex })).toBeDefined();
    expect(reason({ leafIndex: vector.treeSize })).toBe('leaf_index_out_of_range');
    // The size is only bound through the root: claim the next size with that size's root.
    if (vector.treeSize < 8) {
      const nextRoot = fromHex(RFC6962_ROOTS_HEX[vector.treeSize + 1]!);
      expect(reason({ treeSize: vector.treeSize + 1, rootHash: nextRoot })).toBeDefined();
    }
  });

  test('malformed inputs are reasons, not exceptions', () => {
    const claim = claimFor(2, 5, generateInclusionProof(stored, 2, 5));
    const reason = (changes: Record<string, unknown>): unknown => {
      const verdict = verifyInclusion({ ...claim, ...changes } as InclusionClaim);
      return verdict.ok ? 'ok' : verdict.reason;
    };
    expect(reason({})).toBe('ok');
    expect(reason({ leafIndex: -1 })).toBe('invalid_leaf_index');
    expect(reason({ leafIndex: 1.5 })).toBe('invalid_leaf_index');
    expect(reason({ leafIndex: '2' })).toBe('invalid_leaf_index');
    expect(reason({ treeSize: Number.NaN })).toBe('invalid_tree_size');
    expect(reason({ treeSize: 2 ** 53 })).toBe('invalid_tree_size');
    expect(reason({ treeSize: 0, leafIndex: 0 })).toBe('leaf_index_out_of_range');
    expect(reason({ rootHash: new Uint8Array(31) })).toBe('malformed_hash');
    expect(reason({ proof: [new Uint8Array(33)] })).toBe('malformed_hash');
    expect(reason({ proof: Array.from({ length: 65 }, () => new Uint8Array(32)) })).toBe(
      'proof_too_long',
    );
  });

  test('a single-leaf tree needs an empty proof and the leaf as root', () => {
    const single = { leafHash: leafHashes[0]!, leafIndex: 0, treeSize: 1, proof: [] };
    expect(verifyInclusion({ ...single, rootHash: leafHashes[0]! }).ok).toBe(true);
    const extended = verifyInclusion({
      ...single,
      proof: [leafHashes[1]!],
      rootHash: leafHashes[0]!,
    });
    expect(extended).toEqual({ ok: false, reason: 'proof_too_long' });
  });

  test('planning rejects impossible requests as programmer errors', () => {
    expect(() => planInclusionProof(5, 5)).toThrow();
    expect(() => planInclusionProof(-1, 5)).toThrow();
    expect(() => generateInclusionProof(stored, 0, 9)).toThrow();
  });
});
