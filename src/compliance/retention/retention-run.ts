import { appendAuditRecords, type AuditRecordInput } from '../../audit/audit-record-store.js';
import {
  personalDataVaultOf,
  sealPersonalData,
  type PersonalDataVault,
} from '../../security/personal-data.js';
import { assert } from '../../assert.js';
import { newId, type Database, type Queryable } from '../../store/index.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';
import { anonymizeBeneficialOwners } from './beneficial-owner-anonymization.js';
import {
  findDueReportFiles,
  purgeDueReportFiles,
  type DueReportFile,
} from './report-file-retention.js';
import { customerHeldSql, lockPlatformRetention } from './retention-holds.js';
import { getRetentionPolicy, type RetentionPolicy } from './retention-policy-store.js';
import { recordRetentionWork, type RetentionRunHeader } from './retention-run-log.js';
import { retentionDueAtMs } from './retention-period.js';

export interface DueCustomer {
  customerId: string;
  relationshipEndedAt: string;
  lastTransactionAt: string | null;
  dueAt: string;
  bankAccounts: number;
}

export interface RetentionRunResult {
  platformId: string;
  dryRun: boolean;
  policy: RetentionPolicy;
  ranAt: string;
  /**
   * An executing run's id, recorded on every file it purged and in the run's record
   * (`getRetentionRun`) when it did anything; null for a dry run.
   */
  runId: string | null;
  /** Customers due (dry run) or anonymized (execute). */
  customers: DueCustomer[];
  /** More customers were due than one run handles; the next run takes them. */
  truncated: boolean;
  /** Stored report files due (dry run) or purged (execute). */
  reportFiles: DueReportFile[];
  /** More report files were due than one run handles; the next run takes them. */
  reportFilesTruncated: boolean;
  /** Past their period but held (a retention hold, or an open case), after the run. */
  held: HeldCounts;
}

/** What a hold keeps back, counted up to RETENTION_HELD_COUNTED_MAX each. */
export interface HeldCounts {
  customers: number;
  reportFiles: number;
  /** More of either were held than were counted. */
  truncated: boolean;
}

/** Held customers and files counted one by one; beyond, the count says "at least". */
export const RETENTION_HELD_COUNTED_MAX = 1_000;

/** The customers and stored report files past their period that holds keep back. */
export async function countHeld(
  db: Queryable,
  platformId: string,
  retentionYears: number,
  nowMs: number,
): Promise<HeldCounts> {
  const max = RETENTION_HELD_COUNTED_MAX;
  const args = [db, platformId, retentionYears, nowMs, max + 1, null, true] as const;
  const customers = await findDueCustomers(...args);
  const files = await findDueReportFiles(...args);
  return {
    customers: Math.min(customers.length, max),
    reportFiles: Math.min(files.length, max),
    truncated: customers.length > max || files.length > max,
  };
}

const LIMITS = COMPLIANCE_LIMITS;
assert(
  LIMITS.retentionCustomersPerTransactionMax <= LIMITS.retentionCustomersPerRunMax,
  'a retention transaction anonymizes within its run',
);
assert(
  LIMITS.retentionReportFilesPerTransactionMax <= LIMITS.retentionReportFilesPerRunMax,
  'a retention transaction purges within its run',
);

interface CandidateRow extends Record<string, unknown> {
  id: string;
  relationship_ended_at: Date;
  last_transaction_at: Date | null;
  bank_accounts: string;
}

// Closed, not yet anonymized customers whose relationship ended and whose last transaction
// happened at least `years` ago, on the SQL session's calendar. That calendar may differ by a
// day from the CST calendar that decides (`addCstCalendarYears`; PostgreSQL also moves 29
// February back to the 28th), so rows come through two days early and TypeScript decides again.
// A held customer (an active retention hold, or a case not closed) is left out until released
// ($6 false); $6 true selects exactly the held ones instead, for the run to count.
// They come in the order of the later clock, which the due date grows with: the rows TypeScript
// keeps are a prefix, so customers not yet due never fill a batch ahead of due ones.
const CANDIDATES = `SELECT s.* FROM (
    SELECT c.id, c.relationship_ended_at,
      greatest(
        (SELECT max(t.created_at) FROM transfers t JOIN accounts a ON a.id = t.debit_account_id
         WHERE a.customer_id = c.id),
        (SELECT max(t.created_at) FROM transfers t JOIN accounts a ON a.id = t.credit_account_id
         WHERE a.customer_id = c.id)) AS last_transaction_at,
      (SELECT count(*) FROM customer_bank_accounts b WHERE b.customer_id = c.id) AS bank_accounts
    FROM customers c
    WHERE c.platform_id = $1 AND c.status = 'closed' AND c.anonymized_at IS NULL
      AND c.relationship_ended_at IS NOT NULL
      AND c.relationship_ended_at
        <= $2::timestamptz + interval '2 days' - make_interval(years => $3::int)
      AND ($5::text[] IS NULL OR c.id = ANY($5::text[]))
      AND ${customerHeldSql('c.id', '$1')} = $6::boolean) s
  WHERE coalesce(s.last_transaction_at, s.relationship_ended_at)
    <= $2::timestamptz + interval '2 days' - make_interval(years => $3::int)
  ORDER BY greatest(s.relationship_ended_at, s.last_transaction_at), s.id
  LIMIT $4`;

