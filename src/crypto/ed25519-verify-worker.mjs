// Verifies batches of Ed25519 signatures off the main thread. Messages in: { id, items: [{ publicKey,
// message, signature }] } with raw bytes; out: { id, results: boolean[] }. Kept as plain
// JavaScript so it runs in a worker without a TypeScript loader.
import { createPublicKey, verify } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const KEYS_CACHED_MAX = 100_000;
const keys = new Map();

function publicKey(raw) {
  const id = Buffer.from(raw).toString('base64');
  let key = keys.get(id);
  if (key === undefined) {
    if (keys.size >= KEYS_CACHED_MAX) keys.clear();
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    keys.set(id, key);
  }
  return key;
}

parentPort.on('message', ({ id, items }) => {
  const results = items.map(({ publicKey: key, message, signature }) => {
    if (key.length !== 32 || signature.length !== 64) return false;
    try {
      return verify(null, message, publicKey(key), signature);
    } catch {
      return false;
    }
  });
  parentPort.postMessage({ id, results });
});
