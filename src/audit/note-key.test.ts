import { describe, expect, test } from 'vitest';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  formatVerifierKey,
  generateNoteKeys,
  isValidKeyName,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
  verifierKeyOf,
} from './note-key.js';
import { GO_SIGNER_KEY, GO_VERIFIER_KEY } from './audit-test-helpers.testdata.js';

// Goal: key strings interoperate with Go's golang.org/x/mod/sumdb/note. The PeterNeumann key
// pair is the published example from that package's tests; mangled keys must all be refused.
describe('note keys', () => {
  test('parses the Go example verifier and signer keys', () => {
    const verifier = parseVerifierKey(GO_VERIFIER_KEY);
    const signer = parseSignerKey(GO_SIGNER_KEY);
    expect(verifier.ok).toBe(true);
    expect(signer.ok).toBe(true);
    if (!verifier.ok || !signer.ok) return;
    expect(verifier.value.name).toBe('PeterNeumann');
    expect(verifier.value.keyId).toBe(0xc74f20a3);
    expect(verifier.value.signatureType).toBe(SIGNATURE_TYPE_ED25519);
    expect(Buffer.from(signer.value.publicKey).equals(verifier.value.publicKey)).toBe(true);
    expect(formatVerifierKey(verifier.value)).toBe(GO_VERIFIER_KEY);
    expect(formatVerifierKey(verifierKeyOf(signer.value))).toBe(GO_VERIFIER_KEY);
    expect(noteKeyId('PeterNeumann', SIGNATURE_TYPE_ED25519, verifier.value.publicKey)).toBe(
      0xc74f20a3,
    );
  });

  test('refuses every truncation and every single-character change of the key', () => {
    for (let start = 0; start <= GO_VERIFIER_KEY.length; start += 1) {
      for (let end = start + 1; end <= GO_VERIFIER_KEY.length; end += 1) {
        if (start === 0 && end === GO_VERIFIER_KEY.length) continue;
        expect(parseVerifierKey(GO_VERIFIER_KEY.slice(start, end)).ok).toBe(false);
      }
    }
    for (let index = 0; index < GO_VERIFIER_KEY.length; index += 1) {
      const code = GO_VERIFIER_KEY.charCodeAt(index) + 1;
      const changed =
        GO_VERIFIER_KEY.slice(0, index) +
        String.fromCharCode(code) +
        GO_VERIFIER_KEY.slice(index + 1);
      expect(parseVerifierKey(changed).ok).toBe(false);
    }
  });

  test('reason codes for malformed keys', () => {
    const reason = (text: string): string => {
      const parsed = parseVerifierKey(text);
      return parsed.ok ? 'ok' : parsed.reason;
    };
    expect(reason('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBe(
      'key_id_mismatch',
    );
    expect(reason('PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBe(
      'invalid_key_id',
    );
    expect(reason('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBe(
      'invalid_key_name',
    );
    expect(reason('PeterNeumann+c74f20a3+AhpcmQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBe(
      'unsupported_signature_type',
    );
    expect(reason('no-plus-signs')).toBe('malformed_key');
    expect(parseSignerKey(GO_VERIFIER_KEY).ok).toBe(false);
  });

  test('generated keys round trip for both signature types', () => {
    for (const type of [SIGNATURE_TYPE_ED25519, SIGNATURE_TYPE_COSIGNATURE_V1] as const) {
      const keys = generateNoteKeys('custos.example/log', type);
      expect(keys.signerKey.startsWith('PRIVATE+KEY+custos.example/log+')).toBe(true);
      const signer = parseSignerKey(keys.signerKey);
      const verifier = parseVerifierKey(keys.verifierKey);
      expect(signer.ok && verifier.ok).toBe(true);
      if (!signer.ok || !verifier.ok) return;
      expect(signer.value.signatureType).toBe(type);
      expect(verifier.value.keyId).toBe(signer.value.keyId);
      expect(formatVerifierKey(verifierKeyOf(signer.value))).toBe(keys.verifierKey);
    }
  });

  test('key IDs separate signature types for the same name and key', () => {
    const verifier = parseVerifierKey(GO_VERIFIER_KEY);
    if (!verifier.ok) throw new Error('test key must parse');
    const plain = noteKeyId('w', SIGNATURE_TYPE_ED25519, verifier.value.publicKey);
    const cosigner = noteKeyId('w', SIGNATURE_TYPE_COSIGNATURE_V1, verifier.value.publicKey);
    expect(plain).not.toBe(cosigner);
  });

  test('key names follow the signed-note rules', () => {
    expect(isValidKeyName('example.com/log42')).toBe(true);
    expect(isValidKeyName('')).toBe(false);
    expect(isValidKeyName('a+b')).toBe(false);
    expect(isValidKeyName('a b')).toBe(false);
    expect(isValidKeyName('a\u00a0b')).toBe(false);
    expect(isValidKeyName('a\u3000b')).toBe(false);
    expect(isValidKeyName('a\u0001b')).toBe(false);
    expect(isValidKeyName('x'.repeat(256))).toBe(false);
  });
});
