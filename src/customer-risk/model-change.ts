import { isDeepStrictEqual } from 'node:util';
import { openApproval } from '../approvals/approvals.js';
import type { ApprovalRow } from '../approvals/approval-actions.js';
import { ApprovalExecutionRefused } from '../approvals/approval-execution-refused.js';
import { assert } from '../assert.js';
import type { Database, Queryable } from '../store/index.js';
import { RISK_LIMITS } from './risk-limits.js';
import { loadActiveModel, saveModel } from './risk-model-store.js';
import { RiskModelSchema, type RiskModel } from './risk-model.js';

export type ModelSaveOutcome =
  { status: 'saved'; version: number } | { status: 'pending_approval'; approvalId: string };

/**
 * The level thresholds and the floors decide who is high risk at all: a model version that
 * changes either needs a second person. Points, lists and cadences are saved by one.
 */
export function modelChangeNeedsApproval(active: RiskModel, next: RiskModel): boolean {
  return (
    !isDeepStrictEqual(active.thresholds, next.thresholds) ||
    !isDeepStrictEqual(active.floors, next.floors)
  );
}

async function lockModel(tx: Queryable, platformId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`risk_model:${platformId}`]);
}

/**
 * Stores a new model version, or opens a four-eyes request (`risk_rating.model`) when it
 * changes thresholds or floors. The request names the version it was made against; a model
 * saved meanwhile makes it stale.
 */
export async function requestModelSave(
  db: Database,
  actor: { id: string },
  platformId: string,
  model: RiskModel,
  note: string | null,
): Promise<ModelSaveOutcome> {
  return db.transaction(async (tx) => {
    await lockModel(tx, platformId);
    const active = await loadActiveModel(tx, platformId);
    if (!modelChangeNeedsApproval(active.model, model))
      return { status: 'saved', version: await saveModel(tx, actor.id, platformId, model, note) };
    const approvalId = await openApproval(tx, actor, {
      platformId,
      action: 'risk_rating.model',
      payload: { model, note, baseVersion: active.version },
      reason: note ?? `risk model changes thresholds or floors (from version ${active.version})`,
    });
    return { status: 'pending_approval', approvalId };
  });
}

/** Approval executor of `risk_rating.model`: stores the requested version as its requester's. */
export async function executeModelSave(
  tx: Queryable,
  approval: ApprovalRow,
  decider: { id: string },
): Promise<void> {
  const platformId = approval.platform_id;
  assert(platformId !== null, 'a risk model belongs to a platform');
  const payload = approval.payload as { model: unknown; note: string | null; baseVersion: number };
  const model = RiskModelSchema.parse(payload.model);
  await lockModel(tx, platformId);
  const active = await loadActiveModel(tx, platformId);
  if (active.version !== payload.baseVersion)
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: `the model changed from version ${payload.baseVersion} to ${active.version} since the request`,
    });
  const note = `${payload.note ?? 'thresholds or floors changed'} (approved by ${decider.id})`;
  await saveModel(
    tx,
    approval.requested_by,
    platformId,
    model,
    note.slice(0, RISK_LIMITS.noteCharsMax),
  );
}
