import { openApproval } from '../approvals/approvals.js';
import type { ApprovalRow } from '../approvals/approval-actions.js';
import { ApprovalExecutionRefused } from '../approvals/approval-execution-refused.js';
import { assert } from '../assert.js';
import { failure, success, type Result } from '../custody/errors.js';
import type { Database, Queryable } from '../store/index.js';
import {
  newOwnerId,
  removeBeneficialOwnerInTx,
  saveBeneficialOwnerInTx,
  sealOwnerName,
  type BeneficialOwnerInput,
  type OwnerFacts,
} from './beneficial-owners.js';
import { rateCustomersInTx, type RatingOutcome } from './rate-customers.js';
import { saveRiskAttributes, type RiskAttributes } from './risk-attributes.js';

/**
 * A change of a customer's rating inputs: its risk attributes, or one of its beneficial
 * owners. An owner's name travels sealed (`sealed`, bound to the owner's row id), so a change
 * waiting for approval keeps no personal data in clear.
 */
export type InputChange =
  | { kind: 'attributes'; attributes: RiskAttributes }
  | { kind: 'owner_save'; ownerId: string; existing: boolean; owner: OwnerFacts; sealed: unknown }
  | { kind: 'owner_remove'; ownerId: string };

/** What the caller asked for, before the owner's name is sealed. */
export type InputChangeRequest =
  | { kind: 'attributes'; attributes: RiskAttributes }
  | { kind: 'owner_save'; ownerId: string | null; owner: BeneficialOwnerInput }
  | { kind: 'owner_remove'; ownerId: string };

export type InputChangeOutcome =
  | { status: 'applied'; rating: RatingOutcome; ownerId?: string }
  | { status: 'pending_approval'; approvalId: string; ownerId?: string };

/** Lowering the level in force from high by editing inputs needs a second person. */
export function inputChangeNeedsApproval(rating: RatingOutcome): boolean {
  return rating.previousLevel === 'high' && rating.level !== 'high';
}

/** Ends the writing transaction (rolling it back) with what the caller is answered. */
class RolledBack extends Error {
  constructor(readonly outcome: { lowers: InputChange } | { refused: Result<never> }) {
    super('input change rolled back');
  }
}

async function applyChange(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  change: InputChange,
): Promise<Result<{ ownerId?: string }>> {
  switch (change.kind) {
    case 'attributes': {
      const known = await tx.query('SELECT 1 FROM customers WHERE platform_id = $1 AND id = $2', [
        platformId,
        customerId,
      ]);
      if (known.length === 0) return failure('not_found', `customer ${customerId} not found`);
      await saveRiskAttributes(tx, actor, platformId, customerId, change.attributes);
      return success({});
    }
    case 'owner_save': {
      const target = { ownerId: change.ownerId, existing: change.existing };
      const sealed = change.sealed;
      return saveBeneficialOwnerInTx(tx, actor, platformId, customerId, target, change.owner, () =>
        Promise.resolve(sealed),
      );
    }
    case 'owner_remove': {
      const removed = await removeBeneficialOwnerInTx(
        tx,
        actor,
        platformId,
        customerId,
        change.ownerId,
      );
      return removed.ok ? success({ ownerId: change.ownerId }) : removed;
    }
  }
}

/** Applies a change and re-rates in the caller's transaction. */
async function applyAndRerate(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  change: InputChange,
): Promise<Result<{ rating: RatingOutcome; ownerId?: string }>> {
  const applied = await applyChange(tx, actor, platformId, customerId, change);
  if (!applied.ok) return applied;
  const [rating] = await rateCustomersInTx(tx, actor, platformId, [customerId], 'input_changed');
  assert(rating !== undefined, 'a customer whose inputs changed is rated');
  return success({ rating, ...applied.value });
}

/**
 * Writes a change of rating inputs and re-rates the customer in one transaction. A change
 * that would move the level in force down from high is rolled back and becomes a four-eyes
 * request (`risk_rating.input_change`) instead: the inputs are the model's evidence, and
 * editing them is as strong as an override.
 */
export async function changeRiskInputs(
  db: Database,
  actor: { id: string },
  platformId: string,
  customerId: string,
  request: InputChangeRequest,
): Promise<Result<InputChangeOutcome>> {
  let pending: InputChange;
  try {
    return await db.transaction(async (tx) => {
      const change = await sealedChange(db, tx, platformId, request);
      const outcome = await applyAndRerate(tx, actor.id, platformId, customerId, change);
      if (!outcome.ok) throw new RolledBack({ refused: outcome as Result<never> });
      if (inputChangeNeedsApproval(outcome.value.rating)) throw new RolledBack({ lowers: change });
      return success<InputChangeOutcome>({ status: 'applied', ...outcome.value });
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    if ('refused' in error.outcome) return error.outcome.refused;
    pending = error.outcome.lowers;
  }
  const approvalId = await db.transaction((tx) =>
    openApproval(tx, actor, {
      platformId,
      action: 'risk_rating.input_change',
      payload: { customerId, change: pending },
      reason: `${pending.kind.replace('_', ' ')} of ${customerId} lowers its high risk rating`,
    }),
  );
  const ownerId = pending.kind === 'attributes' ? undefined : pending.ownerId;
  return success<InputChangeOutcome>({
    status: 'pending_approval',
    approvalId,
    ...(ownerId === undefined ? {} : { ownerId }),
  });
}

async function sealedChange(
  db: Database,
  tx: Queryable,
  platformId: string,
  request: InputChangeRequest,
): Promise<InputChange> {
  if (request.kind !== 'owner_save') return request;
  const { name, ...owner } = request.owner;
  const ownerId = request.ownerId ?? newOwnerId();
  const sealed = await sealOwnerName(db, platformId, name)(tx, ownerId);
  return { kind: 'owner_save', ownerId, existing: request.ownerId !== null, owner, sealed };
}

/**
 * Approval executor of `risk_rating.input_change`: applies the change and re-rates in the
 * deciding transaction; a change that no longer applies (owner gone, 100% exceeded) is
 * refused and nothing is written.
 */
export async function executeRiskInputChange(
  tx: Queryable,
  approval: ApprovalRow,
  decider: { id: string },
): Promise<void> {
  const platformId = approval.platform_id;
  assert(platformId !== null, 'a risk input change belongs to a platform');
  const { customerId, change } = approval.payload as { customerId: string; change: InputChange };
  assert(typeof customerId === 'string', 'a customer id');
  const outcome = await applyAndRerate(tx, decider.id, platformId, customerId, change);
  if (!outcome.ok) throw new ApprovalExecutionRefused(outcome.error);
}
