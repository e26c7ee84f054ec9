import { createHash } from 'node:crypto';
import { fileExtension, sniffKind } from '../cases/evidence-type.js';
import type { Queryable } from '../store/index.js';
import { newId } from '../store/index.js';
import { accept, refuse, type ComplaintResult } from './complaint-error.js';
import { COMPLAINT_LIMITS } from './complaint-limits.js';
import { sealText } from './sealed-text.js';

/** Files a customer may attach: documents and pictures whose bytes match their names. */
const ACCEPTED: Readonly<Record<string, { kind: string; mediaType: string }>> = {
  pdf: { kind: 'pdf', mediaType: 'application/pdf' },
  png: { kind: 'png', mediaType: 'image/png' },
  jpg: { kind: 'jpeg', mediaType: 'image/jpeg' },
  jpeg: { kind: 'jpeg', mediaType: 'image/jpeg' },
  txt: { kind: 'text', mediaType: 'text/plain' },
};

export interface AttachmentInput {
  fileName: string;
  /** The file's bytes as base64. */
  contentBase64: string;
}

export interface CheckedAttachment {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  sha256: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Pure: decodes and checks attachments before anything is written. */
export function checkAttachments(
  inputs: readonly AttachmentInput[],
): ComplaintResult<CheckedAttachment[]> {
  if (inputs.length > COMPLAINT_LIMITS.attachmentsMax)
    return refuse('validation_failed', `at most ${COMPLAINT_LIMITS.attachmentsMax} attachments`);
  const checked: CheckedAttachment[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input.contentBase64.length % 4 !== 0 || !BASE64.test(input.contentBase64))
      return refuse('validation_failed', `${input.fileName}: content is not base64`);
    const decodedBytes = (input.contentBase64.length / 4) * 3;
    if (decodedBytes - 2 > COMPLAINT_LIMITS.attachmentBytesMax)
      return refuse(
        'attachment_too_large',
        `${input.fileName}: attachments are at most ${COMPLAINT_LIMITS.attachmentBytesMax} bytes`,
      );
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) return refuse('attachment_type_refused', `${input.fileName} is empty`);
    if (bytes.length > COMPLAINT_LIMITS.attachmentBytesMax)
      return refuse(
        'attachment_too_large',
        `${input.fileName}: attachments are at most ${COMPLAINT_LIMITS.attachmentBytesMax} bytes; this one has ${bytes.length}`,
      );
    const extension = fileExtension(input.fileName);
    const accepted = ACCEPTED[extension];
    if (accepted === undefined)
      return refuse(
        'attachment_type_refused',
        `.${extension} files are not accepted; accepted: ${Object.keys(ACCEPTED).join(', ')}`,
      );
    const kind = sniffKind(bytes);
    if (kind !== accepted.kind)
      return refuse(
        'attachment_type_refused',
        `${input.fileName} is named .${extension} but its content is ${kind === 'executable' ? 'a program' : kind}`,
      );
    const sha256 = createHash('sha256').update(bytes).digest();
    const hex = sha256.toString('hex');
    if (seen.has(hex)) continue;
    seen.add(hex);
    checked.push({ fileName: input.fileName, mediaType: accepted.mediaType, bytes, sha256 });
  }
  return accept(checked);
}

/** Stores checked attachments, sealed, in the complaint's transaction. */
export async function writeAttachments(
  tx: Queryable,
  platformId: string,
  complaintId: string,
  attachments: readonly CheckedAttachment[],
  nowMs: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (const file of attachments) {
    const id = newId('cat', nowMs);
    const where = { table: 'complaint_attachments', recordId: id, platformId };
    const name = await sealText(tx, { ...where, column: 'file_name' }, file.fileName, 1);
    const content = await sealText(
      tx,
      { ...where, column: 'content' },
      file.bytes.toString('base64'),
      COMPLAINT_LIMITS.attachmentChunksMax,
    );
    await tx.query(
      `INSERT INTO complaint_attachments (id, complaint_id, platform_id, file_name_sealed,
         media_type, size_bytes, sha256, content_sealed, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        complaintId,
        platformId,
        name,
        file.mediaType,
        file.bytes.length,
        file.sha256,
        content,
        new Date(nowMs),
      ],
    );
    ids.push(id);
  }
  return ids;
}