/**
 * The customers whose retention has run out at `nowMs`, earliest due first, at most `limit`; only
 * those of `onlyIds` when given (an approved list). Held customers are left out, or with `held`
 * only they are listed (retention-holds.ts).
 */
export async function findDueCustomers(
  db: Queryable,
  platformId: string,
  retentionYears: number,
  nowMs: number,
  limit: number,
  onlyIds: readonly string[] | null = null,
  held = false,
): Promise<DueCustomer[]> {
  const rows = await db.query<CandidateRow>(CANDIDATES, [
    platformId,
    new Date(nowMs).toISOString(),
    retentionYears,
    limit,
    onlyIds === null ? null : [...onlyIds],
    held,
  ]);
  const due: DueCustomer[] = [];
  for (const row of rows) {
    const endedMs = new Date(row.relationship_ended_at).getTime();
    const lastMs =
      row.last_transaction_at === null ? null : new Date(row.last_transaction_at).getTime();
    const dueMs = retentionDueAtMs(endedMs, lastMs, retentionYears);
    if (dueMs > nowMs) continue;
    due.push({
      customerId: row.id,
      relationshipEndedAt: new Date(endedMs).toISOString(),
      lastTransactionAt: lastMs === null ? null : new Date(lastMs).toISOString(),
      dueAt: new Date(dueMs).toISOString(),
      bankAccounts: Number(row.bank_accounts),
    });
  }
  return due;
}

/**
 * The retention job for one platform. A dry run lists the customers and the stored report
 * files that are due and changes nothing. Otherwise (the scheduled daily job only; a person
 * asks through `requestRetentionExecution`, four-eyes) each due customer's personal data is
 * destroyed: the sealed fields of the customer, its bank accounts and its beneficial owners
 * are replaced by an empty sealed record (through the personal-data module, so no ciphertext,
 * blind index or clear value survives), the platform's external reference is replaced, the
 * reporting profile is deleted, and one audit record per customer is written in the same
 * transaction. Then each due report file's sealed XML is purged (`purgeDueReportFiles`): its
 * row, metadata and SHA-256 stay, marked with this run. Accounts, instructions, the journal
 * and the audit log stay: they are the money records the law requires and hold no personal
 * data of their own. Both parts are bounded per run and per transaction; the next run goes on.
 */
export async function runRetention(
  db: Database,
  actor: string,
  platformId: string,
  options: { dryRun: boolean; nowMs?: number },
): Promise<RetentionRunResult> {
  const nowMs = options.nowMs ?? Date.now();
  const policy = await getRetentionPolicy(db, platformId);
  const years = policy.retentionYears;
  const customersMax = LIMITS.retentionCustomersPerRunMax;
  const filesMax = LIMITS.retentionReportFilesPerRunMax;
  const base = { platformId, policy, ranAt: new Date(nowMs).toISOString() };
  if (options.dryRun) {
    const due = await findDueCustomers(db, platformId, years, nowMs, customersMax + 1);
    const files = await findDueReportFiles(db, platformId, years, nowMs, filesMax + 1);
    return {
      ...base,
      dryRun: true,
      runId: null,
      customers: due.slice(0, customersMax),
      truncated: due.length > customersMax,
      reportFiles: files.slice(0, filesMax),
      reportFilesTruncated: files.length > filesMax,
      held: await countHeld(db, platformId, years, nowMs),
    };
  }
  const runId = newId('rtn', nowMs);
  const vault = personalDataVaultOf(db);
  const run = { actor, platformId, policy, nowMs, runId };
  const header: RetentionRunHeader = {
    runId,
    platformId,
    trigger: 'scheduled',
    actor,
    approval: null,
    retentionYears: years,
    ranAtMs: nowMs,
  };
  const customers = await inBatches(
    db,
    customersMax,
    LIMITS.retentionCustomersPerTransactionMax,
    async (tx, batch) => {
      const done = await anonymizeDueCustomers(tx, vault, run, batch);
      await recordRetentionWork(tx, header, { customers: done.customers, reportFilesPurged: 0 });
      return { done: done.customers, scanned: done.scanned };
    },
  );
  const reportFiles = await inBatches(
    db,
    filesMax,
    LIMITS.retentionReportFilesPerTransactionMax,
    async (tx, batch) => {
      const done = await purgeDueReportFiles(tx, run, batch);
      await recordRetentionWork(tx, header, {
        customers: [],
        reportFilesPurged: done.files.length,
      });
      return { done: done.files, scanned: done.scanned };
    },
  );
  const moreCustomers = await findDueCustomers(db, platformId, years, nowMs, 1);
  const moreFiles = await findDueReportFiles(db, platformId, years, nowMs, 1);
  return {
    ...base,
    dryRun: false,
    runId,
    customers,
    truncated: moreCustomers.length > 0,
    reportFiles,
    reportFilesTruncated: moreFiles.length > 0,
    held: await countHeld(db, platformId, years, nowMs),
  };
}

