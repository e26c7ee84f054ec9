import { assert } from '../../assert.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';
import { findDueReportFiles } from '../retention/report-file-retention.js';
import { getRetentionPolicy, type RetentionPolicy } from '../retention/retention-policy-store.js';
import {
  countViolations,
  sampleIds,
  type ControlTest,
  type ControlTestContext,
} from './control-test.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Overdue report files counted one by one: as many as one retention run purges. More than
 * that means the job has fallen a whole run behind; the evidence then says "more than".
 */
const OVERDUE_REPORT_FILES_COUNTED_MAX = COMPLIANCE_LIMITS.retentionReportFilesPerRunMax;

// Closed, unanonymized customers whose relationship ended, and whose last posting happened,
// more than `years` and a day ago, and that nothing holds (an active retention hold or a case
// not closed keeps them on purpose). Written apart from the retention job's own selection (no
// shared code), so a mistake in one is caught by the other; the day of grace covers 29
// February, which PostgreSQL's interval arithmetic moves back by a day.
const OVERDUE = `SELECT c.id FROM customers c
  WHERE c.platform_id = $1 AND c.status = 'closed' AND c.anonymized_at IS NULL
    AND c.relationship_ended_at IS NOT NULL
    AND c.relationship_ended_at < $2::timestamptz - make_interval(years => $3::int, days => 1)
    AND NOT EXISTS (SELECT 1 FROM retention_holds h WHERE h.platform_id = c.platform_id
      AND h.subject_type = 'customer' AND h.subject_id = c.id AND h.released_at IS NULL)
    AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.platform_id = c.platform_id
      AND k.customer_id = c.id AND k.state <> 'closed')
    AND NOT EXISTS (
      SELECT 1 FROM accounts a JOIN transfers t
        ON t.debit_account_id = a.id OR t.credit_account_id = a.id
      WHERE a.customer_id = c.id
        AND t.created_at >= $2::timestamptz - make_interval(years => $3::int, days => 1))`;

// Sealed personal data that is not empty: any field, or any blind index.
const holdsData = (column: string) =>
  `(coalesce(${column} -> 'fields', '{}'::jsonb) <> '{}'::jsonb
    OR coalesce(${column} -> 'idx', '{}'::jsonb) <> '{}'::jsonb)`;

const ANONYMIZED_WITH_DATA = `SELECT c.id FROM customers c
  WHERE c.platform_id = $1 AND c.anonymized_at IS NOT NULL
    AND (${holdsData('c.personal_data')}
      OR EXISTS (SELECT 1 FROM customer_bank_accounts b WHERE b.customer_id = c.id
                 AND ${holdsData('b.personal_data')})
      OR EXISTS (SELECT 1 FROM customer_beneficial_owners o WHERE o.customer_id = c.id
                 AND ${holdsData('o.personal_data')}))`;

const ANONYMIZED_UNAUDITED = `SELECT c.id FROM customers c
  WHERE c.platform_id = $1 AND c.anonymized_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM audit_records r WHERE r.subject_type = 'customer'
      AND r.subject_id = c.id AND r.action = 'customer.anonymized')`;

const PURGED_FILES = `SELECT
  (SELECT count(*) FROM report_files WHERE platform_id = $1 AND purged_at IS NOT NULL)
  + (SELECT count(*) FROM report_camlmac_files WHERE platform_id = $1 AND purged_at IS NOT NULL)
  AS n`;

/** "1 thing is" or "2 things are": a count with the words that agree with it. */
const counted = (count: number, one: string, other: string) =>
  `${count} ${count === 1 ? one : other}`;

/**
 * Customers past retention that were not handled: overdue, anonymized but still holding
 * sealed data, or anonymized without their audit record. Each kind that occurs gets a finding.
 */
