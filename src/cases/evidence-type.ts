import { EVIDENCE_BYTES_MAX } from './case-limits.js';
import { caseFailure, caseSuccess, type CaseResult } from './case-error.js';

/** What the first bytes of a file show it to be. */
export type SniffedKind =
  'pdf' | 'png' | 'jpeg' | 'gif' | 'zip' | 'text' | 'executable' | 'unknown';

/** Accepted evidence: file extension → the kind its bytes must be, and the stored media type. */
const ACCEPTED: Readonly<Record<string, { kind: SniffedKind; mediaType: string }>> = {
  pdf: { kind: 'pdf', mediaType: 'application/pdf' },
  png: { kind: 'png', mediaType: 'image/png' },
  jpg: { kind: 'jpeg', mediaType: 'image/jpeg' },
  jpeg: { kind: 'jpeg', mediaType: 'image/jpeg' },
  gif: { kind: 'gif', mediaType: 'image/gif' },
  txt: { kind: 'text', mediaType: 'text/plain' },
  csv: { kind: 'text', mediaType: 'text/csv' },
  json: { kind: 'text', mediaType: 'application/json' },
  xml: { kind: 'text', mediaType: 'application/xml' },
  eml: { kind: 'text', mediaType: 'message/rfc822' },
  docx: {
    kind: 'zip',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    kind: 'zip',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  zip: { kind: 'zip', mediaType: 'application/zip' },
};
export const EVIDENCE_EXTENSIONS: readonly string[] = Object.keys(ACCEPTED);

const SIGNATURES: readonly { kind: SniffedKind; bytes: readonly number[] }[] = [
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // PK\3\4
  { kind: 'executable', bytes: [0x4d, 0x5a] }, // MZ: Windows PE
  { kind: 'executable', bytes: [0x7f, 0x45, 0x4c, 0x46] }, // ELF
  { kind: 'executable', bytes: [0xfe, 0xed, 0xfa, 0xce] }, // Mach-O 32
  { kind: 'executable', bytes: [0xfe, 0xed, 0xfa, 0xcf] }, // Mach-O 64
  { kind: 'executable', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { kind: 'executable', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { kind: 'executable', bytes: [0xca, 0xfe, 0xba, 0xbe] }, // Mach-O fat, Java class
  { kind: 'executable', bytes: [0x23, 0x21] }, // #! script
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Text is valid UTF-8 without control characters other than tab, line feed, form feed, CR. */
function isText(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    const allowedControl = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
    if ((byte < 0x20 && !allowedControl) || byte === 0x7f) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function sniffKind(bytes: Uint8Array): SniffedKind {
  for (const signature of SIGNATURES) {
    if (startsWith(bytes, signature.bytes)) return signature.kind;
  }
  return isText(bytes) ? 'text' : 'unknown';
}

export function fileExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * Accepts a file as evidence only if its extension is one we keep and its bytes are what the
 * extension says: a `.pdf` that starts like a Windows program is refused, whatever its name.
 * Returns the media type to store.
 */
export function checkEvidenceFile(
  fileName: string,
  bytes: Uint8Array,
): CaseResult<{ mediaType: string }> {
  if (bytes.length === 0) return caseFailure('evidence_type_refused', 'the file is empty');
  if (bytes.length > EVIDENCE_BYTES_MAX) {
    return caseFailure(
      'evidence_too_large',
      `evidence files are at most ${EVIDENCE_BYTES_MAX} bytes; this one has ${bytes.length}`,
    );
  }
  const extension = fileExtension(fileName);
  const accepted = ACCEPTED[extension];
  if (accepted === undefined) {
    return caseFailure(
      'evidence_type_refused',
      `.${extension} files are not kept as evidence; accepted: ${EVIDENCE_EXTENSIONS.join(', ')}`,
    );
  }
  const kind = sniffKind(bytes);
  if (kind !== accepted.kind) {
    return caseFailure(
      'evidence_type_refused',
      `${fileName} is named .${extension} but its content is ${kind === 'executable' ? 'a program' : kind}`,
    );
  }
  return caseSuccess({ mediaType: accepted.mediaType });
}
