import { describe, expect, test } from 'vitest';
import { generateConsistencyProof, planConsistencyProof } from './consistency-proof.js';
import { emptyRootHash, leafHash, type Hash } from './merkle-hash.js';
import { MemoizedLeafReader } from './memoized-leaf-reader.js';
import { flipBit, fromHex, toHex } from './audit-test-helpers.testdata.js';
import {
  RFC6962_CONSISTENCY_VECTORS,
  RFC6962_LEAVES_HEX,
  RFC6962_ROOTS_HEX,
} from './rfc6962-vectors.testdata.js';
import { StoredTree } from './stored-tree.js';
import { verifyConsistency, type ConsistencyClaim } from './verify-consistency.js';

// Goal: consistency proofs equal the RFC SUBPROOF output of an independent implementation,
// verify, and tampering of any kind (sizes, roots, path) is rejected with a reason.
const leafHashes = RFC6962_LEAVES_HEX.map((hex) => leafHash(fromHex(hex)));
const stored = StoredTree.fromLeafHashes(leafHashes);
const memoized = new MemoizedLeafReader(leafHashes);
const root = (size: number): Hash => fromHex(RFC6962_ROOTS_HEX[size]!);

function claimFor(firstSize: number, secondSize: number, proof: readonly Hash[]): ConsistencyClaim {
  return {
    firstSize,
    secondSize,
    firstRootHash: root(firstSize),
    secondRootHash: root(secondSize),
    proof,
  };
}

function reasonOf(claim: ConsistencyClaim): string {
  const verdict = verifyConsistency(claim);
  return verdict.ok ? 'ok' : verdict.reason;
}

describe('consistency proofs on the RFC 6962 test tree', () => {
  test.each(RFC6962_CONSISTENCY_VECTORS)(
    '$firstSize -> $secondSize matches the reference and verifies',
    ({ firstSize, secondSize, proof }) => {
      expect(generateConsistencyProof(stored, firstSize, secondSize).map(toHex)).toEqual(proof);
      expect(generateConsistencyProof(memoized, firstSize, secondSize).map(toHex)).toEqual(proof);
      expect(reasonOf(claimFor(firstSize, secondSize, proof.map(fromHex)))).toBe('ok');
    },
  );

  test('published CT vector: 2 -> 5', () => {
    expect(generateConsistencyProof(stored, 2, 5).map(toHex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  test('equal sizes and the empty first tree need an empty proof', () => {
    for (let size = 0; size <= 8; size += 1) {
      expect(generateConsistencyProof(stored, size, size)).toEqual([]);
      expect(reasonOf(claimFor(size, size, []))).toBe('ok');
      expect(generateConsistencyProof(stored, 0, size)).toEqual([]);
      expect(reasonOf(claimFor(0, size, []))).toBe('ok');
    }
    expect(reasonOf(claimFor(3, 3, [root(1)]))).toBe('proof_not_empty');
    expect(reasonOf({ ...claimFor(3, 3, []), secondRootHash: root(4) })).toBe(
      'second_root_mismatch',
    );
    expect(reasonOf(claimFor(0, 5, [root(1)]))).toBe('proof_not_empty');
    expect(reasonOf({ ...claimFor(0, 5, []), firstRootHash: root(1) })).toBe('first_root_mismatch');
    expect(toHex(claimFor(0, 5, []).firstRootHash)).toBe(toHex(emptyRootHash()));
  });
});

describe('consistency proof rejection', () => {
  test.each(RFC6962_CONSISTENCY_VECTORS)('tampered $firstSize -> $secondSize fails', (vector) => {
    const proof = vector.proof.map(fromHex);
    const claim = claimFor(vector.firstSize, vector.secondSize, proof);
    const first = vector.firstSize;
    const second = vector.secondSize;
    expect(reasonOf({ ...claim, proof: [] })).toBe('proof_empty');
    expect(reasonOf({ ...claim, proof: proof.slice(0, -1) })).not.toBe('ok');
    expect(reasonOf({ ...claim, proof: [...proof, proof[0]!] })).not.toBe('ok');
    expect(reasonOf({ ...claim, firstRootHash: root(first - 1) })).not.toBe('ok');
    expect(reasonOf({ ...claim, secondRootHash: root(second - 1) })).not.toBe('ok');
    const swappedRoots = { ...claim, firstRootHash: root(second), secondRootHash: root(first) };
    expect(reasonOf(swappedRoots)).not.toBe('ok');
    const swappedSizes = { ...claim, firstSize: second, secondSize: first };
    expect(reasonOf(swappedSizes)).toBe('first_size_exceeds_second');
    // Sizes are bound only through the roots, so a changed size comes with that size's root.
    if (second < 8) {
      const grown = { ...claim, secondSize: second + 1, secondRootHash: root(second + 1) };
      expect(reasonOf(grown)).not.toBe('ok');
    }
    if (first > 1) {
      const shrunk = { ...claim, firstSize: first - 1, firstRootHash: root(first - 1) };
      expect(reasonOf(shrunk)).not.toBe('ok');
    }
    proof.forEach((_, position) => {
      for (const bit of [0, 9, 128, 255]) {
        const flipped = proof.map((hash, at) => (at === position ? flipBit(hash, bit) : hash));
        expect(reasonOf({ ...claim, proof: flipped })).not.toBe('ok');
      }
    });
  });

  test('malformed inputs are reasons, not exceptions', () => {
    const claim = claimFor(3, 7, generateConsistencyProof(stored, 3, 7));
    const reason = (changes: Record<string, unknown>): string =>
      reasonOf({ ...claim, ...changes } as ConsistencyClaim);
    expect(reason({})).toBe('ok');
    expect(reason({ firstSize: -3 })).toBe('invalid_tree_size');
    expect(reason({ secondSize: 7.5 })).toBe('invalid_tree_size');
    expect(reason({ firstSize: 8 })).toBe('first_size_exceeds_second');
    expect(reason({ firstRootHash: new Uint8Array(5) })).toBe('malformed_hash');
    expect(reason({ proof: [...claim.proof.slice(1), 'x'] })).toBe('malformed_hash');
    expect(reason({ proof: Array.from({ length: 65 }, () => root(1)) })).toBe('proof_too_long');
  });

  test('planning rejects first > second as a programmer error', () => {
    expect(() => planConsistencyProof(5, 4)).toThrow();
    expect(() => generateConsistencyProof(stored, 1, 9)).toThrow();
  });
});
