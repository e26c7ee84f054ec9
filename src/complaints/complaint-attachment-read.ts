import { createHash } from 'node:crypto';
import type { Queryable } from '../store/index.js';
import { accept, refuse, type ComplaintResult } from './complaint-error.js';
import { openText } from './sealed-text.js';

/** An attachment in clear, its hash checked against the one recorded at upload. */
export async function readAttachment(
  db: Queryable,
  platformId: string,
  complaintId: string,
  attachmentId: string,
): Promise<
  ComplaintResult<{ fileName: string; mediaType: string; bytes: Buffer; sha256: string }>
> {
  const rows = await db.query<{
    file_name_sealed: string[];
    media_type: string;
    sha256: Buffer;
    content_sealed: string[] | null;
  }>(
    `SELECT file_name_sealed, media_type, sha256, content_sealed FROM complaint_attachments
     WHERE id = $1 AND complaint_id = $2 AND platform_id = $3`,
    [attachmentId, complaintId, platformId],
  );
  const row = rows[0];
  if (row === undefined)
    return refuse('unknown_attachment', `attachment ${attachmentId} not found`);
  if (row.content_sealed === null)
    return refuse(
      'export_not_available',
      `attachment ${attachmentId} was erased on the customer's request`,
    );
  const where = { table: 'complaint_attachments', recordId: attachmentId, platformId };
  const fileName = await openText(db, { ...where, column: 'file_name' }, row.file_name_sealed);
  const bytes = Buffer.from(
    await openText(db, { ...where, column: 'content' }, row.content_sealed),
    'base64',
  );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== Buffer.from(row.sha256).toString('hex'))
    throw new Error(`attachment ${attachmentId}: content does not match its recorded SHA-256`);
  return accept({ fileName, mediaType: row.media_type, bytes, sha256 });
}
