import { Worker } from 'node:worker_threads';
import { assert } from '../assert.js';
import {
  packIds,
  keystream,
  reduceLevel,
  sliceNodes,
  streamKey,
  type NodeLevel,
  type PackedIds,
} from './pol-kernel.mjs';
import { u128FromBytes } from './pol-hash.js';
import {
  POL_BALANCE_MAX,
  POL_CHUNK_LEVEL,
  POL_CUSTOMER_ID_BYTES_MAX,
  POL_CUSTOMERS_MAX,
  POL_HEIGHT_MAX,
  POL_HEIGHT_MIN,
  POL_SUM_MODULUS,
  POL_WORKERS_MAX,
} from './pol-limits.js';

/** One customer's balance in one currency, as the tree receives it. */
export interface PolEntry {
  customerId: string;
  balanceMinor: bigint;
}

/** A built tree: its root, the opening, where each customer sits and the stored chunk nodes. */
export interface PolTree {
  height: number;
  customerCount: number;
  rootHash: Buffer;
  rootSum: Buffer;
  /** Sum of all leaf masks mod 2^128: rootSum = totalMinor + opening (mod 2^128). */
  opening: bigint;
  totalMinor: bigint;
  /** positions[k] is the leaf position of entries[k]. */
  positions: Uint32Array;
  /** Level (above the leaves) of `chunkNodes`; proofs rebuild below it from stored leaves. */
  chunkLevel: number;
  chunkNodes: NodeLevel;
}

export interface PolBuildOptions {
  workers?: number;
  onProgress?: (message: string) => void;
}

/** Smallest power-of-two height that holds `count` leaves, at least POL_HEIGHT_MIN. */
export function polTreeHeight(count: number): number {
  let height = POL_HEIGHT_MIN;
  while (2 ** height < count) height += 1;
  assert(height <= POL_HEIGHT_MAX, 'proof-of-liabilities tree too tall');
  return height;
}

/**
 * Random placement: a Fisher–Yates shuffle of all 2^height positions driven by the seed's
 * keystream (53 random bits per step); customer k takes position `result[k]`.
 */
export function shufflePositions(seed: Uint8Array, height: number, count: number): Uint32Array {
  const size = 2 ** height;
  const order = new Uint32Array(size);
  for (let index = 0; index < size; index += 1) order[index] = index;
  const random = keystream(streamKey(seed, 'shuffle'), 0, size * 8);
  for (let index = size - 1; index > 0; index -= 1) {
    const at = index * 8;
    const bits = (random.readUInt32BE(at) >>> 11) * 2 ** 32 + random.readUInt32BE(at + 4);
    const pick = Math.floor((bits / 2 ** 53) * (index + 1));
    const held = order[index] as number;
    order[index] = order[pick] as number;
    order[pick] = held;
  }
  return order.subarray(0, count);
}

function checkEntries(entries: readonly PolEntry[]): bigint {
  assert(entries.length >= 1 && entries.length <= POL_CUSTOMERS_MAX, 'customers per tree 1..2^22');
  let total = 0n;
  let ascending = true;
  let previous = '';
  for (const entry of entries) {
    assert(entry.customerId.length > 0, 'customer id must not be empty');
    assert(
      // UTF-8 takes at most 3 bytes per UTF-16 unit: most ids need no byte count.
      entry.customerId.length * 3 <= POL_CUSTOMER_ID_BYTES_MAX ||
        Buffer.byteLength(entry.customerId) <= POL_CUSTOMER_ID_BYTES_MAX,
      'customer id too long',
    );
    assert(
      entry.balanceMinor >= 0n && entry.balanceMinor <= POL_BALANCE_MAX,
      'balance out of range',
    );
    if (ascending && !(previous < entry.customerId)) ascending = false;
    previous = entry.customerId;
    total += entry.balanceMinor;
  }
  // Entries in ascending id order (as the books are read) are distinct; others are checked.
  if (!ascending)
    assert(
      new Set(entries.map((entry) => entry.customerId)).size === entries.length,
      'a customer appears twice in one tree',
    );
  return total;
}

interface Slice {
  start: number;
  packed: PackedIds;
  balances: BigUint64Array;
}

