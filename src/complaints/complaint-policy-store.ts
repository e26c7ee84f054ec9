import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Queryable } from '../store/index.js';
import {
  COMPLAINT_POLICIES_DEFAULT,
  policyProblem,
  type ComplaintPolicy,
  type DeadlineUnit,
} from './complaint-deadlines.js';
import { accept, refuse, type ComplaintResult } from './complaint-error.js';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from './complaint-types.js';

type PolicyRow = {
  category: ComplaintCategory;
  acknowledge_amount: number;
  acknowledge_unit: DeadlineUnit;
  resolve_amount: number;
  resolve_unit: DeadlineUnit;
};

/** The deadlines of every category on a platform: its own where set, the defaults elsewhere. */
export async function loadComplaintPolicies(
  db: Queryable,
  platformId: string,
): Promise<Record<ComplaintCategory, ComplaintPolicy & { custom: boolean }>> {
  const rows = await db.query<PolicyRow>(
    `SELECT category, acknowledge_amount, acknowledge_unit, resolve_amount, resolve_unit
     FROM complaint_policies WHERE platform_id = $1`,
    [platformId],
  );
  const own = new Map(rows.map((row) => [row.category, row]));
  const result = {} as Record<ComplaintCategory, ComplaintPolicy & { custom: boolean }>;
  for (const category of COMPLAINT_CATEGORIES) {
    const row = own.get(category);
    result[category] =
      row === undefined
        ? { ...COMPLAINT_POLICIES_DEFAULT[category], custom: false }
        : {
            acknowledge: { amount: row.acknowledge_amount, unit: row.acknowledge_unit },
            resolve: { amount: row.resolve_amount, unit: row.resolve_unit },
            custom: true,
          };
  }
  return result;
}

/** Sets a category's deadlines for a platform; a restriction objection keeps Art. 39's 15 days. */
export async function saveComplaintPolicy(
  tx: Queryable,
  actor: string,
  platformId: string,
  category: ComplaintCategory,
  policy: ComplaintPolicy,
  nowMs = Date.now(),
): Promise<ComplaintResult<ComplaintPolicy>> {
  const problem = policyProblem(category, policy);
  if (problem !== null) return refuse('validation_failed', problem);
  await tx.query(
    `INSERT INTO complaint_policies (platform_id, category, acknowledge_amount, acknowledge_unit,
       resolve_amount, resolve_unit, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (platform_id, category) DO UPDATE SET
       acknowledge_amount = EXCLUDED.acknowledge_amount, acknowledge_unit = EXCLUDED.acknowledge_unit,
       resolve_amount = EXCLUDED.resolve_amount, resolve_unit = EXCLUDED.resolve_unit,
       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [
      platformId,
      category,
      policy.acknowledge.amount,
      policy.acknowledge.unit,
      policy.resolve.amount,
      policy.resolve.unit,
      actor,
      new Date(nowMs),
    ],
  );
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'complaint.policy_set',
      subjectType: 'complaint_policy',
      subjectId: `${platformId}/${category}`,
      payload: { category, acknowledge: policy.acknowledge, resolve: policy.resolve },
      atMs: nowMs,
    },
  ]);
  return accept(policy);
}
