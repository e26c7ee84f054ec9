import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  ed25519GenerateRaw,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyFromRaw,
  ed25519Sign,
  ed25519Verify,
} from './index.js';

describe('Ed25519 over canonical JSON', () => {
  it('signs and verifies; any change to the document breaks the signature', () => {
    const { seed, publicKey } = ed25519GenerateRaw();
    const document = { b: 'payee', a: '100', nonce: 'n1' };
    const message = Buffer.from(canonicalJson(document));
    expect(message.toString()).toBe('{"a":"100","b":"payee","nonce":"n1"}');
    const signature = ed25519Sign(ed25519PrivateKeyFromSeed(seed), message);
    const key = ed25519PublicKeyFromRaw(publicKey);
    expect(ed25519Verify(key, message, signature)).toBe(true);
    const changed = Buffer.from(canonicalJson({ ...document, a: '101' }));
    expect(ed25519Verify(key, changed, signature)).toBe(false);
    expect(ed25519Verify(key, message, signature.subarray(1))).toBe(false);
    const other = ed25519PublicKeyFromRaw(ed25519GenerateRaw().publicKey);
    expect(ed25519Verify(other, message, signature)).toBe(false);
  });
});
