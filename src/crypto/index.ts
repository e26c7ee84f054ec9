export {
  CANONICAL_JSON_DEPTH_MAX,
  CANONICAL_JSON_VALUES_MAX,
  CanonicalJsonError,
  canonicalJson,
  canonicalJsonBytes,
} from './canonical-json.js';
export {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SEED_BYTES,
  ED25519_SIGNATURE_BYTES,
  ed25519GenerateRaw,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyFromRaw,
  ed25519RandomSeed,
  ed25519RawPublicKey,
  ed25519Sign,
  ed25519Verify,
} from './ed25519.js';
export {
  inlineSignatureVerifier,
  VERIFY_BATCH_SIZE_MAX,
  VERIFY_WORKERS_MAX,
  workerSignatureVerifier,
} from './signature-verifier.js';
export type { SignatureCheck, SignatureVerifier } from './signature-verifier.js';
