/**
 * Strict text encodings for hashes, keys and signatures. Node's Buffer decoders are lenient
 * (they skip invalid characters and accept missing padding), which would let two different
 * strings stand for the same bytes in a signed artefact, so decoding here rejects anything that
 * does not re-encode to exactly the input.
 */

const HEX_PATTERN = /^(?:[0-9a-f]{2})*$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Lowercase hex only, so each value has one spelling. Returns null when malformed. */
export function hexToBytes(text: string): Uint8Array | null {
  if (!HEX_PATTERN.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Standard base64 (RFC 4648 section 4) with padding, as C2SP notes use. */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Canonical padded standard base64 only. Returns null when malformed. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (!BASE64_PATTERN.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero bits in the padding position decode fine but would not re-encode identically.
  if (bytes.toString('base64') !== text) return null;
  return new Uint8Array(bytes);
}

export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) {
    if (left[index] !== right[index]) return false;
  }
  return true;
}

export function utf8Bytes(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'utf8');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
