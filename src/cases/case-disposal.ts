import { createFreeze, requestFreezeLift, settleHold, type FreezeInput } from '../custody/index.js';
import type { Principal } from '../security/index.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { caseFailure, caseSuccess, fromCustodyError, type CaseResult } from './case-error.js';
import { recordCaseChange } from './case-change.js';
import { getCase, getCaseWorkspace } from './case-queries.js';
import type { CaseView } from './case-row.js';
import { NOTE_LENGTH_MAX } from './case-limits.js';
import { strFacts } from './str-facts.js';

// Holds and freezes run through custody's own transactions (they lock accounts the way
// postings do); the case timeline records the outcome right after, and the custody change
// carries its own audit record either way.

async function workableCase(
  db: Queryable,
  platformId: string,
  caseId: string,
): Promise<CaseResult<CaseView>> {
  const view = await getCase(db, platformId, caseId);
  if (view === null) return caseFailure('unknown_case', `case ${caseId} not found`);
  if (view.state === 'closed') return caseFailure('case_closed', `case ${caseId} is closed`);
  return caseSuccess(view);
}

/** Releases or voids a held instruction of the case's customer. */
export async function settleHoldFromCase(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
  input: { instructionId: string; decision: 'release' | 'void'; reason: string },
): Promise<CaseResult<{ instructionId: string; status: 'posted' | 'voided' }>> {
  const found = await workableCase(db, platformId, caseId);
  if (!found.ok) return found;
  const involved = await db.query(
    `SELECT 1 FROM instructions i JOIN accounts a ON a.id IN (i.debit_account_id, i.credit_account_id)
     WHERE i.id = $1 AND i.platform_id = $2 AND a.customer_id IS NOT DISTINCT FROM $3 LIMIT 1`,
    [input.instructionId, platformId, found.value.customerId],
  );
  if (involved.length === 0) {
    const message = `instruction ${input.instructionId} is not one of this case's customer`;
    return { ok: false, error: { code: 'unknown_instruction', message } };
  }
  const settled = await settleHold(
    db,
    actor,
    platformId,
    input.instructionId,
    input.decision,
    input.reason,
  );
  if (!settled.ok) return fromCustodyError(settled.error);
  await db.transaction((tx) =>
    recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'hold_settled',
      detail: {
        instructionId: input.instructionId,
        decision: input.decision,
        status: settled.value.status,
        reason: input.reason,
      },
    }),
  );
  return caseSuccess(settled.value);
}

/** Freezes the case's customer (or one named account) with the case as reference. */
export async function freezeFromCase(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
  input: Pick<FreezeInput, 'scope' | 'reasonCode' | 'note' | 'accountId'>,
): Promise<CaseResult<{ freezeId: string }>> {
  const found = await workableCase(db, platformId, caseId);
  if (!found.ok) return found;
  const customerId = found.value.customerId;
  let target: { accountId: string } | { customerId: string };
  if (input.accountId !== undefined) target = { accountId: input.accountId };
  else if (customerId !== null) target = { customerId };
  else
    return caseFailure('reason_required', 'this case has no customer: name the account to freeze');
  const created = await createFreeze(db, actor, platformId, {
    scope: input.scope,
    reasonCode: input.reasonCode,
    caseRef: caseId,
    ...(input.note === undefined ? {} : { note: input.note }),
    ...target,
  });
  if (!created.ok) return fromCustodyError(created.error);
  await db.transaction((tx) =>
    recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'freeze_created',
      detail: {
        freezeId: created.value.freezeId,
        scope: input.scope,
        reasonCode: input.reasonCode,
      },
    }),
  );
  return caseSuccess(created.value);
}

/** Asks to lift a freeze (four-eyes, through custody's `freeze.lift` request). */
export async function requestUnfreezeFromCase(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
  input: { freezeId: string; reason: string },
): Promise<CaseResult<{ approvalId: string }>> {
  const view = await getCase(db, platformId, caseId);
  if (view === null) return caseFailure('unknown_case', `case ${caseId} not found`);
  const requested = await requestFreezeLift(db, actor, platformId, input.freezeId, input.reason);
  if (!requested.ok) return fromCustodyError(requested.error);
  await db.transaction((tx) =>
    recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'unfreeze_requested',
      detail: {
        freezeId: input.freezeId,
        approvalId: requested.value.approvalId,
        reason: input.reason,
      },
    }),
  );
  return caseSuccess(requested.value);
}

/** Starts a suspicious-transaction-report draft holding the case's facts as of now. */
export async function draftStrFromCase(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
): Promise<CaseResult<{ draftId: string; facts: Record<string, unknown> }>> {
  const workspace = await getCaseWorkspace(db, platformId, caseId);
  if (workspace === null) return caseFailure('unknown_case', `case ${caseId} not found`);
  const facts = strFacts(
    workspace.case,
    workspace.alerts,
    workspace.instructions,
    workspace.evidence,
  );
  const draftId = newId('str');
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO str_drafts (id, platform_id, case_id, customer_id, facts, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [draftId, platformId, caseId, workspace.case.customerId, JSON.stringify(facts), actor.id],
    );
    await recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'str_drafted',
      detail: { draftId },
    });
  });
  return caseSuccess({ draftId, facts });
}

/** Asks the platform for information (documents, the customer's explanation) by webhook. */
export async function requestInformation(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
  question: string,
): Promise<CaseResult<{ requestId: string }>> {
  const trimmed = question.trim();
  if (trimmed.length === 0 || trimmed.length > NOTE_LENGTH_MAX)
    return caseFailure('reason_required', `a question has 1 to ${NOTE_LENGTH_MAX} characters`);
  const found = await workableCase(db, platformId, caseId);
  if (!found.ok) return found;
  const requestId = newId('inf');
  await db.transaction((tx) =>
    recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'info_requested',
      detail: { requestId, customerId: found.value.customerId, question: trimmed },
      notify: 'case.info_requested',
    }),
  );
  return caseSuccess({ requestId });
}