/**
 * Runs `work` in transactions of at most `perTransaction` items until `perRun` are done or a
 * transaction finds fewer than it may take. Each transaction commits whole or not at all, so
 * an error leaves the batches before it done and nothing of its own.
 */
async function inBatches<T>(
  db: Database,
  perRun: number,
  perTransaction: number,
  work: (tx: Queryable, batch: number) => Promise<{ done: T[]; scanned: number }>,
): Promise<T[]> {
  const done: T[] = [];
  // Each transaction does at least one item or ends the loop, so this bounds it.
  for (let round = 0; round < perRun; round += 1) {
    const batch = Math.min(perTransaction, perRun - done.length);
    if (batch <= 0) break;
    const result = await db.transaction((tx) => work(tx, batch));
    assert(result.done.length <= batch, 'a batch does at most what it may');
    done.push(...result.done);
    if (result.done.length === 0 || result.scanned < batch) break;
  }
  return done;
}

export interface AnonymizationRun {
  actor: string;
  platformId: string;
  policy: RetentionPolicy;
  nowMs: number;
  /** The retention run, or the approval carrying it out; named in each audit record. */
  runId: string;
  /** Only these customers (an approved list); all due customers when absent. */
  onlyIds?: readonly string[];
  /** The four-eyes approval this run carries out, named in each audit record. */
  approval?: { id: string; approvedBy: string };
}

/**
 * Anonymizes up to `batch` due customers in the caller's transaction, under the platform's
 * retention lock (holds are serialized with it): each is re-checked as due and not held at
 * `run.nowMs` and locked (rows another run holds are skipped). Returns those done and
 * how many were found due.
 */
export async function anonymizeDueCustomers(
  tx: Queryable,
  vault: PersonalDataVault,
  run: AnonymizationRun,
  batch: number,
): Promise<{ customers: DueCustomer[]; scanned: number }> {
  const { actor, platformId, policy, nowMs } = run;
  await lockPlatformRetention(tx, platformId);
  const found = await findDueCustomers(
    tx,
    platformId,
    policy.retentionYears,
    nowMs,
    batch,
    run.onlyIds ?? null,
  );
  // Rows another run holds are skipped; rows it finished are no longer unanonymized.
  const locked = await tx.query<{ id: string }>(
    `SELECT id FROM customers WHERE id = ANY($1::text[]) AND anonymized_at IS NULL
     ORDER BY id FOR UPDATE SKIP LOCKED`,
    [found.map((c) => c.customerId)],
  );
  const lockedIds = new Set(locked.map((r) => r.id));
  const candidates = found.filter((c) => lockedIds.has(c.customerId));
  const audit: AuditRecordInput[] = [];
  for (const customer of candidates) {
    const id = customer.customerId;
    const emptyCustomer = await sealPersonalData(
      {},
      { vault, db: tx, platformId, table: 'customers', recordId: id },
    );
    await tx.query(
      `UPDATE customers SET personal_data = $2::jsonb, external_ref = $3, anonymized_at = $4
       WHERE id = $1 AND anonymized_at IS NULL`,
      [id, JSON.stringify(emptyCustomer), `anonymized:${id}`, new Date(nowMs).toISOString()],
    );
    const banks = await tx.query<{ id: string }>(
      'SELECT id FROM customer_bank_accounts WHERE customer_id = $1 ORDER BY id FOR UPDATE',
      [id],
    );
    for (const bank of banks) {
      const emptyBank = await sealPersonalData(
        {},
        { vault, db: tx, platformId, table: 'customer_bank_accounts', recordId: bank.id },
      );
      await tx.query('UPDATE customer_bank_accounts SET personal_data = $2::jsonb WHERE id = $1', [
        bank.id,
        JSON.stringify(emptyBank),
      ]);
    }
    const owners = await anonymizeBeneficialOwners(tx, vault, platformId, id);
    const profiles = await tx.query(
      'DELETE FROM report_subject_profiles WHERE customer_id = $1 RETURNING customer_id',
      [id],
    );
    // The declared income or turnover is the customer's own financial data: gone with the rest.
    await tx.query(
      `UPDATE customer_risk_attributes SET declared_monthly_cny_minor = NULL
       WHERE platform_id = $1 AND customer_id = $2`,
      [platformId, id],
    );
    audit.push({
      platformId,
      actor,
      action: 'customer.anonymized',
      subjectType: 'customer',
      subjectId: id,
      payload: {
        reason: 'retention_expired',
        runId: run.runId,
        relationshipEndedAt: customer.relationshipEndedAt,
        lastTransactionAt: customer.lastTransactionAt,
        dueAt: customer.dueAt,
        retentionYears: policy.retentionYears,
        jurisdictions: policy.jurisdictions,
        bankAccountsAnonymized: banks.length,
        beneficialOwnersAnonymized: owners,
        subjectProfilesDeleted: profiles.length,
        ...(run.approval === undefined
          ? {}
          : { approvalId: run.approval.id, approvedBy: run.approval.approvedBy }),
      },
      atMs: nowMs,
    });
  }
  await appendAuditRecords(tx, audit);
  return { customers: candidates, scanned: found.length };
}
