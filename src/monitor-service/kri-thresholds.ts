import type { ApprovalRow } from '../approvals/approval-actions.js';
import { ApprovalExecutionRefused } from '../approvals/approval-execution-refused.js';
import { openApproval } from '../approvals/approvals.js';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { failure, success, type Result } from '../custody/errors.js';
import type { Principal } from '../security/index.js';
import type { Database, Queryable } from '../store/index.js';
import { KRI_DEFINITIONS, type KriDefinition } from './kri-definitions.js';

/** The highest threshold a ratio KRI takes (1,000 %). */
export const KRI_RATIO_THRESHOLD_MAX = 10;
/** The highest threshold a count KRI takes. */
export const KRI_COUNT_THRESHOLD_MAX = 1_000_000;

export interface KriThresholds {
  amberAt: number;
  redAt: number;
}

export type ThresholdIssue = { field: 'amberAt' | 'redAt'; message: string };

export function kriDefinition(kriId: string): KriDefinition | undefined {
  return KRI_DEFINITIONS.find((definition) => definition.id === kriId);
}

/**
 * What is wrong with thresholds for a KRI, or null. Both are finite and within the unit's range
 * (a count is a whole number); amber comes on no later than red (higher is worse: amber ≤ red;
 * lower is worse: amber ≥ red); and a higher-is-worse amber above zero, so green can be reached.
 */
export function kriThresholdIssue(
  definition: Pick<KriDefinition, 'unit' | 'worse'>,
  thresholds: KriThresholds,
): ThresholdIssue | null {
  const max = definition.unit === 'ratio' ? KRI_RATIO_THRESHOLD_MAX : KRI_COUNT_THRESHOLD_MAX;
  for (const field of ['amberAt', 'redAt'] as const) {
    const value = thresholds[field];
    if (!Number.isFinite(value) || value < 0 || value > max)
      return { field, message: `must be a number from 0 to ${max}` };
    if (definition.unit === 'count' && !Number.isInteger(value))
      return { field, message: 'must be a whole number for a count' };
  }
  const { amberAt, redAt } = thresholds;
  if (definition.worse === 'higher') {
    if (amberAt <= 0) return { field: 'amberAt', message: 'must be above 0, or never green' };
    if (amberAt > redAt) return { field: 'amberAt', message: 'must not be above redAt' };
  } else if (amberAt < redAt) {
    return { field: 'amberAt', message: 'must not be below redAt (lower is worse)' };
  }
  return null;
}

/** The thresholds a platform set for itself, by KRI (the others use their defaults). */
export async function platformThresholds(
  db: Queryable,
  platformId: string,
): Promise<Map<string, KriThresholds>> {
  const rows = await db.query<{ kri_id: string; amber_at: number; red_at: number }>(
    'SELECT kri_id, amber_at, red_at FROM kri_thresholds WHERE platform_id = $1',
    [platformId],
  );
  return new Map(
    rows.map((r) => [r.kri_id, { amberAt: Number(r.amber_at), redAt: Number(r.red_at) }]),
  );
}

async function thresholdsInForce(
  db: Queryable,
  platformId: string,
  definition: KriDefinition,
): Promise<KriThresholds & { custom: boolean }> {
  const own = (await platformThresholds(db, platformId)).get(definition.id);
  if (own === undefined)
    return { amberAt: definition.amberAt, redAt: definition.redAt, custom: false };
  return { ...own, custom: true };
}

/** Open threshold-change requests of a platform, by KRI. */
export async function pendingThresholdChanges(
  db: Queryable,
  platformId: string,
): Promise<Map<string, { approvalId: string; amberAt: number | null; redAt: number | null }>> {
  const rows = await db.query<{ id: string; payload: Record<string, unknown> }>(
    `SELECT id, payload FROM approvals WHERE platform_id = $1 AND action = 'kri.thresholds'
       AND status = 'open' AND expires_at > now()`,
    [platformId],
  );
  const pending = new Map<
    string,
    { approvalId: string; amberAt: number | null; redAt: number | null }
  >();
  for (const row of rows) {
    const asked = requestedOf(row.payload);
    pending.set(String(row.payload['kriId']), {
      approvalId: row.id,
      amberAt: asked?.amberAt ?? null,
      redAt: asked?.redAt ?? null,
    });
  }
  return pending;
}

