import * as nodeCrypto from 'node:crypto';
import { assert } from '../assert.js';
import { HASH_BYTES } from './audit-limits.js';

/**
 * RFC 6962 / RFC 9162 section 2.1 hashing. The 0x00 and 0x01 prefixes separate leaves from
 * interior nodes, so no leaf can be passed off as a node (second-preimage protection).
 */

/** A SHA-256 value: always exactly HASH_BYTES long. */
export type Hash = Uint8Array;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** Leaf data up to this size is hashed through a reused buffer instead of a streaming hasher. */
const LEAF_SCRATCH_BYTES = 16 * 1024;

// One-shot crypto.hash (Node >= 20.12) skips the Hash object and is ~25% faster on 65-byte
// inputs than createHash; the project allows Node 20.11, where it is missing, so fall back.
const hashOnce = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : null;

// Scratch buffers are safe to share: hashing is synchronous and never re-enters itself.
const nodeScratch = Buffer.alloc(1 + 2 * HASH_BYTES);
const leafScratch = Buffer.alloc(1 + LEAF_SCRATCH_BYTES);

/**
 * Hashes are handed out as plain Uint8Array views, never as Buffers: Buffer#slice returns a
 * view where Uint8Array#slice copies, and a caller "copying" a hash must not alias the original.
 */
function plain(buffer: Buffer): Hash {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function sha256(input: Uint8Array): Hash {
  if (hashOnce !== null) return plain(hashOnce('sha256', input, 'buffer'));
  return plain(nodeCrypto.createHash('sha256').update(input).digest());
}

export function isHash(value: unknown): value is Hash {
  return value instanceof Uint8Array && value.length === HASH_BYTES;
}

/** MTH({}) = SHA-256 of the empty string. */
export function emptyRootHash(): Hash {
  return sha256(new Uint8Array(0));
}

/** MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(data: Uint8Array): Hash {
  if (data.length <= LEAF_SCRATCH_BYTES) {
    leafScratch[0] = LEAF_PREFIX;
    leafScratch.set(data, 1);
    return sha256(leafScratch.subarray(0, 1 + data.length));
  }
  const hasher = nodeCrypto.createHash('sha256').update(Uint8Array.of(LEAF_PREFIX));
  return plain(hasher.update(data).digest());
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  assert(left.length === HASH_BYTES, 'nodeHash: left is not a hash');
  assert(right.length === HASH_BYTES, 'nodeHash: right is not a hash');
  nodeScratch[0] = NODE_PREFIX;
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_BYTES);
  return sha256(nodeScratch);
}

/**
 * Node hash of two hashes stored next to each other in a flat buffer (left at `offset`, right
 * right after it). Level buffers keep siblings adjacent, so this avoids two subarray views.
 */
export function nodeHashOfAdjacent(hashes: Uint8Array, offset: number): Hash {
  assert(offset >= 0, 'nodeHashOfAdjacent: negative offset');
  assert(offset + 2 * HASH_BYTES <= hashes.length, 'nodeHashOfAdjacent: past the end');
  nodeScratch[0] = NODE_PREFIX;
  nodeScratch.set(hashes.subarray(offset, offset + 2 * HASH_BYTES), 1);
  return sha256(nodeScratch);
}

/** Raw SHA-256, for key IDs and benchmarks; Merkle code must use leafHash/nodeHash. */
export function sha256Digest(input: Uint8Array): Hash {
  return sha256(input);
}
