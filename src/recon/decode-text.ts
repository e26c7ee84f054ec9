import { assert } from '../assert.js';
import { failParse, type ParseWarning } from './parse-result.js';

/**
 * Bytes → text. camt files declare their encoding in the XML prolog; MT940 and CSV files do
 * not, and many banks still send ISO-8859-1, so non-XML text that is not valid UTF-8 is read as
 * Windows-1252 (a superset of Latin-1's printable range) with a warning rather than rejected.
 */

const PROLOG_BYTES_MAX = 256;
const LATIN_ENCODINGS = /^(iso-8859-1|iso-8859-15|latin-?1|windows-1252|cp1252)$/i;

export function decodeStatementBytes(input: Uint8Array | string, warnings: ParseWarning[]): string {
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) {
    return decodeStrict(input.subarray(3), 'utf-8');
  }
  if (input[0] === 0xff && input[1] === 0xfe) return decodeStrict(input.subarray(2), 'utf-16le');
  if (input[0] === 0xfe && input[1] === 0xff) return decodeStrict(input.subarray(2), 'utf-16be');
  if (firstNonSpaceByte(input) === 0x3c) return decodeXml(input);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    warnings.push({
      code: 'decoded_as_latin1',
      message: 'file is not valid UTF-8; read as ISO-8859-1/Windows-1252',
    });
    return new TextDecoder('windows-1252').decode(input);
  }
}

function decodeXml(input: Uint8Array): string {
  const head = Buffer.from(input.subarray(0, PROLOG_BYTES_MAX)).toString('latin1');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared === undefined || /^utf-?8$/i.test(declared)) return decodeStrict(input, 'utf-8');
  if (LATIN_ENCODINGS.test(declared)) return new TextDecoder('windows-1252').decode(input);
  return failParse('bad_encoding', `XML declares unsupported encoding '${declared}'`, { line: 1 });
}

function decodeStrict(input: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(input);
  } catch {
    return failParse('bad_encoding', `file is not valid ${encoding.toUpperCase()}`);
  }
}

function firstNonSpaceByte(input: Uint8Array): number | undefined {
  const scanMax = Math.min(input.length, PROLOG_BYTES_MAX);
  for (let index = 0; index < scanMax; index++) {
    const byte = input[index];
    assert(byte !== undefined, 'index inside the buffer');
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
  }
  return undefined;
}