function runSlice(seed: Uint8Array, slice: Slice, levels: number): Promise<NodeLevel> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pol-build-worker.mjs', import.meta.url));
    worker.once('message', (reply: { ok: boolean; message?: string } & NodeLevel) => {
      void worker.terminate();
      if (!reply.ok) reject(new Error(reply.message));
      else
        resolve({
          hashes: Buffer.from(
            reply.hashes.buffer,
            reply.hashes.byteOffset,
            reply.hashes.byteLength,
          ),
          sums: Buffer.from(reply.sums.buffer, reply.sums.byteOffset, reply.sums.byteLength),
        });
    });
    worker.once('error', reject);
    worker.postMessage(
      { seed, start: slice.start, packed: slice.packed, balances: slice.balances, levels },
      [
        slice.balances.buffer as ArrayBuffer,
        slice.packed.bytes.buffer as ArrayBuffer,
        slice.packed.offsets.buffer as ArrayBuffer,
      ],
    );
  });
}

/**
 * Builds the masked sum tree over one currency's customer balances. Leaves are placed at
 * random (seeded shuffle), the rest of the 2^height positions are zero-balance padding leaves
 * built exactly like real ones. With `workers` > 1 the leaves are split into contiguous
 * slices, each built on its own thread up to the chunk level; the main thread joins them.
 */
export async function buildPolTree(
  entries: readonly PolEntry[],
  seed: Uint8Array,
  options: PolBuildOptions = {},
): Promise<PolTree> {
  assert(seed.length === 32, 'tree seed must be 32 bytes');
  const totalMinor = checkEntries(entries);
  const progress = options.onProgress ?? (() => undefined);
  const height = polTreeHeight(entries.length);
  const size = 2 ** height;
  const chunkLevel = Math.min(POL_CHUNK_LEVEL, height);
  const positions = shufflePositions(seed, height, entries.length);
  const slotOf = new Int32Array(size).fill(-1);
  positions.forEach((position, index) => (slotOf[position] = index));
  const requested = Math.max(1, Math.min(options.workers ?? 1, POL_WORKERS_MAX));
  let sliceCount = 1;
  while (sliceCount * 2 <= requested && sliceCount * 2 <= size / 2 ** chunkLevel) sliceCount *= 2;
  const sliceSize = size / sliceCount;
  const slices: Slice[] = [];
  for (let s = 0; s < sliceCount; s += 1) {
    const start = s * sliceSize;
    const ids: (string | null)[] = new Array<string | null>(sliceSize).fill(null);
    const balances = new BigUint64Array(sliceSize);
    for (let offset = 0; offset < sliceSize; offset += 1) {
      const index = slotOf[start + offset] as number;
      if (index < 0) continue;
      const entry = entries[index] as PolEntry;
      ids[offset] = entry.customerId;
      balances[offset] = entry.balanceMinor;
    }
    slices.push({ start, packed: packIds(ids), balances });
  }
  progress(
    `placed ${entries.length} customers in ${size} leaves; hashing on ${sliceCount} thread(s)`,
  );
  const parts =
    sliceCount === 1
      ? [
          sliceNodes(
            seed,
            0,
            (slices[0] as Slice).packed,
            (slices[0] as Slice).balances,
            chunkLevel,
          ),
        ]
      : await Promise.all(slices.map((slice) => runSlice(seed, slice, chunkLevel)));
  const chunkNodes: NodeLevel = {
    hashes: Buffer.concat(parts.map((part) => part.hashes)),
    sums: Buffer.concat(parts.map((part) => part.sums)),
  };
  let level = chunkNodes;
  for (let index = chunkLevel; index < height; index += 1)
    level = reduceLevel(level.hashes, level.sums);
  assert(level.hashes.length === 32 && level.sums.length === 16, 'a tree reduces to one root');
  progress('root computed');
  return {
    height,
    customerCount: entries.length,
    rootHash: level.hashes,
    rootSum: level.sums,
    // Σw = Σv + Σm over all leaves, so the masks' sum is the root sum minus the total.
    opening:
      (((u128FromBytes(level.sums) - totalMinor) % POL_SUM_MODULUS) + POL_SUM_MODULUS) %
      POL_SUM_MODULUS,
    totalMinor,
    positions,
    chunkLevel,
    chunkNodes,
  };
}
