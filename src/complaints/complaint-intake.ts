import { appendAuditRecords } from '../audit/audit-record-store.js';
import { raiseAlerts } from '../cases/raise-alerts.js';
import { loadWorkingCalendar } from '../reports/calendar-store.js';
import { cstDayOfMs } from '../reports/cst-day.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import {
  checkAttachments,
  writeAttachments,
  type AttachmentInput,
} from './complaint-attachments.js';
import { complaintDeadlines } from './complaint-deadlines.js';
import { accept, ComplaintRefusal, refuse, type ComplaintResult } from './complaint-error.js';
import { appendComplaintEvent } from './complaint-events.js';
import { COMPLAINT_LIMITS } from './complaint-limits.js';
import { loadComplaintPolicies } from './complaint-policy-store.js';
import type { ComplaintCategory, ComplaintChannel } from './complaint-types.js';
import { sealText, shareVault } from './sealed-text.js';

export interface ComplaintInput {
  customerId: string;
  category: ComplaintCategory;
  channel: ComplaintChannel;
  subject: string;
  description: string;
  /** The freeze objected to: required for, and only for, a restriction objection. */
  freezeId?: string;
  /** Instructions the complaint is about (for an unauthorized transaction: the disputed ones). */
  instructionIds?: string[];
  /** The platform's own reference: the same reference again returns the stored complaint. */
  externalRef?: string;
  attachments?: AttachmentInput[];
}

export interface IntakeResult {
  complaintId: string;
  replayed: boolean;
  caseId: string | null;
  acknowledgeDueAt: string;
  resolveDueAt: string;
}

/** The rule id of the alert an unauthorized-transaction complaint raises. */
export const UNAUTHORIZED_COMPLAINT_RULE = 'complaint.unauthorized_transaction';

/**
 * Lodges a complaint in one transaction: the customer, freeze and instructions are checked,
 * the per-customer and per-platform limits applied (a flood is refused and nothing is
 * written), the deadlines set from the platform's policy, the text sealed, and for an
 * unauthorized transaction a critical alert raised, which opens or joins the customer's case.
 */
