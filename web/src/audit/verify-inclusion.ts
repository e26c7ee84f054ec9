/**
 * RFC 9162 inclusion-proof verification for the browser, step by step so the console can show
 * the path. Pure apart from the hash function, which is passed in (WebCrypto by default), so
 * the console never trusts the server's verdict: it recomputes the root itself.
 */
import { bytesEqual } from './audit-bytes.js';

export type Sha256 = (data: Uint8Array) => Promise<Uint8Array>;

export const HASH_BYTES = 32;
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** SHA-256 through WebCrypto (crypto.subtle), available in browsers and in Node 20. */
export const webCryptoSha256: Sha256 = async (data) => {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(data));
  return new Uint8Array(digest);
};

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). */
export function leafHash(data: Uint8Array, sha256: Sha256 = webCryptoSha256): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(LEAF_PREFIX), data));
}

/** The leaf hash of an audit record: its stored canonical entry text, as UTF-8 bytes. */
export function entryLeafHash(
  entryText: string,
  sha256: Sha256 = webCryptoSha256,
): Promise<Uint8Array> {
  return leafHash(new TextEncoder().encode(entryText), sha256);
}

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(
  left: Uint8Array,
  right: Uint8Array,
  sha256: Sha256 = webCryptoSha256,
): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(NODE_PREFIX), left, right));
}

export interface InclusionInput {
  leafHash: Uint8Array;
  leafIndex: number;
  treeSize: number;
  proof: readonly Uint8Array[];
  rootHash: Uint8Array;
}

/** One proof hash folded in: where the sibling sits, and the hash so far. */
export interface InclusionStep {
  sibling: Uint8Array;
  /** The sibling's side: 'left' means running = H(0x01 ‖ sibling ‖ running). */
  side: 'left' | 'right';
  running: Uint8Array;
}

export type InclusionFailure =
  'bad_input' | 'index_out_of_range' | 'proof_too_long' | 'proof_too_short' | 'root_mismatch';

export interface InclusionResult {
  verified: boolean;
  failure: InclusionFailure | null;
  steps: InclusionStep[];
  /** The root the path leads to (null when the walk stopped early). */
  computedRoot: Uint8Array | null;
}

const isCount = (value: number) => Number.isSafeInteger(value) && value >= 0;
const isHash = (value: Uint8Array) => value.length === HASH_BYTES;

/**
 * RFC 9162 §2.1.3.2: fn = index, sn = size − 1, r = leaf hash; for each proof hash p: if sn is
 * 0, fail; if LSB(fn) is 1 or fn = sn, r = H(0x01 ‖ p ‖ r) and, when LSB(fn) is 0, shift fn
 * and sn right until LSB(fn) is 1 or fn is 0; otherwise r = H(0x01 ‖ r ‖ p); then shift fn
 * and sn right once. Accept iff r equals the root and sn is 0. Integers stay below 2^53, so
 * halving with Math.floor is exact.
 */
export async function verifyInclusion(
  input: InclusionInput,
  sha256: Sha256 = webCryptoSha256,
): Promise<InclusionResult> {
  const steps: InclusionStep[] = [];
  const fail = (failure: InclusionFailure, computedRoot: Uint8Array | null = null) => ({
    verified: false,
    failure,
    steps,
    computedRoot,
  });
  const { leafIndex, treeSize } = input;
  if (!isCount(leafIndex) || !isCount(treeSize)) return fail('bad_input');
  if (!isHash(input.leafHash) || !isHash(input.rootHash) || !input.proof.every(isHash)) {
    return fail('bad_input');
  }
  if (leafIndex >= treeSize) return fail('index_out_of_range');
  let fn = leafIndex;
  let sn = treeSize - 1;
  let running = input.leafHash;
  for (const sibling of input.proof) {
    if (sn === 0) return fail('proof_too_long');
    if (fn % 2 === 1 || fn === sn) {
      running = await nodeHash(sibling, running, sha256);
      steps.push({ sibling, side: 'left', running });
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      running = await nodeHash(running, sibling, sha256);
      steps.push({ sibling, side: 'right', running });
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('proof_too_short', running);
  if (!bytesEqual(running, input.rootHash)) return fail('root_mismatch', running);
  return { verified: true, failure: null, steps, computedRoot: running };
}
