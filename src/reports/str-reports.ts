import { failure, success, type Result } from '../custody/index.js';
import type { Principal } from '../security/index.js';
import {
  newId,
  sqlErrorCode,
  SQL_UNIQUE_VIOLATION,
  type Database,
  type Queryable,
} from '../store/index.js';
import { loadWorkingCalendar } from './calendar-store.js';
import { cstDayOfMs, isoOfEpochDay } from './cst-day.js';
import { REPORT_LIMITS } from './report-limits.js';
import { appendVersion, findReport, insertReport, loadVersionContent } from './report-store.js';
import {
  normalizedStrContent,
  StrContentSchema,
  type StrContent,
  type StrEditable,
} from './str-content.js';
import { reportDeadline } from './working-days.js';

async function strDeadline(db: Queryable, nowMs: number): Promise<string> {
  const today = cstDayOfMs(nowMs);
  return isoOfEpochDay(reportDeadline(today, await loadWorkingCalendar(db, today)));
}

/** Every subject and instruction must be the platform's own. */
async function checkReferences(
  db: Queryable,
  platformId: string,
  content: StrContent,
): Promise<Result<null>> {
  const customerIds = content.subjects.map((s) => s.customerId);
  const customers = await db.query<{ id: string }>(
    'SELECT id FROM customers WHERE platform_id = $1 AND id = ANY($2::text[])',
    [platformId, customerIds],
  );
  const knownCustomers = new Set(customers.map((row) => row.id));
  const unknownCustomer = customerIds.find((id) => !knownCustomers.has(id));
  if (unknownCustomer !== undefined)
    return failure('validation_failed', `subjects: unknown customer ${unknownCustomer}`);
  const instructionIds = content.transactions.map((t) => t.instructionId);
  const instructions = await db.query<{ id: string }>(
    'SELECT id FROM instructions WHERE platform_id = $1 AND id = ANY($2::text[])',
    [platformId, instructionIds],
  );
  const knownInstructions = new Set(instructions.map((row) => row.id));
  const unknownInstruction = instructionIds.find((id) => !knownInstructions.has(id));
  if (unknownInstruction !== undefined)
    return failure('validation_failed', `transactions: unknown instruction ${unknownInstruction}`);
  return success(null);
}

/**
 * Starts a suspicious transaction report from a case's draft (its customer as subject, its
 * non-voided instructions as transactions), or from what a compliance officer enters.
 */
export async function createStr(
  db: Database,
  actor: Principal,
  platformId: string,
  source: { strDraftId: string } | { content: StrEditable; caseId?: string },
): Promise<Result<{ reportId: string }>> {
  let content: StrContent;
  let strDraftId: string | null = null;
  let caseId: string | null = null;
  if ('strDraftId' in source) {
    const drafted = await contentFromDraft(db, platformId, source.strDraftId);
    if (!drafted.ok) return drafted;
    ({ content, caseId } = drafted.value);
    strDraftId = source.strDraftId;
  } else {
    content = normalizedStrContent(source.content);
    caseId = source.caseId ?? null;
  }
  const checked = await checkReferences(db, platformId, content);
  if (!checked.ok) return checked;
  const deadlineDate = await strDeadline(db, Date.now());
  const reportId = newId('rpt');
  const created = await db.transaction(async (tx) => {
    if (strDraftId !== null) {
      // A withdrawn report leaves its draft free for another (index `reports_str_draft`).
      const taken = await tx.query(
        `SELECT id FROM reports WHERE str_draft_id = $1 AND status <> 'withdrawn' FOR UPDATE`,
        [strDraftId],
      );
      if (taken.length > 0) return false;
    }
    await insertReport(tx, {
      id: reportId,
      platformId,
      kind: 'str',
      purpose: 'new',
      originalReportId: null,
      businessDate: null,
      strDraftId,
      caseId,
      deadlineDate,
      content,
      actor: actor.id,
    });
    return true;
  });
  if (!created) return failure('duplicate', `draft ${strDraftId ?? ''} already has a report`);
  return success({ reportId });
}

async function contentFromDraft(
  db: Queryable,
  platformId: string,
  strDraftId: string,
): Promise<Result<{ content: StrContent; caseId: string }>> {
  const rows = await db.query<{
    case_id: string;
    customer_id: string | null;
    facts: unknown;
    status: string;
  }>(
    'SELECT case_id, customer_id, facts, status FROM str_drafts WHERE id = $1 AND platform_id = $2',
    [strDraftId, platformId],
  );
  const draft = rows[0];
  if (draft === undefined) return failure('not_found', `STR draft ${strDraftId} not found`);
  if (draft.status !== 'draft') return failure('invalid_state', `STR draft is ${draft.status}`);
  const facts = draft.facts as { instructions?: { instructionId?: unknown; status?: unknown }[] };
  const instructionIds = (facts.instructions ?? [])
    .filter((i) => i.status !== 'voided' && typeof i.instructionId === 'string')
    .map((i) => ({ instructionId: String(i.instructionId) }))
    .slice(0, REPORT_LIMITS.reportTransactionsMax);
  const content = normalizedStrContent({
    reason: '',
    action: '',
    indicators: ['-'],
    subjects: draft.customer_id === null ? [] : [{ customerId: draft.customer_id }],
    transactions: instructionIds,
  });
  return success({ content, caseId: draft.case_id });
}

