/**
 * Canonical bytes of a list of strings: a domain label, then each part as a 4-byte big-endian
 * length and its UTF-8 bytes. Unlike plain concatenation, no two different lists share an
 * encoding ("ab","c" and "a","bc" differ), so one part can never be shifted into another.
 */
export function lengthPrefixed(domain: string, parts: readonly string[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of [domain, ...parts]) {
    const bytes = Buffer.from(part, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    chunks.push(length, bytes);
  }
  return Buffer.concat(chunks);
}
