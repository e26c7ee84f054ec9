import type { KeyObject } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { assert } from '../assert.js';
import { ed25519PublicKeyFromRaw, ed25519Verify } from './ed25519.js';

export interface SignatureCheck {
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
}

/** Verifies Ed25519 signatures; implementations decide on which thread. */
export interface SignatureVerifier {
  verify(check: SignatureCheck): Promise<boolean>;
  close(): Promise<void>;
}

/** Verifies on the calling thread: for tests, tools and single-core machines. */
export function inlineSignatureVerifier(): SignatureVerifier {
  const keys = new Map<string, KeyObject>();
  return {
    verify: async (check) => {
      const id = Buffer.from(check.publicKey).toString('base64');
      let key = keys.get(id);
      if (key === undefined) {
        if (keys.size >= VERIFY_KEYS_CACHED_MAX) keys.clear();
        key = ed25519PublicKeyFromRaw(check.publicKey);
        keys.set(id, key);
      }
      return ed25519Verify(key, check.message, check.signature);
    },
    close: async () => undefined,
  };
}

export const VERIFY_WORKERS_MAX = 8;
export const VERIFY_KEYS_CACHED_MAX = 100_000;
/** Checks sent to a worker in one message: large enough to amortize the hand-off. */
export const VERIFY_BATCH_SIZE_MAX = 256;

interface Pending {
  check: SignatureCheck;
  resolve: (valid: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Spreads verification over worker threads so signed instructions use every core, not just
 * the one running the event loop and (on PGlite) the database. Checks arriving in the same
 * turn of the event loop travel together, round-robin over the workers.
 */
export function workerSignatureVerifier(
  workerCount = Math.max(1, os.availableParallelism() - 1),
): SignatureVerifier {
  assert(workerCount >= 1 && workerCount <= VERIFY_WORKERS_MAX, 'verify workers 1..8');
  const workers = Array.from(
    { length: workerCount },
    () => new Worker(new URL('./ed25519-verify-worker.mjs', import.meta.url)),
  );
  for (const worker of workers) worker.unref();
  const inFlight = new Map<number, Pending[]>();
  let queue: Pending[] = [];
  let nextId = 0;
  let nextWorker = 0;
  let scheduled = false;
  for (const worker of workers) {
    worker.on('message', ({ id, results }: { id: number; results: boolean[] }) => {
      const batch = inFlight.get(id);
      assert(
        batch !== undefined && batch.length === results.length,
        'verify worker answered a batch it was not sent',
      );
      inFlight.delete(id);
      batch.forEach((pending, index) => pending.resolve(results[index] === true));
    });
    worker.on('error', (error) => {
      for (const batch of inFlight.values()) for (const pending of batch) pending.reject(error);
      inFlight.clear();
    });
  }
  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.splice(0, VERIFY_BATCH_SIZE_MAX);
      const id = (nextId += 1);
      inFlight.set(id, batch);
      const worker = workers[nextWorker % workers.length] as Worker;
      nextWorker += 1;
      worker.postMessage({ id, items: batch.map((pending) => pending.check) });
    }
  };
  return {
    verify(check) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ check, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async close() {
      queue = [];
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
