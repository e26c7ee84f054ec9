import { COMPLIANCE_LIMITS } from '../compliance-limits.js';
import { getRetentionPolicy } from '../retention/retention-policy-store.js';
import { findDueCustomers } from '../retention/retention-run.js';
import { countViolations, sampleIds, type ControlTest } from './control-test.js';

/**
 * Records past retention were handled: no closed customer whose retention ran out still holds
 * personal data, every anonymized customer's sealed fields are empty, and each anonymization
 * has its audit record.
 */
export const retentionHandled: ControlTest = {
  kind: 'retention_handled',
  async run(context) {
    const policy = await getRetentionPolicy(context.db, context.platformId);
    const overdue = await findDueCustomers(
      context.db,
      context.platformId,
      policy.retentionYears,
      context.nowMs,
      COMPLIANCE_LIMITS.evidenceSampleIdsMax + 1,
    );
    const params = [context.platformId];
    const notEmpty = await countViolations(
      context,
      `SELECT c.id FROM customers c WHERE c.platform_id = $1 AND c.anonymized_at IS NOT NULL
         AND (c.personal_data -> 'fields' <> '{}'::jsonb OR EXISTS (
           SELECT 1 FROM customer_bank_accounts b WHERE b.customer_id = c.id
             AND b.personal_data -> 'fields' <> '{}'::jsonb))`,
      params,
    );
    const unaudited = await countViolations(
      context,
      `SELECT c.id FROM customers c WHERE c.platform_id = $1 AND c.anonymized_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM audit_records r WHERE r.subject_type = 'customer'
           AND r.subject_id = c.id AND r.action = 'customer.anonymized')`,
      params,
    );
    const anonymized = await context.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM customers WHERE platform_id = $1 AND anonymized_at IS NOT NULL',
      params,
    );
    const total = overdue.length + notEmpty.total + unaudited.total;
    return {
      outcome: total === 0 ? 'pass' : 'fail',
      evidence: {
        checked: Number(anonymized[0]?.n ?? 0) + overdue.length,
        violations: total,
        sampleIds: sampleIds([
          ...overdue.map((c) => c.customerId),
          ...notEmpty.sample,
          ...unaudited.sample,
        ]),
        overdueForAnonymization: overdue.length,
        overdueCountCapped: overdue.length > COMPLIANCE_LIMITS.evidenceSampleIdsMax,
        anonymizedWithData: notEmpty.total,
        anonymizedWithoutAudit: unaudited.total,
        retentionYears: policy.retentionYears,
        jurisdictions: policy.jurisdictions,
      },
    };
  },
};