/** A new version of a draft report's editable fields. Refused once submission is requested. */
export async function editStr(
  db: Database,
  actor: Principal,
  platformId: string,
  reportId: string,
  editable: StrEditable,
  note: string | null,
): Promise<Result<{ version: number }>> {
  const found = await findReport(db, platformId, reportId);
  if (found === null) return failure('not_found', `report ${reportId} not found`);
  if (found.kind !== 'str')
    return failure('invalid_state', 'only suspicious transaction reports are edited');
  const previous = StrContentSchema.parse(
    await loadVersionContent(db, reportId, found.currentVersion),
  );
  const content = normalizedStrContent(editable, previous.amendmentNote);
  const checked = await checkReferences(db, platformId, content);
  if (!checked.ok) return checked;
  return db.transaction(async (tx) => {
    const report = await findReport(tx, platformId, reportId, true);
    if (report === null) return failure('not_found', `report ${reportId} not found`);
    if (report.status !== 'draft') return failure('invalid_state', `report is ${report.status}`);
    if (await hasOpenSubmission(tx, report.submitApprovalId))
      return failure('invalid_state', 'submission is awaiting approval; reject it to edit');
    if (report.currentVersion >= REPORT_LIMITS.versionsMax)
      return failure('invalid_state', `a report has at most ${REPORT_LIMITS.versionsMax} versions`);
    return success({ version: await appendVersion(tx, report, content, actor.id, note) });
  });
}

export async function hasOpenSubmission(
  db: Queryable,
  approvalId: string | null,
): Promise<boolean> {
  if (approvalId === null) return false;
  // A request past its expiry can no longer be approved (deciding it expires it), even before
  // the expiry sweep marks it: it holds the report no longer.
  const rows = await db.query<{ open: boolean }>(
    `SELECT status = 'open' AND expires_at > now() AS open FROM approvals WHERE id = $1`,
    [approvalId],
  );
  return rows[0]?.open === true;
}

/**
 * A correction or deletion of a submitted report: a new draft referring to the original, with
 * the original's submitted content to edit, and the reason it is filed. One at a time: while
 * a follow-up of the original is neither submitted nor withdrawn, another is refused
 * (`follow_up_pending`). The original is locked while this is checked, and a partial unique
 * index (`reports_open_follow_up`) holds the rule for any writer.
 */
export async function createFollowUp(
  db: Database,
  actor: Principal,
  platformId: string,
  originalId: string,
  purpose: 'correction' | 'deletion',
  note: string,
): Promise<Result<{ reportId: string }>> {
  const deadlineDate = await strDeadline(db, Date.now());
  const reportId = newId('rpt');
  try {
    return await db.transaction(async (tx) => {
      const original = await findReport(tx, platformId, originalId, true);
      if (original === null) return failure('not_found', `report ${originalId} not found`);
      if (
        original.kind !== 'str' ||
        original.status !== 'submitted' ||
        original.approvedVersion === null
      )
        return failure(
          'invalid_state',
          'only a submitted suspicious transaction report is corrected',
        );
      const pending = await pendingFollowUp(tx, originalId);
      if (pending !== null) return followUpPending(originalId, pending);
      const submitted = StrContentSchema.parse(
        await loadVersionContent(tx, originalId, original.approvedVersion),
      );
      await insertReport(tx, {
        id: reportId,
        platformId,
        kind: 'str',
        purpose,
        originalReportId: originalId,
        businessDate: null,
        strDraftId: null,
        caseId: original.caseId,
        deadlineDate,
        content: normalizedStrContent(submitted, note),
        actor: actor.id,
      });
      return success({ reportId });
    });
  } catch (error) {
    // A writer that did not lock the original lost the race to the index.
    if (sqlErrorCode(error) !== SQL_UNIQUE_VIOLATION) throw error;
    return followUpPending(originalId, await pendingFollowUp(db, originalId));
  }
}

/** The follow-up of `originalId` neither submitted nor withdrawn, if there is one. */
async function pendingFollowUp(db: Queryable, originalId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM reports WHERE original_report_id = $1
       AND status NOT IN ('submitted', 'withdrawn')
     ORDER BY created_at, id LIMIT 1`,
    [originalId],
  );
  return rows[0]?.id ?? null;
}

function followUpPending<T>(originalId: string, pendingId: string | null): Result<T> {
  return failure(
    'follow_up_pending',
    `report ${originalId} already has a follow-up that is not yet submitted` +
      (pendingId === null ? '' : ` (${pendingId}): submit or withdraw it first`),
    { field: 'reportId', originalReportId: originalId, pendingReportId: pendingId },
  );
}
