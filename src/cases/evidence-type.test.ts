import { describe, expect, it } from 'vitest';
import { EVIDENCE_BYTES_MAX } from './case-limits.js';
import { checkEvidenceFile, sniffKind } from './evidence-type.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('evidence type sniffing', () => {
  it('recognizes documents, images, archives and text by their first bytes', () => {
    expect(sniffKind(text('%PDF-1.7\n...'))).toBe('pdf');
    expect(sniffKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('png');
    expect(sniffKind(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffKind(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe('zip');
    expect(sniffKind(text('date,amount\n2025-01-06,100.00\n'))).toBe('text');
    expect(sniffKind(text('中文说明，客户解释资金来源'))).toBe('text');
    expect(sniffKind(bytes(0x00, 0x01, 0x02, 0xff))).toBe('unknown');
  });

  it('recognizes programs: PE, ELF, Mach-O and scripts', () => {
    expect(sniffKind(text('MZ\u0090\u0000'))).toBe('executable');
    expect(sniffKind(bytes(0x7f, 0x45, 0x4c, 0x46, 2))).toBe('executable');
    expect(sniffKind(bytes(0xcf, 0xfa, 0xed, 0xfe))).toBe('executable');
    expect(sniffKind(text('#!/bin/sh\nrm -rf /\n'))).toBe('executable');
  });

  it('refuses a .pdf that is really a program, and files whose bytes disagree with the name', () => {
    const exe = checkEvidenceFile('statement.pdf', bytes(0x4d, 0x5a, 0x90, 0x00, 0x03));
    expect(exe).toEqual({
      ok: false,
      error: {
        code: 'evidence_type_refused',
        message: 'statement.pdf is named .pdf but its content is a program',
      },
    });
    const pngAsJpg = checkEvidenceFile(
      'id.jpg',
      bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    );
    expect(pngAsJpg.ok).toBe(false);
    expect(checkEvidenceFile('tool.exe', bytes(0x4d, 0x5a)).ok).toBe(false);
    expect(checkEvidenceFile('noextension', text('hello')).ok).toBe(false);
    expect(checkEvidenceFile('empty.txt', bytes()).ok).toBe(false);
  });

  it('accepts matching files and returns the media type to store', () => {
    expect(checkEvidenceFile('Bank Letter.PDF', text('%PDF-1.4\n'))).toEqual({
      ok: true,
      value: { mediaType: 'application/pdf' },
    });
    expect(checkEvidenceFile('flows.csv', text('a,b\n1,2\n'))).toEqual({
      ok: true,
      value: { mediaType: 'text/csv' },
    });
  });

  it('refuses files over the size limit', () => {
    const big = new Uint8Array(EVIDENCE_BYTES_MAX + 1).fill(0x41);
    const result = checkEvidenceFile('big.txt', big);
    expect(result.ok === false && result.error.code).toBe('evidence_too_large');
  });
});
