import type { Principal } from '../security/index.js';
import type { Database, Queryable } from '../store/index.js';
import { caseFailure, caseSuccess, type CaseResult } from './case-error.js';
import { recordCaseChange } from './case-change.js';
import { lockOpenCase } from './case-work.js';

export type AssignTarget = { principalId: string } | { role: string };

/** Staff who may be given cases: active, not disabled. */
const ASSIGNABLE = `kind = 'staff' AND disabled_at IS NULL AND activated_at IS NOT NULL`;

/**
 * The next principal of `role` after the last one picked, wrapping around. The cursor row is
 * locked, so two assignments at once pick two different people in turn.
 */
async function nextInRole(tx: Queryable, role: string): Promise<string | null> {
  await tx.query(
    `INSERT INTO case_assignment_cursors (role, last_principal_id) VALUES ($1, '')
     ON CONFLICT (role) DO NOTHING`,
    [role],
  );
  const cursor = await tx.query<{ last_principal_id: string }>(
    'SELECT last_principal_id FROM case_assignment_cursors WHERE role = $1 FOR UPDATE',
    [role],
  );
  const last = cursor[0]?.last_principal_id ?? '';
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM principals WHERE ${ASSIGNABLE} AND role = $1
     ORDER BY id > $2 DESC, id LIMIT 1`,
    [role, last],
  );
  const picked = rows[0]?.id ?? null;
  if (picked !== null) {
    await tx.query(
      'UPDATE case_assignment_cursors SET last_principal_id = $2, updated_at = now() WHERE role = $1',
      [role, picked],
    );
  }
  return picked;
}

async function resolveAssignee(tx: Queryable, target: AssignTarget): Promise<CaseResult<string>> {
  if ('role' in target) {
    const picked = await nextInRole(tx, target.role);
    if (picked === null)
      return caseFailure(
        'no_principal_in_role',
        `no active member of staff has role ${target.role}`,
      );
    return caseSuccess(picked);
  }
  const rows = await tx.query(`SELECT id FROM principals WHERE id = $1 AND ${ASSIGNABLE}`, [
    target.principalId,
  ]);
  if (rows.length === 0)
    return caseFailure('unknown_principal', `no active member of staff ${target.principalId}`);
  return caseSuccess(target.principalId);
}

/** Gives a case to a named member of staff, or to the next one of a role (round-robin). */
export async function assignCase(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
  target: AssignTarget,
): Promise<CaseResult<{ caseId: string; assigneeId: string }>> {
  return db.transaction(async (tx) => {
    const locked = await lockOpenCase(tx, platformId, caseId);
    if (!locked.ok) return locked;
    if (locked.value.view.state === 'closed')
      return caseFailure('case_closed', `case ${caseId} is closed`);
    const assignee = await resolveAssignee(tx, target);
    if (!assignee.ok) return assignee;
    await tx.query('UPDATE cases SET assignee_id = $2, updated_at = now() WHERE id = $1', [
      caseId,
      assignee.value,
    ]);
    await recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'assigned',
      detail: {
        from: locked.value.view.assigneeId,
        to: assignee.value,
        how: 'role' in target ? `round_robin:${target.role}` : 'manual',
      },
      notify: 'case.assigned',
    });
    return caseSuccess({ caseId, assigneeId: assignee.value });
  });
}
