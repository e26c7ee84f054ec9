import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { assert } from '../../assert.js';
import { lengthPrefixed } from './length-prefixed.js';
import {
  DATA_KEY_BYTES,
  KeyUnwrapError,
  type MasterKeyProvider,
  type UnwrapContext,
  type WrapContext,
} from './master-key-provider.js';

export const MASTER_KEY_BYTES = 32;
export const PREVIOUS_MASTER_KEYS_MAX = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAP_DOMAIN = 'custos/key-wrap/v1';

/**
 * A master key held in this process: AES-256-GCM over the data key, with the wrap context as
 * associated data. Older master keys may be kept for unwrapping only, so keys wrapped under
 * them can be rewrapped under the current one (`custos keys rotate`).
 */
export function localMasterKeyProvider(
  current: Buffer,
  previous: readonly Buffer[] = [],
): MasterKeyProvider {
  assert(current.length === MASTER_KEY_BYTES, 'the master key must be 32 bytes');
  assert(previous.length <= PREVIOUS_MASTER_KEYS_MAX, 'too many previous master keys');
  const keys = new Map<string, Buffer>();
  for (const key of previous) {
    assert(key.length === MASTER_KEY_BYTES, 'a previous master key must be 32 bytes');
    keys.set(localMasterKeyId(key), Buffer.from(key));
  }
  const id = localMasterKeyId(current);
  keys.set(id, Buffer.from(current));
  return {
    id,
    knows: (masterKeyId) => keys.has(masterKeyId),
    async wrap(dataKey: Buffer, context: WrapContext): Promise<Buffer> {
      assert(dataKey.length === DATA_KEY_BYTES, 'data keys are 32 bytes');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keys.get(id) as Buffer, iv, {
        authTagLength: TAG_BYTES,
      });
      cipher.setAAD(wrapAad(context));
      const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]);
    },
    async unwrap(wrapped: Buffer, context: UnwrapContext): Promise<Buffer> {
      const key = keys.get(context.masterKeyId);
      if (key === undefined) {
        throw new KeyUnwrapError(`master key ${context.masterKeyId} is not available`);
      }
      if (wrapped.length !== IV_BYTES + DATA_KEY_BYTES + TAG_BYTES) {
        throw new KeyUnwrapError('wrapped key has the wrong length');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(wrapAad(context));
      decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
      try {
        const body = wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]);
      } catch {
        throw new KeyUnwrapError(
          `the ${context.purpose} key of platform ${context.platformId} version ` +
            `${context.version} does not unwrap: wrong master key or altered key row`,
        );
      }
    },
  };
}

/**
 * The id of a local master key: `local:` and 64 bits of an HMAC under the key itself. It tells
 * keys apart without revealing anything about them.
 */
export function localMasterKeyId(key: Buffer): string {
  const tag = createHmac('sha256', key).update('custos master key id').digest('hex');
  return `local:${tag.slice(0, 16)}`;
}

function wrapAad(context: WrapContext): Buffer {
  assert(Number.isSafeInteger(context.version) && context.version >= 0, 'bad key version');
  return lengthPrefixed(WRAP_DOMAIN, [
    context.platformId,
    context.purpose,
    String(context.version),
  ]);
}
