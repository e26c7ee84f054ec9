import { assert } from '../assert.js';
import { compactRangeAppend, compactRangeRoot, emptyCompactRange } from './compact-range.js';
import { generateInclusionProof } from './inclusion-proof.js';
import { leafHash, sha256Digest, type Hash } from './merkle-hash.js';
import { computeRootFromLeafHashes } from './recompute-root.js';
import { StoredTree } from './stored-tree.js';
import { verifyInclusion } from './verify-inclusion.js';

/** Leaves in every tree-sized measurement, per the performance targets. */
const BENCH_LEAVES = 1_000_000;
/** Raw hash calls timed for the SHA-256 baseline. */
const BENCH_RAW_HASHES = 500_000;
/** Appends per compact-range call, as a database writer would batch them. */
const BENCH_APPEND_BATCH = 10_000;
/** Inclusion proofs sampled for the median. */
const BENCH_PROOF_SAMPLES = 5_000;

function benchRawSha256(): number {
  const input = new Uint8Array(65).fill(7);
  const startMs = performance.now();
  for (let index = 0; index < BENCH_RAW_HASHES; index += 1) {
    input[1] = index % 256;
    sha256Digest(input);
  }
  return BENCH_RAW_HASHES / ((performance.now() - startMs) / 1000);
}

function makeLeafHashes(): Hash[] {
  const leaves: Hash[] = [];
  const data = new Uint8Array(8);
  const view = new DataView(data.buffer);
  for (let index = 0; index < BENCH_LEAVES; index += 1) {
    view.setFloat64(0, index);
    leaves.push(leafHash(data));
  }
  return leaves;
}

function benchCompactRange(leaves: readonly Hash[]): { perSecond: number; root: Hash } {
  let range = emptyCompactRange;
  const startMs = performance.now();
  for (let start = 0; start < leaves.length; start += BENCH_APPEND_BATCH) {
    range = compactRangeAppend(range, leaves.slice(start, start + BENCH_APPEND_BATCH));
  }
  const seconds = (performance.now() - startMs) / 1000;
  assert(range.size === leaves.length, 'bench: compact range size');
  return { perSecond: leaves.length / seconds, root: compactRangeRoot(range) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function benchProofs(tree: StoredTree, root: Hash): { medianUs: number; p99Us: number } {
  const samplesUs: number[] = [];
  for (let sample = 0; sample < BENCH_PROOF_SAMPLES; sample += 1) {
    const leafIndex = Math.floor(Math.random() * tree.size);
    const startMs = performance.now();
    const proof = generateInclusionProof(tree, leafIndex, tree.size);
    samplesUs.push((performance.now() - startMs) * 1000);
    if (sample % 500 === 0) {
      const leaf = tree.subtreeHash({ level: 0, index: leafIndex });
      const claim = { leafHash: leaf, leafIndex, treeSize: tree.size, proof, rootHash: root };
      assert(verifyInclusion(claim).ok, 'bench: generated proof must verify');
    }
  }
  const sorted = [...samplesUs].sort((left, right) => left - right);
  const p99Us = sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN;
  return { medianUs: median(samplesUs), p99Us };
}

/**
 * Merkle performance figures for the bench runner: raw SHA-256 rate, compact-range appends,
 * stored-tree build and inclusion-proof latency, and full root recomputation at 10^6 leaves.
 */
export async function benchMerkle(): Promise<Record<string, number>> {
  const sha256Per65BytesPerSecond = benchRawSha256();
  const leaves = makeLeafHashes();
  const compact = benchCompactRange(leaves);
  const buildStartMs = performance.now();
  const tree = StoredTree.fromLeafHashes(leaves);
  const storedTreeBuildSeconds = (performance.now() - buildStartMs) / 1000;
  assert(Buffer.from(tree.root()).equals(compact.root), 'bench: stored tree root');
  // Let the event loop breathe between the long synchronous phases.
  await new Promise((resolve) => setImmediate(resolve));
  const proofs = benchProofs(tree, compact.root);
  const recomputeStartMs = performance.now();
  const recomputed = computeRootFromLeafHashes(leaves);
  const rootRecomputeSeconds = (performance.now() - recomputeStartMs) / 1000;
  assert(Buffer.from(recomputed).equals(compact.root), 'bench: recomputed root');
  return {
    leafCount: BENCH_LEAVES,
    sha256Per65BytesPerSecond: Math.round(sha256Per65BytesPerSecond),
    compactRangeAppendsPerSecond: Math.round(compact.perSecond),
    storedTreeBuildSeconds,
    inclusionProofMedianMicroseconds: proofs.medianUs,
    inclusionProofP99Microseconds: proofs.p99Us,
    rootRecomputeSeconds,
  };
}
