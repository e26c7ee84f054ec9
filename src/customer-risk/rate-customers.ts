import { assert } from '../assert.js';
import type { Database, Queryable } from '../store/index.js';
import { loadRiskInputs } from './risk-inputs-store.js';
import { RISK_LIMITS } from './risk-limits.js';
import { loadActiveModel } from './risk-model-store.js';
import { RISK_LEVELS, type RiskLevel } from './risk-model.js';
import { scoreCustomer } from './risk-score.js';
import { stateAfterRating, type RatingTrigger } from './rating-state.js';
import {
  loadStates,
  lockPlatformRatings,
  newRatingId,
  writeRatings,
  type RatingRecord,
} from './rating-store.js';
import { readScreeningStatus, type SanctionsStatusReader } from './sanctions-status.js';

export interface RateOptions {
  nowMs?: number;
  readSanctions?: SanctionsStatusReader;
  note?: string;
}

export interface RatingOutcome {
  customerId: string;
  ratingId: string;
  score: number;
  computedLevel: RiskLevel;
  level: RiskLevel;
  previousLevel: RiskLevel | null;
  nextReviewDate: string;
}

/**
 * Rates customers of one platform in the caller's transaction with the model in force:
 * reads their inputs, scores them (pure), and writes history, state, EDD items and audit.
 * Unknown customer ids are skipped (not in the result).
 */
export async function rateCustomersInTx(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerIds: readonly string[],
  trigger: RatingTrigger,
  options: RateOptions = {},
): Promise<RatingOutcome[]> {
  assert(customerIds.length <= RISK_LIMITS.changedPerSweepMax, 'customers per rating call');
  assert(trigger !== 'override', 'overrides are written by risk-override.ts');
  const nowMs = options.nowMs ?? Date.now();
  await lockPlatformRatings(tx, platformId);
  const active = await loadActiveModel(tx, platformId);
  const inputs = await loadRiskInputs(
    tx,
    active.model,
    platformId,
    [...new Set(customerIds)],
    options.readSanctions ?? readScreeningStatus,
    nowMs,
  );
  const previous = await loadStates(tx, platformId, [...inputs.keys()]);
  const records: RatingRecord[] = [];
  for (const [customerId, customerInputs] of inputs) {
    const computed = scoreCustomer(active.model, customerInputs);
    const state = stateAfterRating(
      previous.get(customerId) ?? null,
      computed,
      active.model,
      newRatingId(nowMs),
      trigger,
      nowMs,
      active.version,
    );
    records.push({
      customerId,
      modelVersion: active.version,
      score: computed.score,
      computedLevel: computed.level,
      level: state.level,
      reasons: computed.reasons,
      trigger,
      note: options.note ?? null,
      state,
    });
  }
  await writeRatings(tx, actor, platformId, active.model, records, nowMs);
  return records.map((r) => ({
    customerId: r.customerId,
    ratingId: r.state.ratingId,
    score: r.score,
    computedLevel: r.computedLevel,
    level: r.level,
    previousLevel: previous.get(r.customerId)?.level ?? null,
    nextReviewDate: r.state.nextReviewDate,
  }));
}

export interface BatchProgress {
  platformId: string;
  rated: number;
  total: number;
}

export interface PageResult {
  rated: number;
  byLevel: Record<RiskLevel, number>;
  changed: number;
  /** The last customer id of the page: the next page starts after it. */
  lastCustomerId: string | null;
  done: boolean;
  total: number;
}

/**
 * Rates one page of a platform's customers (ids after `after`, in id order) in one
 * transaction: the unit of a batch re-rate, so a caller can show progress between pages.
 */
export async function rateCustomerPage(
  db: Database,
  actor: string,
  platformId: string,
  after: string,
  limit: number,
  options: RateOptions = {},
): Promise<PageResult> {
  assert(limit >= 1 && limit <= RISK_LIMITS.rateBatchSize, 'a page size within the batch size');
  const ids = await db.query<{ id: string }>(
    'SELECT id FROM customers WHERE platform_id = $1 AND id > $2 ORDER BY id LIMIT $3',
    [platformId, after, limit],
  );
  const totalRows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM customers WHERE platform_id = $1',
    [platformId],
  );
  const page: PageResult = {
    rated: 0,
    byLevel: { low: 0, medium: 0, high: 0 },
    changed: 0,
    lastCustomerId: ids.at(-1)?.id ?? null,
    done: ids.length < limit,
    total: Number(totalRows[0]?.n ?? 0),
  };
  if (ids.length === 0) return page;
  const outcomes = await db.transaction((tx) =>
    rateCustomersInTx(
      tx,
      actor,
      platformId,
      ids.map((row) => row.id),
      'batch',
      options,
    ),
  );
  for (const outcome of outcomes) {
    page.byLevel[outcome.level] += 1;
    if (outcome.previousLevel !== outcome.level) page.changed += 1;
  }
  page.rated = outcomes.length;
  return page;
}

export interface BatchResult {
  platformId: string;
  rated: number;
  byLevel: Record<RiskLevel, number>;
  changed: number;
}

/** Re-rates every customer of a platform page by page, reporting progress after each page. */
export async function rateAllCustomers(
  db: Database,
  actor: string,
  platformId: string,
  options: RateOptions & { onProgress?: (progress: BatchProgress) => void } = {},
): Promise<BatchResult> {
  const result: BatchResult = {
    platformId,
    rated: 0,
    byLevel: { low: 0, medium: 0, high: 0 },
    changed: 0,
  };
  const pagesMax = Math.ceil(RISK_LIMITS.customersPerPlatformMax / RISK_LIMITS.rateBatchSize);
  let after = '';
  for (let pageNo = 0; pageNo < pagesMax; pageNo += 1) {
    const page = await rateCustomerPage(
      db,
      actor,
      platformId,
      after,
      RISK_LIMITS.rateBatchSize,
      options,
    );
    result.rated += page.rated;
    result.changed += page.changed;
    for (const level of RISK_LEVELS) result.byLevel[level] += page.byLevel[level];
    options.onProgress?.({
      platformId,
      rated: result.rated,
      total: Math.max(page.total, result.rated),
    });
    if (page.done || page.lastCustomerId === null) break;
    after = page.lastCustomerId;
  }
  return result;
}
