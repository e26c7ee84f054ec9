import type { PersonalDataVault } from '../security/index.js';
import type { Queryable } from '../store/index.js';
import { listBeneficialOwners, type BeneficialOwner } from './beneficial-owners.js';
import { loadEddChecklist, type EddChecklist } from './edd-checklist.js';
import { loadRiskAttributes, type RiskAttributes } from './risk-attributes.js';
import { loadActiveModel } from './risk-model-store.js';
import type { RiskLevel } from './risk-model.js';
import { ratingHistory, type RatingHistoryItem } from './risk-queries.js';
import { loadStates } from './rating-store.js';
import { isReviewOverdue } from './review-schedule.js';

export interface RatingDetail {
  customerId: string;
  customerKind: 'person' | 'entity';
  externalRef: string;
  rating: {
    score: number;
    computedLevel: RiskLevel;
    level: RiskLevel;
    override: { level: RiskLevel; reason: string; by: string; approvedBy: string | null } | null;
    overrideApprovalId: string | null;
    ratedAt: string;
    lastReviewedAt: string;
    nextReviewDate: string;
    reviewOverdue: boolean;
  } | null;
  modelVersion: number;
  history: RatingHistoryItem[];
  attributes: RiskAttributes;
  beneficialOwners: BeneficialOwner[];
  edd: EddChecklist | null;
}

/**
 * Everything the console shows of a customer's risk: the rating in force, its history with
 * every factor's contribution, the recorded attributes, the beneficial owners (names neither
 * decrypted nor shown, `***`, unless `revealNames`) and the EDD checklist of the level in force. Null for an unknown
 * customer.
 */
export async function loadRatingDetail(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  customerId: string,
  options: { revealNames: boolean; nowMs?: number },
): Promise<RatingDetail | null> {
  const customer = await db.query<{ kind: 'person' | 'entity'; external_ref: string }>(
    'SELECT kind, external_ref FROM customers WHERE platform_id = $1 AND id = $2',
    [platformId, customerId],
  );
  const row = customer[0];
  if (row === undefined) return null;
  const state = (await loadStates(db, platformId, [customerId])).get(customerId);
  const active = await loadActiveModel(db, platformId);
  const owners = await listBeneficialOwners(db, vault, platformId, customerId, {
    decryptNames: options.revealNames,
  });
  return {
    customerId,
    customerKind: row.kind,
    externalRef: row.external_ref,
    rating:
      state === undefined
        ? null
        : {
            score: state.score,
            computedLevel: state.computedLevel,
            level: state.level,
            override:
              state.override === null
                ? null
                : {
                    level: state.override.level,
                    reason: state.override.reason,
                    by: state.override.by,
                    approvedBy: state.override.approvedBy,
                  },
            overrideApprovalId: state.overrideApprovalId,
            ratedAt: new Date(state.ratedAtMs).toISOString(),
            lastReviewedAt: new Date(state.lastReviewedAtMs).toISOString(),
            nextReviewDate: state.nextReviewDate,
            reviewOverdue: isReviewOverdue(state.nextReviewDate, options.nowMs ?? Date.now()),
          },
    modelVersion: active.version,
    history: await ratingHistory(db, platformId, customerId),
    attributes: await loadRiskAttributes(db, platformId, customerId),
    beneficialOwners: owners,
    edd:
      state === undefined
        ? null
        : await loadEddChecklist(db, active.model, platformId, customerId, state.level),
  };
}
