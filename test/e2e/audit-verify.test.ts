/**
 * The console's in-browser inclusion verifier (web/src/audit/verify-inclusion.ts) against the
 * RFC 6962 eight-leaf test tree. Expected proofs come from the server's own core (StoredTree,
 * generateInclusionProof); the verifier hashes with WebCrypto, as it does in the browser.
 */
import { describe, expect, it } from 'vitest';
import {
  bytesToHex as serverHex,
  generateInclusionProof,
  hexToBytes as serverHexToBytes,
  leafHash as serverLeafHash,
  StoredTree,
} from '../../src/audit/index.js';
import { bytesToHex, hexToBytes } from '../../web/src/audit/audit-bytes.js';
import {
  entryLeafHash,
  leafHash,
  verifyInclusion,
  type InclusionInput,
} from '../../web/src/audit/verify-inclusion.js';

const LEAVES_HEX = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const ROOT_8 = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328';

const bytes = (hex: string) => hexToBytes(hex)!;
const leafHashes = LEAVES_HEX.map((hex) => serverLeafHash(serverHexToBytes(hex)!));
const tree = StoredTree.fromLeafHashes(leafHashes);

async function inputFor(index: number, size: number): Promise<InclusionInput> {
  return {
    leafHash: await leafHash(bytes(LEAVES_HEX[index]!)),
    leafIndex: index,
    treeSize: size,
    proof: generateInclusionProof(tree, index, size).map((hash) => new Uint8Array(hash)),
    rootHash: new Uint8Array(tree.rootAt(size)),
  };
}

const flipBit = (hash: Uint8Array, bit: number) => {
  const copy = new Uint8Array(hash);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
};

describe('in-browser inclusion verifier', () => {
  it('hashes leaves like the server, via WebCrypto', async () => {
    for (const [index, hex] of LEAVES_HEX.entries()) {
      expect(bytesToHex(await leafHash(bytes(hex)))).toBe(serverHex(leafHashes[index]!));
    }
    const text = '{"action":"платёж","note":"审计"}';
    expect(bytesToHex(await entryLeafHash(text))).toBe(
      serverHex(serverLeafHash(new TextEncoder().encode(text))),
    );
  });

  it('reaches the RFC 6962 root 5dc9…4328 from every leaf of the 8-leaf tree', async () => {
    expect(serverHex(tree.rootAt(8))).toBe(ROOT_8);
    for (let index = 0; index < 8; index += 1) {
      const input = await inputFor(index, 8);
      const result = await verifyInclusion({ ...input, rootHash: bytes(ROOT_8) });
      expect(result).toMatchObject({ verified: true, failure: null });
      expect(result.steps).toHaveLength(3);
      expect(bytesToHex(result.steps.at(-1)!.running)).toBe(ROOT_8);
    }
  });

  it('records the path: sides follow the index bits for leaf 5 of 8', async () => {
    const result = await verifyInclusion(await inputFor(5, 8));
    expect(result.steps.map((step) => step.side)).toEqual(['left', 'right', 'left']);
    const proof = generateInclusionProof(tree, 5, 8).map(serverHex);
    expect(result.steps.map((step) => bytesToHex(step.sibling))).toEqual(proof);
  });

  it('verifies every leaf of every smaller tree (ragged right edges)', async () => {
    for (let size = 1; size <= 8; size += 1) {
      for (let index = 0; index < size; index += 1) {
        const result = await verifyInclusion(await inputFor(index, size));
        expect(result.verified, `leaf ${index} of ${size}`).toBe(true);
      }
    }
  });

  it('refuses a flipped bit in the leaf, a proof hash or the root', async () => {
    const input = await inputFor(3, 8);
    const leaf = await verifyInclusion({ ...input, leafHash: flipBit(input.leafHash, 7) });
    expect(leaf).toMatchObject({ verified: false, failure: 'root_mismatch' });
    for (let position = 0; position < input.proof.length; position += 1) {
      const proof = input.proof.map((hash, at) => (at === position ? flipBit(hash, 100) : hash));
      expect((await verifyInclusion({ ...input, proof })).failure).toBe('root_mismatch');
    }
    const root = await verifyInclusion({ ...input, rootHash: flipBit(input.rootHash, 255) });
    expect(root.failure).toBe('root_mismatch');
  });

  it('refuses the right proof under a wrong index', async () => {
    const input = await inputFor(3, 8);
    for (const leafIndex of [0, 2, 4, 7]) {
      expect((await verifyInclusion({ ...input, leafIndex })).verified).toBe(false);
    }
    expect((await verifyInclusion({ ...input, leafIndex: 8 })).failure).toBe('index_out_of_range');
  });

  it('refuses a truncated, an extended or an empty proof', async () => {
    const input = await inputFor(6, 8);
    const truncated = await verifyInclusion({ ...input, proof: input.proof.slice(0, 2) });
    expect(truncated.failure).toBe('proof_too_short');
    const extended = await verifyInclusion({
      ...input,
      proof: [...input.proof, input.proof[0]!],
    });
    expect(extended.failure).toBe('proof_too_long');
    expect((await verifyInclusion({ ...input, proof: [] })).verified).toBe(false);
  });

  it('refuses a wrong tree size and malformed hashes', async () => {
    const input = await inputFor(2, 5);
    // (Size 8 would walk the same sides for leaf 2: the root, not the size, binds the tree.)
    expect((await verifyInclusion({ ...input, treeSize: 3 })).verified).toBe(false);
    expect((await verifyInclusion({ ...input, treeSize: 4 })).verified).toBe(false);
    const short = await verifyInclusion({ ...input, proof: [input.proof[0]!.subarray(1)] });
    expect(short.failure).toBe('bad_input');
    expect((await verifyInclusion({ ...input, leafIndex: -1 })).failure).toBe('bad_input');
  });

  it('accepts the single-leaf tree only with an empty proof', async () => {
    const input = await inputFor(0, 1);
    expect(input.proof).toEqual([]);
    expect((await verifyInclusion(input)).verified).toBe(true);
    const extra = await verifyInclusion({ ...input, proof: [input.leafHash] });
    expect(extra.failure).toBe('proof_too_long');
  });
});
