import { sha256 } from '@noble/hashes/sha2.js';
import { POL_SUM_MODULUS } from './pol-limits.js';

/**
 * The tree's hashing, browser-safe (@noble/hashes), byte for byte the same as the build kernel
 * (pol-kernel.mjs, node:crypto):
 *   leaf  h = SHA-256(0x00 ‖ "custos/pol/leaf/v1" ‖ u16 len ‖ customerId ‖ salt16 ‖ v128 ‖ m128)
 *         w = v + m mod 2^128
 *   node  h = SHA-256(0x01 ‖ hL ‖ wL ‖ hR ‖ wR),  w = wL + wR mod 2^128
 * v is the balance in minor units, m the leaf's secret mask, w the masked sum.
 */
export const POL_LEAF_TAG = 'custos/pol/leaf/v1';
const encoder = new TextEncoder();

export function u128Bytes(value: bigint): Uint8Array {
  const out = new Uint8Array(16);
  let rest = ((value % POL_SUM_MODULUS) + POL_SUM_MODULUS) % POL_SUM_MODULUS;
  for (let index = 15; index >= 0; index -= 1) {
    out[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

export function u128FromBytes(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export function addMod128(a: bigint, b: bigint): bigint {
  return (a + b) % POL_SUM_MODULUS;
}

export function polLeafHash(
  customerId: string,
  salt: Uint8Array,
  balanceMinor: bigint,
  mask: bigint,
): Uint8Array {
  const tag = encoder.encode(POL_LEAF_TAG);
  const id = encoder.encode(customerId);
  const input = new Uint8Array(1 + tag.length + 2 + id.length + 48);
  let at = 0;
  input[at++] = 0x00;
  input.set(tag, at);
  at += tag.length;
  input[at++] = (id.length >> 8) & 0xff;
  input[at++] = id.length & 0xff;
  input.set(id, at);
  at += id.length;
  input.set(salt, at);
  input.set(u128Bytes(balanceMinor), at + 16);
  input.set(u128Bytes(mask), at + 32);
  return sha256(input);
}

export function polNodeHash(
  leftHash: Uint8Array,
  leftSum: bigint,
  rightHash: Uint8Array,
  rightSum: bigint,
): Uint8Array {
  const input = new Uint8Array(97);
  input[0] = 0x01;
  input.set(leftHash, 1);
  input.set(u128Bytes(leftSum), 33);
  input.set(rightHash, 49);
  input.set(u128Bytes(rightSum), 81);
  return sha256(input);
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Lower-case hex of exactly `byteLength` bytes, or undefined. */
export function fromHex(text: string, byteLength: number): Uint8Array | undefined {
  if (text.length !== byteLength * 2 || !/^[0-9a-f]*$/.test(text)) return undefined;
  const out = new Uint8Array(byteLength);
  for (let index = 0; index < byteLength; index += 1)
    out[index] = Number.parseInt(text.slice(2 * index, 2 * index + 2), 16);
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let index = 0; index < a.length; index += 1) diff |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return diff === 0;
}
