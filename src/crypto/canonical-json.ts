import canonicalize from 'canonicalize';
import { assert } from '../assert.js';

/**
 * RFC 8785 (JCS) canonical JSON: the exact bytes that are signed and hashed. Amounts must
 * arrive as strings; a bigint or a non-finite number here is a programmer error.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  assert(typeof text === 'string', 'value has no canonical JSON form');
  return text;
}
