import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeSecretSealer } from './envelope-secret-sealer.js';
import { localMasterKeyProvider } from './field-encryption/local-master-key-provider.js';

describe('envelope secret sealer', () => {
  const provider = localMasterKeyProvider(randomBytes(32));
  const sealer = envelopeSecretSealer(provider);

  it('opens what it sealed, under the same context only', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        async (secret, context) => {
          const sealed = await sealer.seal(secret, context);
          expect(sealed).not.toContain(secret.length > 3 ? secret : '\u0000');
          expect(await sealer.open(sealed, context)).toBe(secret);
          await expect(sealer.open(sealed, `${context}x`)).rejects.toThrow();
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses a flipped bit anywhere in the sealed body', async () => {
    const sealed = await sealer.seal('JBSWY3DPEHPK3PXP', 'principals.totp_secret:stf_1');
    const body = Buffer.from(sealed.split(':').at(-1) ?? '', 'base64url');
    for (let index = 0; index < body.length; index += 1) {
      const flipped = Buffer.from(body);
      flipped[index] = (flipped[index] ?? 0) ^ 0x01;
      const tampered = [...sealed.split(':').slice(0, -1), flipped.toString('base64url')].join(':');
      await expect(sealer.open(tampered, 'principals.totp_secret:stf_1')).rejects.toThrow();
    }
  });

  it('refuses a secret sealed under another master key', async () => {
    const other = envelopeSecretSealer(localMasterKeyProvider(randomBytes(32)));
    const sealed = await other.seal('secret', 'ctx');
    await expect(sealer.open(sealed, 'ctx')).rejects.toThrow();
  });
});
