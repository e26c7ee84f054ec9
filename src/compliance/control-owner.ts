import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Queryable } from '../store/index.js';

export class ControlOwnerRefused extends Error {
  override name = 'ControlOwnerRefused';
}

/** Names the member of staff answerable for a control (or none). Audited. */
export async function setControlOwner(
  tx: Queryable,
  actor: string,
  controlId: string,
  ownerId: string | null,
  nowMs = Date.now(),
): Promise<void> {
  if (ownerId !== null) {
    const staff = await tx.query("SELECT 1 FROM principals WHERE id = $1 AND kind = 'staff'", [
      ownerId,
    ]);
    if (staff.length === 0) throw new ControlOwnerRefused(`${ownerId} is not a member of staff`);
  }
  const updated = await tx.query(
    'UPDATE compliance_controls SET owner_id = $2, updated_at = now() WHERE id = $1 RETURNING id',
    [controlId, ownerId],
  );
  if (updated.length === 0) throw new ControlOwnerRefused(`no control ${controlId}`);
  await appendAuditRecords(tx, [
    {
      platformId: null,
      actor,
      action: 'compliance.control_owner_set',
      subjectType: 'compliance_control',
      subjectId: controlId,
      payload: { ownerId },
      atMs: nowMs,
    },
  ]);
}
