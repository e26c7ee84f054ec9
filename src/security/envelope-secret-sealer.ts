import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { assert } from '../assert.js';
import { DATA_KEY_BYTES, type MasterKeyProvider } from './field-encryption/master-key-provider.js';
import type { SecretSealer } from './secret-sealer.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const SECRET_LENGTH_MAX = 1_024;
const FORMAT = 'sealed:v1';

/**
 * Seals each secret under its own random data key, wrapped by the master key with the secret's
 * context (so a KMS-backed provider works unchanged), and encrypts the secret with AES-256-GCM
 * bound to the same context. Stored as `sealed:v1:<masterKeyId>:<wrapped>:<iv‖ct‖tag>`.
 */
export function envelopeSecretSealer(provider: MasterKeyProvider): SecretSealer {
  const wrapContext = (context: string) =>
    ({ platformId: `secret:${context}`, purpose: 'data', version: 0 }) as const;
  return {
    async seal(plaintext, context) {
      assert(plaintext.length <= SECRET_LENGTH_MAX, 'secret too long to seal');
      const dataKey = randomBytes(DATA_KEY_BYTES);
      const wrapped = await provider.wrap(dataKey, wrapContext(context));
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      dataKey.fill(0);
      const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
      return `${FORMAT}:${provider.id}:${wrapped.toString('base64url')}:${sealed}`;
    },
    async open(sealed, context) {
      const parts = sealed.split(':');
      // The master key id itself contains one colon (`local:<tag>`): rejoin from the ends.
      const body = parts.at(-1);
      const wrapped = parts.at(-2);
      const masterKeyId = parts.slice(2, -2).join(':');
      if (`${parts[0]}:${parts[1]}` !== FORMAT || body === undefined || wrapped === undefined)
        throw new Error('not a sealed secret');
      const dataKey = await provider.unwrap(Buffer.from(wrapped, 'base64url'), {
        ...wrapContext(context),
        masterKeyId,
      });
      const bytes = Buffer.from(body, 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret too short');
      const decipher = createDecipheriv('aes-256-gcm', dataKey, bytes.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        const plain = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]);
        return plain.toString('utf8');
      } finally {
        dataKey.fill(0);
      }
    },
  };
}
