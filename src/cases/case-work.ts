import type { Principal } from '../security/index.js';
import type { Database, Queryable } from '../store/index.js';
import { caseFailure, caseSuccess, type CaseResult } from './case-error.js';
import { recordCaseChange } from './case-change.js';
import { NOTE_LENGTH_MAX } from './case-limits.js';
import { lockCase, type LockedCase } from './case-row.js';
import { applyCaseCommand, type CaseState } from './case-state.js';

export type CaseMove = 'start_investigation' | 'escalate' | 'return_to_investigation';

/** Locks a case that is not waiting for a close decision. */
export async function lockOpenCase(
  tx: Queryable,
  platformId: string,
  caseId: string,
): Promise<CaseResult<LockedCase>> {
  const locked = await lockCase(tx, platformId, caseId);
  if (locked === null) return caseFailure('unknown_case', `case ${caseId} not found`);
  if (locked.closePending) {
    return caseFailure(
      'close_pending',
      `closing case ${caseId} awaits approval ${locked.view.closeApprovalId ?? ''}; decide it first`,
    );
  }
  return caseSuccess(locked);
}

/**
 * Moves a case between open, investigating and escalated. Leaving `open` the first time marks
 * it triaged (the start of "time to triage"). Closing goes through `closeCase`.
 */
export async function moveCase(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
  move: CaseMove,
  note?: string,
): Promise<CaseResult<{ caseId: string; state: CaseState }>> {
  if (note !== undefined && note.length > NOTE_LENGTH_MAX)
    return caseFailure('reason_required', `a note has at most ${NOTE_LENGTH_MAX} characters`);
  return db.transaction(async (tx) => {
    const locked = await lockOpenCase(tx, platformId, caseId);
    if (!locked.ok) return locked;
    const current = locked.value.view;
    const next = applyCaseCommand(
      { state: current.state, disposition: current.disposition, closeReason: current.closeReason },
      { kind: move },
    );
    if (!next.ok) return next;
    await tx.query(
      `UPDATE cases SET state = $2, triaged_at = COALESCE(triaged_at, now()), updated_at = now()
       WHERE id = $1`,
      [caseId, next.value.state],
    );
    await recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'state_changed',
      detail: {
        from: current.state,
        to: next.value.state,
        move,
        ...(note === undefined ? {} : { note }),
      },
      notify: 'case.state_changed',
    });
    return caseSuccess({ caseId, state: next.value.state });
  });
}

/** Adds a note to the timeline. Closed cases take notes too: the timeline only grows. */
export async function addCaseNote(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
  text: string,
): Promise<CaseResult<{ caseId: string }>> {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > NOTE_LENGTH_MAX)
    return caseFailure('reason_required', `a note has 1 to ${NOTE_LENGTH_MAX} characters`);
  return db.transaction(async (tx) => {
    const locked = await lockCase(tx, platformId, caseId);
    if (locked === null) return caseFailure('unknown_case', `case ${caseId} not found`);
    await tx.query('UPDATE cases SET updated_at = now() WHERE id = $1', [caseId]);
    await recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'note',
      detail: { text: trimmed },
    });
    return caseSuccess({ caseId });
  });
}
