/** Types of pol-kernel.mjs (see there). */
export declare const HASH_BYTES: 32;
export declare const SUM_BYTES: 16;
export declare const SECRET_BYTES_PER_LEAF: 32;
export declare const LEAF_TAG: string;
export interface NodeLevel {
  hashes: Buffer;
  sums: Buffer;
}
export declare function streamKey(seed: Uint8Array, purpose: string): Buffer;
export declare function keystream(key: Uint8Array, firstBlock: number, byteCount: number): Buffer;
export declare function leafSecrets(seed: Uint8Array, start: number, count: number): Buffer;
export declare function addU128(
  dst: Buffer,
  d: number,
  a: Buffer,
  x: number,
  b: Buffer,
  y: number,
): void;
export interface PackedIds {
  bytes: Uint8Array;
  offsets: Uint32Array;
}
export declare function packIds(ids: readonly (string | null)[]): PackedIds;
export declare function leafNodes(
  seed: Uint8Array,
  start: number,
  packed: PackedIds,
  balances: ArrayLike<bigint>,
): NodeLevel;
export declare function reduceLevel(hashes: Buffer, sums: Buffer): NodeLevel;
export declare function sliceNodes(
  seed: Uint8Array,
  start: number,
  packed: PackedIds,
  balances: ArrayLike<bigint>,
  levels: number,
): NodeLevel;
