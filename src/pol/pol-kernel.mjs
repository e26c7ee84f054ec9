// The hot loop of a proof-of-liabilities build: leaf secrets, leaf nodes and level reduction.
// Plain JavaScript (node:crypto) so a worker thread can run it without a TypeScript loader;
// types in pol-kernel.d.mts. The browser-safe verifier (pol-hash.ts) computes the same hashes
// with @noble/hashes; the tests check that both agree.
import { createCipheriv, createHmac, hash } from 'node:crypto';

export const HASH_BYTES = 32;
export const SUM_BYTES = 16;
/** Bytes of keystream per leaf position: a 16-byte salt, then a 16-byte mask. */
export const SECRET_BYTES_PER_LEAF = 32;
export const LEAF_TAG = 'custos/pol/leaf/v1';
const LEAF_TAG_BYTES = Buffer.from(LEAF_TAG, 'utf8');
const NODE_INPUT_BYTES = 1 + 2 * (HASH_BYTES + SUM_BYTES);

/** A stream key derived from the tree seed for one purpose (leaf secrets, shuffle). */
export function streamKey(seed, purpose) {
  return createHmac('sha256', seed).update(`custos/pol/${purpose}/v1`).digest();
}

/** `byteCount` bytes of AES-256-CTR keystream starting at 16-byte block `firstBlock`. */
export function keystream(key, firstBlock, byteCount) {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(Math.floor(firstBlock / 2 ** 32), 8);
  iv.writeUInt32BE(firstBlock >>> 0, 12);
  return createCipheriv('aes-256-ctr', key, iv).update(Buffer.alloc(byteCount));
}

/** Salts and masks of `count` leaves from `start`: 32 bytes per position. */
export function leafSecrets(seed, start, count) {
  return keystream(streamKey(seed, 'leaf-secrets'), start * 2, count * SECRET_BYTES_PER_LEAF);
}

/** dst[d..d+16) = a[x..x+16) + b[y..y+16) mod 2^128, big-endian. */
export function addU128(dst, d, a, x, b, y) {
  let carry = 0;
  for (let k = 15; k >= 0; k -= 1) {
    const sum = a[x + k] + b[y + k] + carry;
    dst[d + k] = sum & 0xff;
    carry = sum >>> 8;
  }
}

/**
 * Customer ids of consecutive positions packed as UTF-8: id i is bytes[offsets[i]..offsets[i+1]);
 * an empty id marks a padding leaf.
 */
export function packIds(ids) {
  const offsets = new Uint32Array(ids.length + 1);
  const joined = ids.map((id) => id ?? '').join('');
  // Fast path: ASCII ids are one byte per character and encode as a whole.
  if (!/[\u0080-\uffff]/.test(joined)) {
    for (let i = 0; i < ids.length; i += 1) offsets[i + 1] = offsets[i] + (ids[i]?.length ?? 0);
    return { bytes: Buffer.from(joined, 'latin1'), offsets };
  }
  let total = 0;
  for (let i = 0; i < ids.length; i += 1) {
    total += ids[i] === null ? 0 : Buffer.byteLength(ids[i], 'utf8');
    offsets[i + 1] = total;
  }
  const bytes = Buffer.alloc(total);
  for (let i = 0; i < ids.length; i += 1)
    if (ids[i] !== null) bytes.write(ids[i], offsets[i], 'utf8');
  return { bytes, offsets };
}

/**
 * Leaf nodes for positions start..start+n-1 (ids packed by packIds; a padding leaf has an
 * empty id and balance 0); `balances[i]` the balance in minor units. Returns the leaf hashes
 * (32 bytes each) and masked sums (16 bytes each). The masks' sum is not returned: it is the
 * root sum minus the total, modulo 2^128.
 */