function requestedOf(payload: Record<string, unknown>): KriThresholds | null {
  const requested = payload['thresholds'];
  if (typeof requested !== 'object' || requested === null) return null;
  const { amberAt, redAt } = requested as Record<string, unknown>;
  return { amberAt: Number(amberAt), redAt: Number(redAt) };
}

/**
 * Asks a second person (approval action `kri.thresholds`) to set a KRI's amber and red
 * thresholds for a platform, or with `thresholds` null to go back to the defaults. Thresholds
 * decide when a light turns and when an alert is raised, so they change with four eyes, like a
 * rule. One request per KRI at a time; a request that changes nothing is refused.
 */
export async function requestKriThresholds(
  db: Database,
  actor: Principal,
  platformId: string,
  kriId: string,
  thresholds: KriThresholds | null,
  reason: string,
): Promise<Result<{ approvalId: string }>> {
  const definition = kriDefinition(kriId);
  if (definition === undefined) return failure('not_found', `no KRI ${kriId}`);
  if (thresholds !== null) {
    const issue = kriThresholdIssue(definition, thresholds);
    if (issue !== null)
      return failure('validation_failed', `${issue.field} ${issue.message}`, {
        issues: [{ path: `thresholds.${issue.field}`, message: issue.message }],
      });
  }
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('custos.kri_thresholds:' || $1))`, [
      platformId,
    ]);
    const pending = (await pendingThresholdChanges(tx, platformId)).get(kriId);
    if (pending !== undefined)
      return failure(
        'invalid_state',
        `a change of ${kriId}'s thresholds (${pending.approvalId}) is awaiting a decision`,
        { approvalId: pending.approvalId },
      );
    const current = await thresholdsInForce(tx, platformId, definition);
    const unchanged =
      thresholds === null
        ? !current.custom
        : current.custom &&
          current.amberAt === thresholds.amberAt &&
          current.redAt === thresholds.redAt;
    if (unchanged) return failure('invalid_state', `${kriId} already has these thresholds`);
    const approvalId = await openApproval(tx, actor, {
      platformId,
      action: 'kri.thresholds',
      payload: {
        kriId,
        unit: definition.unit,
        worse: definition.worse,
        thresholds,
        previous: { amberAt: current.amberAt, redAt: current.redAt, custom: current.custom },
      },
      reason,
    });
    return success({ approvalId });
  });
}

/**
 * Runs an approved threshold change: the platform's row is written (or removed, back to the
 * defaults) and audited. Validated again, since the definitions may have changed since.
 */
export async function executeKriThresholds(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const platformId = approval.platform_id;
  const kriId = String(approval.payload['kriId']);
  const definition = kriDefinition(kriId);
  if (platformId === null || definition === undefined)
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: `no KRI ${kriId} to change`,
    });
  const thresholds = requestedOf(approval.payload);
  if (thresholds === null) {
    await tx.query('DELETE FROM kri_thresholds WHERE platform_id = $1 AND kri_id = $2', [
      platformId,
      kriId,
    ]);
  } else {
    const issue = kriThresholdIssue(definition, thresholds);
    if (issue !== null)
      throw new ApprovalExecutionRefused({
        code: 'validation_failed',
        message: `${issue.field} ${issue.message}`,
      });
    await tx.query(
      `INSERT INTO kri_thresholds (platform_id, kri_id, amber_at, red_at, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (platform_id, kri_id) DO UPDATE SET amber_at = EXCLUDED.amber_at,
         red_at = EXCLUDED.red_at, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [platformId, kriId, thresholds.amberAt, thresholds.redAt, decider.id],
    );
  }
  const applied = thresholds ?? { amberAt: definition.amberAt, redAt: definition.redAt };
  await appendAuditRecords(tx, [
    {
      platformId,
      actor: decider.id,
      action: 'kri.thresholds_set',
      subjectType: 'kri',
      subjectId: kriId,
      payload: {
        ...applied,
        defaults: thresholds === null,
        previous: approval.payload['previous'] ?? null,
        requestedBy: approval.requested_by,
        approvalId: approval.id,
      },
      atMs: Date.now(),
    },
  ]);
}
