import { getRetentionPolicy } from '../retention/retention-policy-store.js';
import { countViolations, sampleIds, type ControlTest } from './control-test.js';

// Closed, unanonymized customers whose relationship ended, and whose last posting happened,
// more than `years` and a day ago. Written apart from the retention job's own selection (no
// shared code), so a mistake in one is caught by the other; the day of grace covers 29
// February, which PostgreSQL's interval arithmetic moves back by a day.
const OVERDUE = `SELECT c.id FROM customers c
  WHERE c.platform_id = $1 AND c.status = 'closed' AND c.anonymized_at IS NULL
    AND c.relationship_ended_at IS NOT NULL
    AND c.relationship_ended_at < $2::timestamptz - make_interval(years => $3::int, days => 1)
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

/**
 * Records past retention were handled: no closed customer whose retention ran out still holds
 * personal data, every anonymized customer's sealed fields and blind indexes are empty (its
 * bank accounts' and beneficial owners' too), and each anonymization has its audit record.
 */
export const retentionHandled: ControlTest = {
  kind: 'retention_handled',
  async run(context) {
    const policy = await getRetentionPolicy(context.db, context.platformId);
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
    const total = overdue.total + notEmpty.total + unaudited.total;
    return {
      outcome: total === 0 ? 'pass' : 'fail',
      evidence: {
        checked: Number(anonymized[0]?.n ?? 0) + overdue.total,
        violations: total,
        sampleIds: sampleIds([...overdue.sample, ...notEmpty.sample, ...unaudited.sample]),
        overdueForAnonymization: overdue.total,
        anonymizedWithData: notEmpty.total,
        anonymizedWithoutAudit: unaudited.total,
        retentionYears: policy.retentionYears,
        jurisdictions: policy.jurisdictions,
      },
    };
  },
};