export function leafNodes(seed, start, packed, balances) {
  const count = packed.offsets.length - 1;
  const idBytes = packed.bytes;
  const offsets = packed.offsets;
  const secrets = leafSecrets(seed, start, count);
  const values = new BigUint64Array(count);
  for (let i = 0; i < count; i += 1) values[i] = BigInt.asUintN(64, balances[i] ?? 0n);
  // The balances' bytes, little-endian on every platform Node runs on (checked below).
  const valueBytes = new Uint8Array(values.buffer);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
    throw new Error('little-endian host expected');
  const hashes = Buffer.alloc(count * HASH_BYTES);
  const sums = Buffer.alloc(count * SUM_BYTES);
  const idStart = 1 + LEAF_TAG_BYTES.length;
  const input = Buffer.alloc(idStart + 2 + 65535 + 48);
  input[0] = 0x00;
  LEAF_TAG_BYTES.copy(input, 1);
  // Byte loops: for these short pieces they beat Buffer#copy's per-call overhead.
  for (let i = 0; i < count; i += 1) {
    const from = offsets[i];
    const idLength = offsets[i + 1] - from;
    input[idStart] = idLength >>> 8;
    input[idStart + 1] = idLength & 0xff;
    for (let k = 0; k < idLength; k += 1) input[idStart + 2 + k] = idBytes[from + k];
    const saltAt = idStart + 2 + idLength;
    const valueAt = saltAt + 16;
    const maskAt = valueAt + 16;
    const secretAt = i * 32;
    for (let k = 0; k < 16; k += 1) {
      input[saltAt + k] = secrets[secretAt + k];
      input[maskAt + k] = secrets[secretAt + 16 + k];
    }
    for (let k = 0; k < 8; k += 1) {
      input[valueAt + k] = 0;
      input[valueAt + 15 - k] = valueBytes[i * 8 + k];
    }
    const digest = hash('sha256', input.subarray(0, maskAt + 16), 'buffer');
    const at = i * HASH_BYTES;
    for (let k = 0; k < HASH_BYTES; k += 1) hashes[at + k] = digest[k];
    addU128(sums, i * SUM_BYTES, input, valueAt, input, maskAt);
  }
  return { hashes, sums };
}

/** The level above: node = SHA-256(0x01 ‖ hL ‖ wL ‖ hR ‖ wR), w = wL + wR mod 2^128. */
export function reduceLevel(hashes, sums) {
  const count = hashes.length / HASH_BYTES / 2;
  const upHashes = Buffer.alloc(count * HASH_BYTES);
  const upSums = Buffer.alloc(count * SUM_BYTES);
  const input = Buffer.alloc(NODE_INPUT_BYTES);
  input[0] = 0x01;
  // Byte loops: for 16- and 32-byte pieces they beat Buffer#copy's per-call overhead.
  for (let i = 0; i < count; i += 1) {
    const lh = 2 * i * HASH_BYTES;
    const ls = 2 * i * SUM_BYTES;
    for (let k = 0; k < HASH_BYTES; k += 1) {
      input[1 + k] = hashes[lh + k];
      input[1 + HASH_BYTES + SUM_BYTES + k] = hashes[lh + HASH_BYTES + k];
    }
    for (let k = 0; k < SUM_BYTES; k += 1) {
      input[1 + HASH_BYTES + k] = sums[ls + k];
      input[1 + 2 * HASH_BYTES + SUM_BYTES + k] = sums[ls + SUM_BYTES + k];
    }
    const digest = hash('sha256', input, 'buffer');
    const at = i * HASH_BYTES;
    for (let k = 0; k < HASH_BYTES; k += 1) upHashes[at + k] = digest[k];
    addU128(upSums, i * SUM_BYTES, sums, ls, sums, ls + SUM_BYTES);
  }
  return { hashes: upHashes, sums: upSums };
}

/** Leaf nodes of a slice reduced `levels` times; the slice length must be a multiple of 2^levels. */
export function sliceNodes(seed, start, packed, balances, levels) {
  let level = leafNodes(seed, start, packed, balances);
  for (let i = 0; i < levels; i += 1) level = reduceLevel(level.hashes, level.sums);
  return level;
}
