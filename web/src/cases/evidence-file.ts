/**
 * What the console checks before sending an evidence file; the server checks again, and also
 * that the bytes are what the name says (src/cases/evidence-type.ts).
 */
export const EVIDENCE_BYTES_MAX = 4 * 1024 * 1024;
export const EVIDENCE_EXTENSIONS = [
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'txt',
  'csv',
  'json',
  'xml',
  'eml',
  'docx',
  'xlsx',
  'zip',
] as const;
export const EVIDENCE_FILE_NAME_LENGTH_MAX = 200;

export type EvidenceFileProblem = 'empty' | 'tooLarge' | 'typeRefused' | 'nameTooLong';

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export function evidenceFileProblem(
  fileName: string,
  sizeBytes: number,
): EvidenceFileProblem | null {
  if (fileName.length > EVIDENCE_FILE_NAME_LENGTH_MAX) return 'nameTooLong';
  if (!(EVIDENCE_EXTENSIONS as readonly string[]).includes(extensionOf(fileName)))
    return 'typeRefused';
  if (sizeBytes === 0) return 'empty';
  if (sizeBytes > EVIDENCE_BYTES_MAX) return 'tooLarge';
  return null;
}

const BASE64_CHUNK_BYTES = 0x8000;

/** Standard base64 of `bytes`, in chunks so a 4 MiB file does not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += BASE64_CHUNK_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(start, start + BASE64_CHUNK_BYTES));
  }
  return btoa(binary);
}

/** "1.5 MiB", "320 KiB", "12 B": sizes in the unit people read. */
export function formatBytes(sizeBytes: number): string {
  if (sizeBytes < 1024) return `${sizeBytes} B`;
  if (sizeBytes < 1024 * 1024) return `${Math.round((sizeBytes / 1024) * 10) / 10} KiB`;
  return `${Math.round((sizeBytes / (1024 * 1024)) * 10) / 10} MiB`;
}