export async function lodgeComplaint(
  db: Database,
  actor: string,
  platformId: string,
  input: ComplaintInput,
  nowMs = Date.now(),
): Promise<ComplaintResult<IntakeResult>> {
  const files = checkAttachments(input.attachments ?? []);
  if (!files.ok) return files;
  if ((input.category === 'restriction_objection') !== (input.freezeId !== undefined))
    return refuse(
      'validation_failed',
      'a restriction objection names the freeze objected to (freezeId); other categories do not',
    );
  const instructionIds = [...new Set(input.instructionIds ?? [])];
  try {
    return await db.transaction(async (tx) => {
      shareVault(db, tx);
      // One intake at a time per platform: the flood counts below cannot race.
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('custos.complaints:' || $1))", [
        platformId,
      ]);
      if (input.externalRef !== undefined) {
        const replay = await findByExternalRef(tx, platformId, input.externalRef, input.customerId);
        if (replay !== null) return accept(replay);
      }
      await checkReferences(tx, platformId, input, instructionIds);
      await checkFlood(tx, platformId, input.customerId, nowMs);
      const policies = await loadComplaintPolicies(tx, platformId);
      const calendar = await loadWorkingCalendar(tx, cstDayOfMs(nowMs));
      const due = complaintDeadlines(nowMs, policies[input.category], calendar);
      const id = newId('cmp', nowMs);
      const where = { table: 'complaints', recordId: id, platformId };
      const subject = await sealText(tx, { ...where, column: 'subject' }, input.subject, 1);
      const description = await sealText(
        tx,
        { ...where, column: 'description' },
        input.description,
        COMPLAINT_LIMITS.textChunksMax,
      );
      const at = new Date(nowMs);
      await tx.query(
        `INSERT INTO complaints (id, platform_id, customer_id, category, channel, state,
           subject_sealed, description_sealed, freeze_id, instruction_ids, external_ref,
           acknowledge_due_at, resolve_due_at, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'received', $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
        [
          id,
          platformId,
          input.customerId,
          input.category,
          input.channel,
          subject,
          description,
          input.freezeId ?? null,
          instructionIds,
          input.externalRef ?? null,
          new Date(due.acknowledgeDueMs),
          new Date(due.resolveDueMs),
          actor,
          at,
        ],
      );
      const attachmentIds = await writeAttachments(tx, platformId, id, files.value, nowMs);
      const facts = {
        customerId: input.customerId,
        category: input.category,
        channel: input.channel,
        freezeId: input.freezeId ?? null,
        instructionIds,
        attachments: attachmentIds.length,
        acknowledgeDueAt: new Date(due.acknowledgeDueMs).toISOString(),
        resolveDueAt: new Date(due.resolveDueMs).toISOString(),
      };
      await appendComplaintEvent(tx, {
        complaintId: id,
        platformId,
        kind: 'received',
        actor,
        detail: facts,
        atMs: nowMs,
      });
      await appendAuditRecords(tx, [
        {
          platformId,
          actor,
          action: 'complaint.received',
          subjectType: 'complaint',
          subjectId: id,
          payload: facts,
          atMs: nowMs,
        },
      ]);
      const caseId =
        input.category === 'unauthorized_transaction'
          ? await openUnauthorizedCase(
              tx,
              actor,
              platformId,
              id,
              input.customerId,
              instructionIds,
              nowMs,
            )
          : null;
      return accept({
        complaintId: id,
        replayed: false,
        caseId,
        acknowledgeDueAt: facts.acknowledgeDueAt,
        resolveDueAt: facts.resolveDueAt,
      });
    });
  } catch (error) {
    if (error instanceof ComplaintRefusal) return { ok: false, error: error.error };
    throw error;
  }
}

async function findByExternalRef(
  tx: Queryable,
  platformId: string,
  externalRef: string,
  customerId: string,
): Promise<IntakeResult | null> {
  const rows = await tx.query<{
    id: string;
    customer_id: string;
    case_id: string | null;
    acknowledge_due_at: Date;
    resolve_due_at: Date;
  }>(
    `SELECT id, customer_id, case_id, acknowledge_due_at, resolve_due_at FROM complaints
     WHERE platform_id = $1 AND external_ref = $2`,
    [platformId, externalRef],
  );
  const row = rows[0];
  if (row === undefined) return null;
  if (row.customer_id !== customerId)
    throw new ComplaintRefusal({
      code: 'validation_failed',
      message: `external reference ${externalRef} is already used for another customer's complaint`,
    });
  return {
    complaintId: row.id,
    replayed: true,
    caseId: row.case_id,
    acknowledgeDueAt: new Date(row.acknowledge_due_at).toISOString(),
    resolveDueAt: new Date(row.resolve_due_at).toISOString(),
  };
}

async function checkReferences(
  tx: Queryable,
  platformId: string,
  input: ComplaintInput,
  instructionIds: readonly string[],
): Promise<void> {
  const customer = await tx.query('SELECT 1 FROM customers WHERE id = $1 AND platform_id = $2', [
    input.customerId,
    platformId,
  ]);
  if (customer.length === 0)
    throw new ComplaintRefusal({
      code: 'unknown_customer',
      message: `customer ${input.customerId} not found`,
    });
  if (input.freezeId !== undefined) {
    const freeze = await tx.query(
      `SELECT 1 FROM freezes f LEFT JOIN accounts a ON a.id = f.account_id
       WHERE f.id = $1 AND f.platform_id = $2 AND coalesce(f.customer_id, a.customer_id) = $3`,
      [input.freezeId, platformId, input.customerId],
    );
    if (freeze.length === 0)
      throw new ComplaintRefusal({
        code: 'unknown_freeze',
        message: `freeze ${input.freezeId} not found for customer ${input.customerId}`,
      });
  }
  if (instructionIds.length > 0) {
    const found = await tx.query<{ id: string }>(
      'SELECT id FROM instructions WHERE platform_id = $1 AND id = ANY($2::text[])',
      [platformId, instructionIds],
    );
    const known = new Set(found.map((row) => row.id));
    const missing = instructionIds.filter((id) => !known.has(id));
    if (missing.length > 0)
      throw new ComplaintRefusal({
        code: 'unknown_instruction',
        message: `instructions not found: ${missing.join(', ')}`,
      });
  }
}

