import { randomBytes, randomUUID } from 'node:crypto';
import {
  cstDayOfMs,
  isoOfEpochDay,
  reportDeadline,
  WEEKENDS_ONLY,
} from '../../src/reports/index.js';
import { newId, type Database } from '../../src/store/index.js';
import type { TestBooks } from '../support/books.js';
import { DAY_MS, isoDay } from './compliance-harness.js';

/** A customer debit written past the custody code: no authorization at all. */
export async function seedUnauthorizedDebit(db: Database, books: TestBooks): Promise<string> {
  const [payer, payee] = books.customers;
  if (!payer || !payee) throw new Error('two customers needed');
  const id = newId('ins');
  await db.query(
    `INSERT INTO instructions (id, platform_id, idempotency_key, request_hash, type, status,
       debit_account_id, credit_account_id, amount_minor, currency, purpose, authorization_kind,
       submitted_by)
     VALUES ($1, $2, $3, $4, 'transfer', 'posted', $5, $6, 100, 'CNY', 'investment', 'none', 'tamper')`,
    [id, books.platformId, randomUUID(), randomBytes(32), payer.accountId, payee.accountId],
  );
  return id;
}

/** A signed debit whose signature does not verify (the amount was changed after signing). */
export async function seedForgedSignature(db: Database, books: TestBooks): Promise<string> {
  const [payer, payee] = books.customers;
  if (!payer || !payee) throw new Error('two customers needed');
  const id = newId('ins');
  await db.query(
    `INSERT INTO instructions (id, platform_id, idempotency_key, request_hash, type, status,
       debit_account_id, credit_account_id, amount_minor, currency, purpose, authorization_kind,
       auth_customer_id, auth_key_id, auth_nonce, auth_expires_at, auth_signature, submitted_by)
     VALUES ($1, $2, $3, $4, 'transfer', 'posted', $5, $6, 250, 'CNY', 'investment', 'signature',
       $7, $8, $9, $10, $11, 'tamper')`,
    [
      id,
      books.platformId,
      randomUUID(),
      randomBytes(32),
      payer.accountId,
      payee.accountId,
      payer.customerId,
      payer.keyId,
      randomUUID(),
      new Date(Date.now() + 600_000).toISOString(),
      randomBytes(64),
    ],
  );
  return id;
}

/** Yesterday's reconciliation run and a safeguarding check of `status` for CNY. */
export async function seedReconciliation(
  db: Database,
  platformId: string,
  nowMs: number,
  status: 'ok' | 'shortfall',
): Promise<void> {
  const asOf = isoDay(nowMs - DAY_MS);
  await db.query(
    `INSERT INTO match_runs (id, platform_id, as_of, rules, bank_item_count, book_item_count,
       match_count, break_count, created_by)
     VALUES ($1, $2, $3::date, '[]'::jsonb, 0, 0, 0, 0, 'test')`,
    [newId('mrn'), platformId, asOf],
  );
  const bank = status === 'ok' ? 1_000 : 400;
  await db.query(
    `INSERT INTO safeguarding_checks (id, platform_id, currency, as_of, status, severity,
       bank_closing_minor, bank_closing_date, customer_liabilities_minor, reserve_minor,
       required_minor, unmatched_book_minor, unmatched_bank_minor, adjusted_bank_minor,
       drift_minor, reserve_required_minor, reserve_adequate, breakdown, created_by)
     VALUES ($1, $2, 'CNY', $3::date, $4, $5, $6, $3::date, 1000, 0, 1000, 0, 0, $6, $7, 0, true,
       '{}'::jsonb, 'test')`,
    [
      newId('sgc'),
      platformId,
      asOf,
      status,
      status === 'ok' ? 'info' : 'critical',
      bank,
      bank - 1_000,
    ],
  );
}

/**
 * A large-value report for a business day `businessDaysAgo` days ago, submitted `submittedAfterDeadlineDays`
 * after its deadline (negative: before it). Deadline as the reports module computes it.
 */
