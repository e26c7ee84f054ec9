import { ApprovalExecutionRefused, openApproval, type ApprovalRow } from '../../approvals/index.js';
import { failure, success, type Result } from '../../custody/errors.js';
import type { Principal } from '../../security/index.js';
import { personalDataVaultOf, type PersonalDataVault } from '../../security/personal-data.js';
import type { Database, Queryable } from '../../store/index.js';
import { z } from 'zod';
import { assert } from '../../assert.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';
import { getRetentionPolicy } from './retention-policy-store.js';
import {
  findDueReportFiles,
  purgeDueReportFiles,
  REPORT_FILE_FORMATS,
  type DueReportFile,
} from './report-file-retention.js';
import { anonymizeDueCustomers, findDueCustomers, type DueCustomer } from './retention-run.js';
import { recordRetentionWork } from './retention-run-log.js';

// The database whose personal-data vault an approved execution seals with. An executor runs
// inside the deciding transaction and sees only that transaction, so the vault is found
// through the database the compliance module was started with.
let vaultDatabase: Queryable | null = null;

/** Names the database (with its bound vault) approved retention executions seal through. */
export function useRetentionVaultOf(db: Queryable): void {
  vaultDatabase = db;
}

function retentionVault(): PersonalDataVault {
  assert(vaultDatabase !== null, 'the compliance module was started without a database');
  return personalDataVaultOf(vaultDatabase);
}

// Requests made before report files were purged name customers only (at least one).
const PayloadSchema = z
  .object({
    customerIds: z
      .array(z.string().min(1).max(64))
      .max(COMPLIANCE_LIMITS.retentionCustomersPerRunMax),
    reportFiles: z
      .array(
        z
          .object({ format: z.enum(REPORT_FILE_FORMATS), fileId: z.string().min(1).max(64) })
          .strict(),
      )
      .max(COMPLIANCE_LIMITS.retentionReportFilesPerRunMax)
      .optional(),
    retentionYears: z.number().int().min(1),
  })
  .strict()
  .refine((p) => p.customerIds.length + (p.reportFiles?.length ?? 0) > 0, 'names something due');

export interface RetentionRequest {
  approvalId: string;
  platformId: string;
  retentionYears: number;
  /** The customers the approver is asked to let go, as due when requested. */
  customers: DueCustomer[];
  /** More customers were due than one request covers; request again once this one is decided. */
  truncated: boolean;
  /** The stored report files the approver is asked to let be purged, as due when requested. */
  reportFiles: DueReportFile[];
  /** More report files were due than one request covers. */
  reportFilesTruncated: boolean;
}

/**
 * Asks to anonymize the customers and purge the stored report files due now (at most one
 * run's worth of each): a second person with `compliance.write` must approve
 * (`retention.execute`), and the approval carries out exactly these lists under exactly this
 * retention period. Refused when nothing is due or a request for the platform is already open.
 */
export async function requestRetentionExecution(
  db: Database,
  actor: Principal,
  platformId: string,
  reason: string,
  nowMs = Date.now(),
): Promise<Result<RetentionRequest>> {
  useRetentionVaultOf(db);
  const limit = COMPLIANCE_LIMITS.retentionCustomersPerRunMax;
  const filesLimit = COMPLIANCE_LIMITS.retentionReportFilesPerRunMax;
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('custos.retention.request:' || $1))`, [
      platformId,
    ]);
    const open = await tx.query<{ id: string }>(
      `SELECT id FROM approvals WHERE platform_id = $1 AND action = 'retention.execute'
         AND status = 'open' AND expires_at > now() LIMIT 1`,
      [platformId],
    );
    if (open[0] !== undefined)
      return failure('invalid_state', `retention request ${open[0].id} is awaiting a decision`);
    const policy = await getRetentionPolicy(tx, platformId);
    const years = policy.retentionYears;
    const due = await findDueCustomers(tx, platformId, years, nowMs, limit + 1);
    const files = await findDueReportFiles(tx, platformId, years, nowMs, filesLimit + 1);
    if (due.length === 0 && files.length === 0)
      return failure(
        'invalid_state',
        'no customer is due for anonymization and no report file is due for purging',
      );
    const customers = due.slice(0, limit);
    const reportFiles = files.slice(0, filesLimit);
    const approvalId = await openApproval(tx, actor, {
      platformId,
      action: 'retention.execute',
      payload: {
        customerIds: customers.map((c) => c.customerId),
        reportFiles: reportFiles.map((f) => ({ format: f.format, fileId: f.fileId })),
        retentionYears: years,
      },
      reason,
    });
    return success({
      approvalId,
      platformId,
      retentionYears: years,
      customers,
      truncated: due.length > limit,
      reportFiles,
      reportFilesTruncated: files.length > filesLimit,
    });
  });
}

function refuse(message: string): never {
  throw new ApprovalExecutionRefused({ code: 'invalid_state', message });
}

/**
 * The 'retention.execute' executor: in the deciding transaction, anonymizes the customers and
 * purges the stored report files of the approved lists that are still due under the same
 * retention period (one whose period has since grown, or that is no longer due, is left
 * alone). Each audit record names the approval, each purged file's row names it as its run, and
 * what was done is recorded as a retention run under the approval's id (`getRetentionRun`).
 */
export async function executeRetentionApproval(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const payload = PayloadSchema.parse(approval.payload);
  if (approval.platform_id === null) refuse('a retention approval names its platform');
  const policy = await getRetentionPolicy(tx, approval.platform_id);
  if (policy.retentionYears !== payload.retentionYears) {
    refuse(
      `the retention period changed from ${payload.retentionYears} to ${policy.retentionYears} years after the request`,
    );
  }
  const run = {
    actor: approval.requested_by,
    platformId: approval.platform_id,
    policy,
    nowMs: Date.now(),
    runId: approval.id,
    approval: { id: approval.id, approvedBy: decider.id },
  };
  const customers =
    payload.customerIds.length === 0
      ? []
      : (
          await anonymizeDueCustomers(
            tx,
            retentionVault(),
            { ...run, onlyIds: payload.customerIds },
            payload.customerIds.length,
          )
        ).customers;
  const reportFiles = payload.reportFiles ?? [];
  const purged =
    reportFiles.length === 0
      ? []
      : (await purgeDueReportFiles(tx, { ...run, only: reportFiles }, reportFiles.length)).files;
  // Recorded under the approval's id, so the requester finds what it carried out.
  await recordRetentionWork(
    tx,
    { ...run, trigger: 'approval', retentionYears: policy.retentionYears, ranAtMs: run.nowMs },
    { customers, reportFilesPurged: purged.length },
  );
}