/** Refuses a flood: too many complaints from one customer, or one platform, in the window. */
async function checkFlood(
  tx: Queryable,
  platformId: string,
  customerId: string,
  nowMs: number,
): Promise<void> {
  const rows = await tx.query<{ by_customer: string; by_platform: string }>(
    `SELECT
       count(*) FILTER (WHERE customer_id = $2 AND created_at > $3) AS by_customer,
       count(*) FILTER (WHERE created_at > $4) AS by_platform
     FROM complaints WHERE platform_id = $1 AND created_at > least($3, $4)`,
    [
      platformId,
      customerId,
      new Date(nowMs - COMPLAINT_LIMITS.customerWindowMs),
      new Date(nowMs - COMPLAINT_LIMITS.platformWindowMs),
    ],
  );
  const byCustomer = Number(rows[0]?.by_customer ?? 0);
  const byPlatform = Number(rows[0]?.by_platform ?? 0);
  if (byCustomer >= COMPLAINT_LIMITS.perCustomerMax)
    throw new ComplaintRefusal({
      code: 'complaint_rate_limited',
      message: `at most ${COMPLAINT_LIMITS.perCustomerMax} complaints per customer in ${COMPLAINT_LIMITS.customerWindowMs / 3_600_000} h; this customer has lodged ${byCustomer}`,
      detail: { retryAfterSeconds: COMPLAINT_LIMITS.customerWindowMs / 1_000 },
    });
  if (byPlatform >= COMPLAINT_LIMITS.perPlatformMax)
    throw new ComplaintRefusal({
      code: 'complaint_rate_limited',
      message: `at most ${COMPLAINT_LIMITS.perPlatformMax} complaints per platform in ${COMPLAINT_LIMITS.platformWindowMs / 3_600_000} h`,
      detail: { retryAfterSeconds: COMPLAINT_LIMITS.platformWindowMs / 1_000 },
    });
}

/**
 * An unauthorized transaction alleged by the customer is treated like a detected one: a
 * critical security alert that opens (or joins) the customer's case, naming the instructions.
 */
async function openUnauthorizedCase(
  tx: Queryable,
  actor: string,
  platformId: string,
  complaintId: string,
  customerId: string,
  instructionIds: readonly string[],
  nowMs: number,
): Promise<string> {
  const alertKey = `complaint:${complaintId}`;
  await raiseAlerts(
    tx,
    [
      {
        alertKey,
        platformId,
        source: 'security',
        ruleId: UNAUTHORIZED_COMPLAINT_RULE,
        ruleVersion: 1,
        severity: 'critical',
        customerId,
        score: 1,
        atMs: nowMs,
        explanation: {
          summary: `Customer complaint ${complaintId} alleges an unauthorized transaction${instructionIds.length > 0 ? `: ${instructionIds.join(', ')}` : ''}`,
          values: { complaintId, instructionIds },
          thresholds: {},
          eventIds: [...instructionIds],
        },
      },
    ],
    { nowMs },
  );
  const rows = await tx.query<{ case_id: string }>(
    'SELECT case_id FROM alerts WHERE platform_id = $1 AND alert_key = $2',
    [platformId, alertKey],
  );
  const caseId = rows[0]?.case_id;
  if (caseId === undefined) throw new Error(`alert ${alertKey} was not stored`);
  await tx.query('UPDATE complaints SET case_id = $2 WHERE id = $1', [complaintId, caseId]);
  await appendComplaintEvent(tx, {
    complaintId,
    platformId,
    kind: 'case_linked',
    actor,
    detail: { caseId, automatic: true },
    atMs: nowMs,
  });
  return caseId;
}