async function customerParts(context: ControlTestContext, policy: RetentionPolicy) {
  const params = [context.platformId];
  const overdue = await countViolations(context, OVERDUE, [
    context.platformId,
    new Date(context.nowMs).toISOString(),
    policy.retentionYears,
  ]);
  const notEmpty = await countViolations(context, ANONYMIZED_WITH_DATA, params);
  const unaudited = await countViolations(context, ANONYMIZED_UNAUDITED, params);
  const anonymized = await context.db.query<{ n: string }>(
    'SELECT count(*) AS n FROM customers WHERE platform_id = $1 AND anonymized_at IS NOT NULL',
    params,
  );
  const findings: string[] = [];
  if (overdue.total > 0)
    findings.push(
      counted(
        overdue.total,
        'closed customer past retention still holds personal data',
        'closed customers past retention still hold personal data',
      ),
    );
  if (notEmpty.total > 0)
    findings.push(
      counted(
        notEmpty.total,
        'anonymized customer still holds sealed personal data',
        'anonymized customers still hold sealed personal data',
      ),
    );
  if (unaudited.total > 0)
    findings.push(
      counted(
        unaudited.total,
        'anonymized customer has no customer.anonymized audit record',
        'anonymized customers have no customer.anonymized audit record',
      ),
    );
  return { overdue, notEmpty, unaudited, anonymized: Number(anonymized[0]?.n ?? 0), findings };
}

/**
 * Stored report files whose retention ran out more than a day ago and that still hold their
 * content: the purge has not run. The due files are the retention job's own selection
 * (`findDueReportFiles`), not a second copy: a file's clock has three rules that its SQL and
 * TypeScript already both state, held to one instant by an assertion, so a third copy would
 * be one more to keep in step. What this part checks is that the job ran, not the rule. The
 * day of grace, as for customers, leaves a file that fell due since today's run to the next.
 */
async function reportFilePart(context: ControlTestContext, policy: RetentionPolicy) {
  const due = await findDueReportFiles(
    context.db,
    context.platformId,
    policy.retentionYears,
    context.nowMs - DAY_MS,
    OVERDUE_REPORT_FILES_COUNTED_MAX + 1,
  );
  const listed = due.slice(0, OVERDUE_REPORT_FILES_COUNTED_MAX);
  const truncated = due.length > listed.length;
  // Oldest first: the first file's due date is the oldest.
  const oldestDueAt = listed[0]?.dueAt ?? null;
  const purged = await context.db.query<{ n: string }>(PURGED_FILES, [context.platformId]);
  const overdue = {
    total: listed.length,
    sample: [...new Set(listed.map((file) => file.reportId))],
  };
  const findings: string[] = [];
  if (oldestDueAt !== null) {
    // A file listed is due at least a day before now: the grace is never counted.
    assert(Date.parse(oldestDueAt) <= context.nowMs - DAY_MS, 'an overdue file is past its grace');
    const files = counted(
      listed.length,
      'stored report file is past its due date and still holds its content',
      'stored report files are past their due date and still hold their content',
    );
    findings.push(
      `${truncated ? `more than ${files}` : files} (the oldest due ${oldestDueAt}): ` +
        'the retention purge has not run',
    );
  }
  return { overdue, truncated, oldestDueAt, purged: Number(purged[0]?.n ?? 0), findings };
}

/**
 * Records past retention were handled: no closed customer whose retention ran out still holds
 * personal data, every anonymized customer's sealed fields and blind indexes are empty (its
 * bank accounts' and beneficial owners' too), each anonymization has its audit record, and no
 * stored report file whose retention ran out still holds its content.
 */
export const retentionHandled: ControlTest = {
  kind: 'retention_handled',
  async run(context) {
    const policy = await getRetentionPolicy(context.db, context.platformId);
    const customers = await customerParts(context, policy);
    const files = await reportFilePart(context, policy);
    const parts = [customers.overdue, customers.notEmpty, customers.unaudited, files.overdue];
    const total = parts.reduce((sum, part) => sum + part.total, 0);
    return {
      outcome: total === 0 ? 'pass' : 'fail',
      evidence: {
        checked:
          customers.anonymized + customers.overdue.total + files.purged + files.overdue.total,
        violations: total,
        sampleIds: sampleIds(parts.flatMap((part) => part.sample)),
        findings: [...customers.findings, ...files.findings],
        overdueForAnonymization: customers.overdue.total,
        anonymizedWithData: customers.notEmpty.total,
        anonymizedWithoutAudit: customers.unaudited.total,
        reportFilesOverdue: files.overdue.total,
        reportFilesOverdueTruncated: files.truncated,
        oldestReportFileDueAt: files.oldestDueAt,
        reportFilesPurged: files.purged,
        retentionYears: policy.retentionYears,
        jurisdictions: policy.jurisdictions,
      },
    };
  },
};
