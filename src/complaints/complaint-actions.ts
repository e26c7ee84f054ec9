import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Database, Queryable } from '../store/index.js';
import { ComplaintRefusal, refusable, refuse, type ComplaintResult } from './complaint-error.js';
import { appendComplaintEvent } from './complaint-events.js';
import { COMPLAINT_LIMITS } from './complaint-limits.js';
import { COMMANDS_NEEDING_TEXT, nextComplaintState } from './complaint-state.js';
import type { ComplaintCommand, ComplaintState } from './complaint-types.js';
import { sealText } from './sealed-text.js';

type LockedComplaint = { id: string; state: ComplaintState; case_id: string | null };

async function lockComplaint(
  tx: Queryable,
  platformId: string,
  complaintId: string,
): Promise<LockedComplaint> {
  const rows = await tx.query<LockedComplaint>(
    'SELECT id, state, case_id FROM complaints WHERE id = $1 AND platform_id = $2 FOR UPDATE',
    [complaintId, platformId],
  );
  const row = rows[0];
  if (row === undefined)
    throw new ComplaintRefusal({
      code: 'unknown_complaint',
      message: `complaint ${complaintId} not found`,
    });
  return row;
}

/**
 * Moves a complaint on: acknowledge, investigate, escalate (with the reason), resolve or
 * reject (with the answer given to the customer, sealed). Each move is a timeline event and
 * an audit record in one transaction.
 */
export async function moveComplaint(
  db: Database,
  actor: string,
  platformId: string,
  complaintId: string,
  command: ComplaintCommand,
  text: string | undefined,
  nowMs = Date.now(),
): Promise<ComplaintResult<{ state: ComplaintState }>> {
  const trimmed = text?.trim() ?? '';
  if (COMMANDS_NEEDING_TEXT.has(command) && trimmed.length === 0)
    return refuse('validation_failed', `${command} needs a text: the answer or the reason`);
  return refusable(db, async (tx) => {
    const complaint = await lockComplaint(tx, platformId, complaintId);
    const next = nextComplaintState(complaint.state, command);
    if (next === null)
      throw new ComplaintRefusal({
        code: 'invalid_state',
        message: `a ${complaint.state} complaint cannot be moved by ${command}`,
      });
    const where = { table: 'complaints', recordId: complaintId, platformId };
    const sealed =
      trimmed.length === 0
        ? undefined
        : await sealText(
            tx,
            { ...where, column: `event:${command}` },
            trimmed,
            COMPLAINT_LIMITS.textChunksMax,
          );
    const at = new Date(nowMs);
    const closing = next === 'resolved' || next === 'rejected';
    await tx.query(
      `UPDATE complaints SET state = $2, updated_at = $3,
         acknowledged_at = CASE WHEN $4 THEN coalesce(acknowledged_at, $3) ELSE acknowledged_at END,
         escalated_at = CASE WHEN $5 THEN $3 ELSE escalated_at END,
         closed_at = CASE WHEN $6 THEN $3 ELSE closed_at END,
         outcome_sealed = CASE WHEN $6 THEN $7::text[] ELSE outcome_sealed END
       WHERE id = $1`,
      [
        complaintId,
        next,
        at,
        command !== 'reject' || complaint.state !== 'received',
        command === 'escalate',
        closing,
        closing
          ? await sealText(
              tx,
              { ...where, column: 'outcome' },
              trimmed,
              COMPLAINT_LIMITS.textChunksMax,
            )
          : null,
      ],
    );
    const detail = { from: complaint.state, to: next, command };
    await appendComplaintEvent(tx, {
      complaintId,
      platformId,
      kind: command,
      actor,
      detail,
      ...(sealed === undefined ? {} : { textSealed: sealed }),
      atMs: nowMs,
    });
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: `complaint.${command}`,
        subjectType: 'complaint',
        subjectId: complaintId,
        payload: detail,
        atMs: nowMs,
      },
    ]);
    return { state: next };
  });
}

/** Links a complaint to a case (and optionally an incident) of the same platform. */
export async function linkComplaint(
  db: Database,
  actor: string,
  platformId: string,
  complaintId: string,
  link: { caseId?: string; incidentId?: string },
  nowMs = Date.now(),
): Promise<ComplaintResult<{ caseId: string | null; incidentId: string | null }>> {
  if (link.caseId === undefined && link.incidentId === undefined)
    return refuse('validation_failed', 'name a caseId, an incidentId or both');
  return refusable(db, async (tx) => {
    await lockComplaint(tx, platformId, complaintId);
    if (link.caseId !== undefined) {
      const found = await tx.query('SELECT 1 FROM cases WHERE id = $1 AND platform_id = $2', [
        link.caseId,
        platformId,
      ]);
      if (found.length === 0)
        throw new ComplaintRefusal({
          code: 'unknown_case',
          message: `case ${link.caseId} not found`,
        });
    }
    if (link.incidentId !== undefined) {
      const found = await tx.query(
        'SELECT 1 FROM incidents WHERE id = $1 AND (platform_id = $2 OR platform_id IS NULL)',
        [link.incidentId, platformId],
      );
      if (found.length === 0)
        throw new ComplaintRefusal({
          code: 'validation_failed',
          message: `incident ${link.incidentId} not found`,
        });
    }
    const rows = await tx.query<{ case_id: string | null; incident_id: string | null }>(
      `UPDATE complaints SET case_id = coalesce($2, case_id), incident_id = coalesce($3, incident_id),
         updated_at = $4 WHERE id = $1 RETURNING case_id, incident_id`,
      [complaintId, link.caseId ?? null, link.incidentId ?? null, new Date(nowMs)],
    );
    const detail = { caseId: link.caseId ?? null, incidentId: link.incidentId ?? null };
    await appendComplaintEvent(tx, {
      complaintId,
      platformId,
      kind: 'linked',
      actor,
      detail,
      atMs: nowMs,
    });
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'complaint.linked',
        subjectType: 'complaint',
        subjectId: complaintId,
        payload: detail,
        atMs: nowMs,
      },
    ]);
    return { caseId: rows[0]?.case_id ?? null, incidentId: rows[0]?.incident_id ?? null };
  });
}
