// Proofs straight from an in-memory tree, the way the store hands them out (chunk rebuild).
import { buildPolTree, type PolEntry, type PolTree } from '../../src/pol/pol-build.js';
import { chunkLeavesFrom, polProofFromChunk, type StoredPolTree } from '../../src/pol/pol-path.js';
import type { PolProof } from '../../src/pol/pol-proof.js';

export interface MemoryTree {
  tree: PolTree;
  stored: StoredPolTree;
  entries: readonly PolEntry[];
  proofFor(index: number): PolProof;
}

export async function memoryTree(
  entries: readonly PolEntry[],
  seed: Uint8Array,
  workers = 1,
): Promise<MemoryTree> {
  const tree = await buildPolTree(entries, seed, { workers });
  const stored: StoredPolTree = {
    treeId: 'pol_test',
    platformId: 'plt_test',
    currency: 'CNY',
    date: '2026-11-27',
    height: tree.height,
    seed,
    rootHash: tree.rootHash,
    rootSum: tree.rootSum,
    chunkLevel: tree.chunkLevel,
    chunkNodes: tree.chunkNodes,
  };
  const chunkSize = 2 ** tree.chunkLevel;
  return {
    tree,
    stored,
    entries,
    proofFor(index) {
      const position = tree.positions[index] as number;
      const chunkIndex = Math.floor(position / chunkSize);
      const rows = entries.flatMap((entry, at) => {
        const leafAt = tree.positions[at] as number;
        return Math.floor(leafAt / chunkSize) === chunkIndex
          ? [{ position: leafAt, ...entry }]
          : [];
      });
      return polProofFromChunk(
        stored,
        position,
        chunkLeavesFrom(tree.chunkLevel, chunkIndex, rows),
      );
    },
  };
}

export function entriesOf(balances: readonly bigint[], prefix = 'cus_'): PolEntry[] {
  return balances.map((balanceMinor, index) => ({
    customerId: `${prefix}${String(index).padStart(6, '0')}`,
    balanceMinor,
  }));
}
