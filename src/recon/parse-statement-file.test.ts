import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from './parse-statement-file.js';
import type { ParseStatementResult } from './parse-result.js';

// File-level behaviour: detection, size limit, hashing, and garbage of every kind coming back
// as a typed error instead of an exception.

const MT940 = [
  ':20:REF',
  ':25:NL91ABNA0417164300',
  ':28C:1/1',
  ':60F:C240301EUR10,00',
  ':61:240301C5,00NTRFNONREF',
  ':62F:C240301EUR15,00',
].join('\n');

function codeOf(result: ParseStatementResult): string | undefined {
  return result.ok ? undefined : result.error.code;
}

describe('parseStatementFile', () => {
  it('returns the SHA-256 of the raw bytes, the same for a string and its UTF-8 bytes', () => {
    const expected = createHash('sha256').update(MT940).digest('hex');
    const fromString = parseStatementFile(MT940);
    const fromBytes = parseStatementFile(Buffer.from(MT940, 'utf8'));
    expect(fromString).toMatchObject({ ok: true, contentSha256: expected });
    expect(fromBytes).toMatchObject({ ok: true, contentSha256: expected });
  });

  it('gives equal fingerprints for equal entries and new ones for a changed amount', () => {
    const first = parseStatementFile(MT940);
    const again = parseStatementFile(`${MT940}\n-\n`);
    const changed = parseStatementFile(MT940.replace('C5,00', 'C5,01').replace('15,00', '15,01'));
    if (!first.ok || !again.ok || !changed.ok) throw new Error('fixtures parse');
    expect(again.statements[0]?.entries[0]?.fingerprint).toBe(
      first.statements[0]?.entries[0]?.fingerprint,
    );
    expect(changed.statements[0]?.entries[0]?.fingerprint).not.toBe(
      first.statements[0]?.entries[0]?.fingerprint,
    );
    expect(again.contentSha256).not.toBe(first.contentSha256);
  });

  it('keeps two identical bookings apart by their occurrence', () => {
    const twice = MT940.replace(
      ':62F:C240301EUR15,00',
      ':61:240301C5,00NTRFNONREF\n:62F:C240301EUR20,00',
    );
    const result = parseStatementFile(twice);
    if (!result.ok) throw new Error(result.error.message);
    const [a, b] = result.statements[0]?.entries ?? [];
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it('refuses files over the size limit before reading them', () => {
    const result = parseStatementFile(MT940, { inputBytesMax: 32 });
    expect(result).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('turns garbage into unsupported_format, empty_input or bad_encoding', () => {
    expect(codeOf(parseStatementFile(''))).toBe('empty_input');
    expect(codeOf(parseStatementFile(' \n\t'))).toBe('empty_input');
    expect(codeOf(parseStatementFile('hello world, this is not a statement'))).toBe(
      'unsupported_format',
    );
    expect(codeOf(parseStatementFile('{"json": true}'))).toBe('unsupported_format');
    const random = Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 7919) % 256));
    expect(codeOf(parseStatementFile(random))).toBe('unsupported_format');
    const badXml = Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]);
    expect(codeOf(parseStatementFile(badXml))).toBe('bad_encoding');
    expect(codeOf(parseStatementFile('<?xml version="1.0" encoding="EBCDIC"?><a/>'))).toBe(
      'unsupported_format',
    );
  });

  it('refuses an XML encoding it cannot decode from bytes', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="EBCDIC-US"?><a/>', 'latin1');
    expect(codeOf(parseStatementFile(bytes))).toBe('bad_encoding');
  });

  it('reads UTF-8 with BOM and UTF-16 with BOM', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MT940)]);
    expect(parseStatementFile(bom).ok).toBe(true);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MT940, 'utf16le')]);
    expect(parseStatementFile(utf16).ok).toBe(true);
  });

  it('honours a forced format', () => {
    expect(codeOf(parseStatementFile(MT940, { format: 'camt' }))).toBe('malformed_xml');
    expect(codeOf(parseStatementFile(MT940, { format: 'csv' }))).toBe('bad_mapping');
  });
});
