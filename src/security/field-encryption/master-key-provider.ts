/**
 * The key that wraps every data key. Custos never stores it in the database: it lives in a
 * file, the environment, or a key service (KMS, Vault transit) behind this interface.
 *
 * `wrap` encrypts a data key and binds it to `context`; `unwrap` must refuse a wrapped key
 * presented with any other context (another platform, purpose or version). See README.md in
 * this folder for how a KMS or Vault transit backend implements it.
 */
export interface MasterKeyProvider {
  /** Names the master key that `wrap` uses now; stored beside each wrapped key. */
  readonly id: string;
  wrap(dataKey: Buffer, context: WrapContext): Promise<Buffer>;
  /** `context.masterKeyId` names the key that wrapped it (the current one or an older one). */
  unwrap(wrapped: Buffer, context: UnwrapContext): Promise<Buffer>;
  /** Whether `unwrap` can use this master key id (the current key or a kept older one). */
  knows(masterKeyId: string): boolean;
}

/** A data key encrypts personal data; an index key is the root of a platform's blind indexes. */
export type WrappedKeyPurpose = 'data' | 'index';

export interface WrapContext {
  platformId: string;
  purpose: WrappedKeyPurpose;
  /** Data key version; index keys do not rotate and use 0. */
  version: number;
}

export interface UnwrapContext extends WrapContext {
  masterKeyId: string;
}

export const DATA_KEY_BYTES = 32;
export const WRAPPED_KEY_BYTES_MAX = 8_192;

/** A key that cannot be unwrapped: wrong master key, or a wrapped key moved or altered. */
export class KeyUnwrapError extends Error {
  override name = 'KeyUnwrapError';
}
