import { createHash } from 'node:crypto';
import {
  ed25519GenerateRaw,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyFromRaw,
  ed25519Sign,
  ed25519Verify,
} from '../src/crypto/index.js';
import { median } from './stats.js';

/** This machine's raw rates, single thread: the ceilings our figures sit under. */
export function measureCeilings(): { ed25519VerifyPerSecond: number; sha256PerSecond: number } {
  const pair = ed25519GenerateRaw();
  const key = ed25519PublicKeyFromRaw(pair.publicKey);
  const message = Buffer.alloc(300, 7);
  const signature = ed25519Sign(ed25519PrivateKeyFromSeed(pair.seed), message);
  const verifyRuns: number[] = [];
  const hashRuns: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    let started = performance.now();
    for (let index = 0; index < 5_000; index += 1) ed25519Verify(key, message, signature);
    verifyRuns.push(5_000 / ((performance.now() - started) / 1_000));
    const leaf = Buffer.alloc(65, 1);
    started = performance.now();
    for (let index = 0; index < 200_000; index += 1) createHash('sha256').update(leaf).digest();
    hashRuns.push(200_000 / ((performance.now() - started) / 1_000));
  }
  return { ed25519VerifyPerSecond: median(verifyRuns), sha256PerSecond: median(hashRuns) };
}
