import { appendAuditRecords } from '../audit/audit-record-store.js';
import { refusable, type ComplaintResult } from '../complaints/complaint-error.js';
import {
  customerHoldBasis,
  lockPlatformRetention,
} from '../compliance/retention/retention-holds.js';
import {
  openPersonalData,
  personalDataVaultOf,
  sealPersonalData,
  type PersonalData,
} from '../security/personal-data.js';
import type { Database, Queryable } from '../store/index.js';
import { closeRequest, lockOpenRequest } from './privacy-requests.js';
import {
  retentionDecision,
  type HeldDataCategory,
  type RetentionDecision,
  type RetentionFacts,
} from './retention-basis.js';

export interface DeletionAnswer {
  erased: { category: HeldDataCategory; items: number; detail: string }[];
  kept: { category: HeldDataCategory; basis: string; until: string | null }[];
  /** Kept data is stored and protected only, used for nothing else (PIPL Art. 47). */
  restricted: boolean;
}

const IDENTITY_FIELDS = ['name', 'idNumber', 'phone', 'address'] as const;

async function retentionFacts(
  tx: Queryable,
  platformId: string,
  customerId: string,
): Promise<RetentionFacts> {
  const rows = await tx.query<{ status: string; created_at: Date; last_tx: Date | null }>(
    `SELECT c.status, c.created_at,
       (SELECT max(i.created_at) FROM instructions i
        WHERE i.platform_id = c.platform_id
          AND (i.debit_account_id IN (SELECT id FROM accounts WHERE customer_id = c.id)
            OR i.credit_account_id IN (SELECT id FROM accounts WHERE customer_id = c.id))) AS last_tx
     FROM customers c WHERE c.id = $1 AND c.platform_id = $2 FOR UPDATE OF c`,
    [customerId, platformId],
  );
  const row = rows[0];
  if (row === undefined) throw new Error(`customer ${customerId} vanished under lock`);
  const lastTx = row.last_tx === null ? null : new Date(row.last_tx).getTime();
  const created = new Date(row.created_at).getTime();
  return {
    // Without a recorded closing date, the relationship is taken to end at its last activity.
    relationshipEndedAtMs: row.status === 'closed' ? Math.max(lastTx ?? 0, created) : null,
    lastTransactionAtMs: lastTx,
  };
}

/**
 * Answers a deletion request (PIPL Art. 47): erases what no law requires to be kept and
 * lists what is kept, with the legal basis and the end of its retention. While a retention
 * hold or an open case holds the customer, everything it would erase is kept instead, with
 * the hold as its basis. What is kept is marked restricted. Ledger entries and audit records
 * are never erased.
 */
export async function completeDeletion(
  db: Database,
  actor: string,
  platformId: string,
  requestId: string,
  nowMs = Date.now(),
): Promise<ComplaintResult<DeletionAnswer>> {
  return refusable(db, async (tx) => {
    const request = await lockOpenRequest(tx, platformId, requestId, 'deletion');
    const customerId = request.customer_id;
    // Under the retention lock, before the customer's row: a hold is placed or the erasure
    // goes first, never both at once.
    await lockPlatformRetention(tx, platformId);
    const facts = await retentionFacts(tx, platformId, customerId);
    // A retention hold (or an open case) keeps what the law would let go, until released.
    const held = await customerHoldBasis(tx, platformId, customerId);
    const decide = (category: HeldDataCategory, extra: Partial<RetentionFacts> = {}) => {
      const decision = retentionDecision(category, { ...facts, ...extra }, nowMs);
      return held === null || decision.keep
        ? decision
        : { ...decision, keep: true, basis: held, until: null };
    };
    const answer: DeletionAnswer = { erased: [], kept: [], restricted: false };
    const keep = (decision: RetentionDecision) => {
      if (!answer.kept.some((k) => k.category === decision.category))
        answer.kept.push({
          category: decision.category,
          basis: decision.basis,
          until: decision.until,
        });
    };
    await erasePersonalFields(
      tx,
      platformId,
      customerId,
      decide('identity'),
      decide('email'),
      answer,
      keep,
    );
    await eraseBankAccounts(tx, platformId, customerId, decide('bank_accounts'), answer, keep);
    keep(decide('transactions'));
    keep(decide('audit_log'));
    await eraseComplaintTexts(tx, platformId, customerId, decide, answer, keep, nowMs);
    const acks = decide('risk_notice_acknowledgements');
    if (acks.keep) keep(acks);
    else {
      const deleted = await tx.query(
        'DELETE FROM risk_notice_acknowledgements WHERE customer_id = $1 AND platform_id = $2 RETURNING id',
        [customerId, platformId],
      );
      answer.erased.push({
        category: 'risk_notice_acknowledgements',
        items: deleted.length,
        detail: 'acknowledgements deleted',
      });
    }
    const exports = await tx.query(
      `UPDATE privacy_requests SET export_sealed = NULL
       WHERE customer_id = $1 AND platform_id = $2 AND export_sealed IS NOT NULL RETURNING id`,
      [customerId, platformId],
    );
    answer.erased.push({
      category: 'export_bundles',
      items: exports.length,
      detail: 'undownloaded exports erased',
    });
    keep(decide('privacy_requests'));
    answer.restricted = answer.kept.length > 0;
    if (answer.restricted)
      await tx.query(
        `INSERT INTO privacy_restrictions (customer_id, platform_id, request_id, since)
         VALUES ($1, $2, $3, $4) ON CONFLICT (customer_id) DO NOTHING`,
        [customerId, platformId, requestId, new Date(nowMs)],
      );
    await closeRequest(tx, requestId, 'completed', actor, { ...answer }, nowMs);
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'privacy_request.deletion_answered',
        subjectType: 'privacy_request',
        subjectId: requestId,
        payload: { customerId, ...answer },
        atMs: nowMs,
      },
    ]);
    return answer;
  });
}

