import { assert } from '../assert.js';
import { leafSecrets, packIds, reduceLevel, sliceNodes, type NodeLevel } from './pol-kernel.mjs';
import { toHex } from './pol-hash.js';
import { POL_PROOF_FORMAT, type PolNodeJson, type PolProof } from './pol-proof.js';

/** What a stored tree keeps to hand out proofs (see pol-store.ts). */
export interface StoredPolTree {
  treeId: string;
  platformId: string;
  currency: string;
  date: string;
  height: number;
  seed: Uint8Array;
  rootHash: Uint8Array;
  rootSum: Uint8Array;
  chunkLevel: number;
  chunkNodes: NodeLevel;
}

/** The leaves of one chunk: customer id (null for padding) and balance per offset. */
export interface ChunkLeaves {
  ids: (string | null)[];
  balances: BigUint64Array;
}

const nodeJson = (level: NodeLevel, index: number): PolNodeJson => ({
  hash: level.hashes.subarray(index * 32, index * 32 + 32).toString('hex'),
  maskedSum: level.sums.subarray(index * 16, index * 16 + 16).toString('hex'),
});

/**
 * A customer's proof from the stored chunk nodes and the leaves of the customer's chunk
 * alone: the chunk is rebuilt from the seed (salts and masks) and the stored balances, its
 * top must equal the stored chunk node, and the path continues through the stored nodes.
 */
export function polProofFromChunk(
  tree: StoredPolTree,
  position: number,
  leaves: ChunkLeaves,
): PolProof {
  const chunkSize = 2 ** tree.chunkLevel;
  const chunkIndex = Math.floor(position / chunkSize);
  const start = chunkIndex * chunkSize;
  assert(leaves.ids.length === chunkSize, 'a chunk holds 2^chunkLevel leaves');
  const customerId = leaves.ids[position - start];
  assert(typeof customerId === 'string', 'a proof is for a customer leaf');
  const path: PolNodeJson[] = [];
  let level: NodeLevel = sliceNodes(tree.seed, start, packIds(leaves.ids), leaves.balances, 0);
  let index = position - start;
  for (let step = 0; step < tree.chunkLevel; step += 1) {
    path.push(nodeJson(level, index ^ 1));
    level = reduceLevel(level.hashes, level.sums);
    index >>= 1;
  }
  const top = nodeJson(level, 0);
  const stored = nodeJson(tree.chunkNodes, chunkIndex);
  assert(
    top.hash === stored.hash && top.maskedSum === stored.maskedSum,
    'stored leaves must rebuild the stored chunk',
  );
  level = tree.chunkNodes;
  index = chunkIndex;
  for (let step = tree.chunkLevel; step < tree.height; step += 1) {
    path.push(nodeJson(level, index ^ 1));
    level = reduceLevel(level.hashes, level.sums);
    index >>= 1;
  }
  assert(level.hashes.equals(Buffer.from(tree.rootHash)), 'stored nodes must rebuild the root');
  const secrets = leafSecrets(tree.seed, position, 1);
  return {
    format: POL_PROOF_FORMAT,
    platformId: tree.platformId,
    currency: tree.currency,
    date: tree.date,
    treeId: tree.treeId,
    height: tree.height,
    root: { hash: toHex(tree.rootHash), maskedSum: toHex(tree.rootSum) },
    leaf: {
      position,
      customerId,
      balanceMinor: String(leaves.balances[position - start]),
      salt: secrets.subarray(0, 16).toString('hex'),
      mask: secrets.subarray(16, 32).toString('hex'),
    },
    path,
  };
}

/** Chunk leaves from (position, id, balance) rows of one chunk; absent positions are padding. */
export function chunkLeavesFrom(
  chunkLevel: number,
  chunkIndex: number,
  rows: readonly { position: number; customerId: string; balanceMinor: bigint }[],
): ChunkLeaves {
  const chunkSize = 2 ** chunkLevel;
  const ids = new Array<string | null>(chunkSize).fill(null);
  const balances = new BigUint64Array(chunkSize);
  for (const row of rows) {
    const offset = row.position - chunkIndex * chunkSize;
    assert(offset >= 0 && offset < chunkSize, 'leaf row outside its chunk');
    ids[offset] = row.customerId;
    balances[offset] = row.balanceMinor;
  }
  return { ids, balances };
}
