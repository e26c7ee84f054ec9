import { canonicalJsonBytes } from '../crypto/index.js';
import { leafHash, type Hash } from './merkle-hash.js';

/**
 * The Merkle leaf hash of an audit record: SHA-256(0x00 || RFC 8785 canonical JSON). Every
 * writer and verifier must derive leaves through this one function, or the roots will drift.
 */
export function entryLeafHash(record: unknown): Hash {
  return leafHash(canonicalJsonBytes(record));
}