async function erasePersonalFields(
  tx: Queryable,
  platformId: string,
  customerId: string,
  identity: RetentionDecision,
  email: RetentionDecision,
  answer: DeletionAnswer,
  keep: (decision: RetentionDecision) => void,
): Promise<void> {
  const rows = await tx.query<{ personal_data: unknown }>(
    'SELECT personal_data FROM customers WHERE id = $1 AND platform_id = $2',
    [customerId, platformId],
  );
  const context = {
    vault: personalDataVaultOf(tx),
    db: tx,
    platformId,
    table: 'customers' as const,
    recordId: customerId,
  };
  const data = await openPersonalData(rows[0]?.personal_data, context);
  const next: PersonalData = { ...data };
  const erased: string[] = [];
  const drop = (field: keyof PersonalData) => {
    if (next[field] === undefined) return;
    delete next[field];
    erased.push(field);
  };
  if (identity.keep) keep(identity);
  else for (const field of IDENTITY_FIELDS) drop(field);
  if (email.keep) keep(email);
  else drop('email');
  if (erased.length === 0) return;
  const sealed = await sealPersonalData(next, context);
  await tx.query('UPDATE customers SET personal_data = $3 WHERE id = $1 AND platform_id = $2', [
    customerId,
    platformId,
    JSON.stringify(sealed),
  ]);
  answer.erased.push({
    category: identity.keep ? 'email' : 'identity',
    items: erased.length,
    detail: `fields erased: ${erased.join(', ')}`,
  });
}

async function eraseBankAccounts(
  tx: Queryable,
  platformId: string,
  customerId: string,
  decision: RetentionDecision,
  answer: DeletionAnswer,
  keep: (decision: RetentionDecision) => void,
): Promise<void> {
  const banks = await tx.query<{ id: string }>(
    'SELECT id FROM customer_bank_accounts WHERE customer_id = $1 AND platform_id = $2 ORDER BY id FOR UPDATE',
    [customerId, platformId],
  );
  if (banks.length === 0) return;
  if (decision.keep) return keep(decision);
  for (const bank of banks) {
    const context = {
      vault: personalDataVaultOf(tx),
      db: tx,
      platformId,
      table: 'customer_bank_accounts' as const,
      recordId: bank.id,
    };
    const sealed = await sealPersonalData({}, context);
    await tx.query('UPDATE customer_bank_accounts SET personal_data = $2 WHERE id = $1', [
      bank.id,
      JSON.stringify(sealed),
    ]);
  }
  answer.erased.push({
    category: 'bank_accounts',
    items: banks.length,
    detail: 'bank account details erased',
  });
}

async function eraseComplaintTexts(
  tx: Queryable,
  platformId: string,
  customerId: string,
  decide: (category: HeldDataCategory, extra?: Partial<RetentionFacts>) => RetentionDecision,
  answer: DeletionAnswer,
  keep: (decision: RetentionDecision) => void,
  nowMs: number,
): Promise<void> {
  const complaints = await tx.query<{
    id: string;
    category: string;
    closed: boolean;
    in_case: boolean;
  }>(
    `SELECT id, category, closed_at IS NOT NULL AS closed, case_id IS NOT NULL AS in_case
     FROM complaints
     WHERE customer_id = $1 AND platform_id = $2 AND text_erased_at IS NULL ORDER BY id FOR UPDATE`,
    [customerId, platformId],
  );
  const erase: string[] = [];
  for (const complaint of complaints) {
    const decision =
      complaint.category === 'restriction_objection'
        ? decide('restriction_objection_text')
        : complaint.in_case
          ? decide('case_complaint_text')
          : decide('complaint_text', { open: !complaint.closed });
    if (decision.keep) keep(decision);
    else erase.push(complaint.id);
  }
  if (erase.length === 0) return;
  await tx.query(
    `UPDATE complaints SET subject_sealed = '{}', description_sealed = '{}', outcome_sealed = NULL,
       text_erased_at = $2 WHERE id = ANY($1::text[])`,
    [erase, new Date(nowMs)],
  );
  await tx.query(
    'UPDATE complaint_events SET text_sealed = NULL WHERE complaint_id = ANY($1::text[])',
    [erase],
  );
  await tx.query(
    `UPDATE complaint_attachments SET file_name_sealed = '{}', content_sealed = NULL
     WHERE complaint_id = ANY($1::text[])`,
    [erase],
  );
  answer.erased.push({
    category: 'complaint_text',
    items: erase.length,
    detail: 'complaint texts, answers and attachments erased',
  });
}
