import { describe, expect, it } from 'vitest';
import { ed25519GenerateRaw, ed25519PrivateKeyFromSeed, ed25519Sign } from './ed25519.js';
import { inlineSignatureVerifier, workerSignatureVerifier } from './signature-verifier.js';

describe('signature verifiers', () => {
  it('agree on valid, tampered, truncated and wrongly-keyed signatures', async () => {
    const signer = ed25519GenerateRaw();
    const stranger = ed25519GenerateRaw();
    const checks = Array.from({ length: 600 }, (_, index) => {
      const message = Buffer.from(`instruction ${index}`);
      const signature = ed25519Sign(ed25519PrivateKeyFromSeed(signer.seed), message);
      if (index % 4 === 1) signature[index % 64] = (signature[index % 64] ?? 0) ^ 1;
      const publicKey = index % 4 === 2 ? stranger.publicKey : signer.publicKey;
      return { publicKey, message, signature: index % 4 === 3 ? signature.subarray(1) : signature };
    });
    const expected = checks.map((_, index) => index % 4 === 0);
    const inline = inlineSignatureVerifier();
    const workers = workerSignatureVerifier(2);
    try {
      expect(await Promise.all(checks.map((check) => inline.verify(check)))).toEqual(expected);
      expect(await Promise.all(checks.map((check) => workers.verify(check)))).toEqual(expected);
    } finally {
      await workers.close();
      await inline.close();
    }
  });
});
