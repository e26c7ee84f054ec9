import { hash } from 'node:crypto';
import { assert } from '../assert.js';

/**
 * Writes a fingerprint text (entry-fingerprint.ts) straight into a reused byte buffer as
 * UTF-8 and hashes the bytes, instead of concatenating a string per entry that the hash then
 * has to flatten and encode. The bytes are exactly the UTF-8 of the text: plain ASCII values
 * are copied code by code, anything else goes through JSON.stringify and Buffer.write, as
 * the string form would. camt-fingerprint-equivalence.test.ts compares the two forms.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const INITIAL_BYTES = 1024;
/** UTF-8 needs at most 3 bytes per UTF-16 code unit. */
const UTF8_BYTES_PER_UNIT_MAX = 3;

export class FingerprintBytes {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private length = 0;

  reset(): void {
    this.length = 0;
  }

  /** Bytes written since reset, for resetTo: a shared prefix is written once. */
  get byteLength(): number {
    return this.length;
  }

  /** Drops the bytes after the first `byteLength`, keeping those. */
  resetTo(byteLength: number): void {
    assert(byteLength >= 0 && byteLength <= this.length, 'reset inside the written bytes');
    this.length = byteLength;
  }

  /** Raw text whose UTF-8 bytes are appended as they are (separators, numbers, prefixes). */
  raw(text: string): void {
    this.reserve(text.length * UTF8_BYTES_PER_UNIT_MAX);
    const buffer = this.buffer;
    let at = this.length;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) {
        this.length += this.buffer.write(text, this.length, 'utf8');
        return;
      }
      buffer[at++] = code;
    }
    this.length = at;
  }

  comma(): void {
    this.reserve(1);
    this.buffer[this.length++] = COMMA;
  }

  /** The JSON.stringify form of `value`, preceded by a comma. */
  jsonString(value: string): void {
    this.reserve(value.length * UTF8_BYTES_PER_UNIT_MAX + 3);
    const buffer = this.buffer;
    const start = this.length;
    let at = start;
    buffer[at++] = COMMA;
    buffer[at++] = QUOTE;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (code < 0x20 || code >= 0x7f || code === QUOTE || code === BACKSLASH) {
        // Escapes, non-ASCII and surrogates: the general form, from the start of the value.
        this.length = start + 1;
        this.raw(JSON.stringify(value));
        return;
      }
      buffer[at++] = code;
    }
    buffer[at++] = QUOTE;
    this.length = at;
  }

  /** SHA-256 hex of the bytes written since reset. */
  digestHex(): string {
    const digest = hash('sha256', this.buffer.subarray(0, this.length), 'hex');
    assert(digest.length === 64, 'sha256 hex digest has 64 characters');
    return digest;
  }

  private reserve(bytes: number): void {
    const needed = this.length + bytes;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