export async function seedLvtr(
  db: Database,
  platformId: string,
  nowMs: number,
  submittedAfterDeadlineDays: number,
  requester: string,
  approver: string,
  businessDaysAgo = 10,
): Promise<string> {
  const businessDay = cstDayOfMs(nowMs) - businessDaysAgo;
  const deadlineDay = reportDeadline(businessDay, WEEKENDS_ONLY);
  const submittedMs = (deadlineDay + submittedAfterDeadlineDays) * DAY_MS + 2 * 3_600_000;
  const id = newId('rpt');
  await db.query(
    `INSERT INTO reports (id, platform_id, kind, purpose, status, business_date, lvtr_part,
       current_version, deadline_date, submit_requested_by, approved_by, approved_version,
       approved_at, submitted_by, submitted_at, created_by)
     VALUES ($1, $2, 'lvtr', 'new', 'submitted', $3::date, 1, 1, $4::date, $5, $6, 1, $7, $5, $7,
       'test')`,
    [
      id,
      platformId,
      isoOfEpochDay(businessDay),
      isoOfEpochDay(deadlineDay),
      requester,
      approver,
      new Date(submittedMs).toISOString(),
    ],
  );
  return id;
}

/** A suspicious transaction report still in draft whose deadline was `daysAgo` days ago. */
export async function seedDraftStr(
  db: Database,
  platformId: string,
  nowMs: number,
  daysAgo: number,
): Promise<string> {
  const id = newId('rpt');
  await db.query(
    `INSERT INTO reports (id, platform_id, kind, purpose, status, current_version, deadline_date, created_by)
     VALUES ($1, $2, 'str', 'new', 'draft', 1, $3::date, 'test')`,
    [id, platformId, isoOfEpochDay(cstDayOfMs(nowMs) - daysAgo)],
  );
  return id;
}

/** A closed case; `approvedBy` null on a high-severity case is the violation. */
export async function seedClosedCase(
  db: Database,
  platformId: string,
  severity: 'low' | 'high',
  closedBy: string,
  approvedBy: string | null,
): Promise<string> {
  const id = newId('cas');
  const at = new Date().toISOString();
  await db.query(
    `INSERT INTO cases (id, platform_id, group_key, queue, state, severity, priority, alert_count,
       opened_at, sla_started_at, sla_warn_at, sla_due_at, disposition, close_reason, closed_by,
       close_approved_by, closed_at, updated_at)
     VALUES ($1, $2, $3, 'rules', 'closed', $4, 2, 1, $5, $5, $5, $5, 'false_positive',
       'reviewed the counterparties and the purpose of the transfers', $6, $7, $5, $5)`,
    [id, platformId, `test:${id}`, severity, at, closedBy, approvedBy],
  );
  return id;
}

/** A freeze lifted by `liftedBy` with the lift approved by `approvedBy`. */
export async function seedLiftedFreeze(
  db: Database,
  books: TestBooks,
  liftedBy: string,
  approvedBy: string,
): Promise<string> {
  const id = newId('frz');
  await db.query(
    `INSERT INTO freezes (id, platform_id, customer_id, scope, reason_code, created_by, lifted_at,
       lifted_by, lift_approved_by)
     VALUES ($1, $2, $3, 'debits', 'suspected_fraud', 'test', now(), $4, $5)`,
    [id, books.platformId, books.customers[0]?.customerId, liftedBy, approvedBy],
  );
  return id;
}

/** A customer row in clear (sealed form version 0), as written before field encryption. */
export async function seedClearCustomer(db: Database, platformId: string): Promise<string> {
  const id = newId('cus');
  await db.query(
    `INSERT INTO customers (id, platform_id, kind, external_ref, personal_data)
     VALUES ($1, $2, 'person', $3, $4::jsonb)`,
    [
      id,
      platformId,
      `legacy-${id}`,
      JSON.stringify({ v: 0, fields: { name: 'Plain Legacy Name' } }),
    ],
  );
  return id;
}

/** Ends a customer's relationship at `endedAtMs`, past the checks of `endRelationship`. */
export async function seedEndedRelationship(
  db: Database,
  customerId: string,
  endedAtMs: number,
): Promise<void> {
  await db.query(
    `UPDATE customers SET status = 'closed', relationship_ended_at = $2 WHERE id = $1`,
    [customerId, new Date(endedAtMs).toISOString()],
  );
}
