import { appendAuditRecords } from '../audit/audit-record-store.js';
import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import { DEFAULT_RISK_MODEL } from './default-risk-model.js';
import { RiskModelSchema, type RiskModel } from './risk-model.js';

export interface ActiveRiskModel {
  /** 0 for the built-in default. */
  version: number;
  model: RiskModel;
  createdBy: string | null;
  createdAt: string | null;
  note: string | null;
}

/** The model in force on a platform: its newest stored version, else the built-in default. */
export async function loadActiveModel(db: Queryable, platformId: string): Promise<ActiveRiskModel> {
  const rows = await db.query<{
    version: number;
    model: unknown;
    created_by: string;
    created_at: Date;
    note: string | null;
  }>(
    `SELECT version, model, created_by, created_at, note FROM customer_risk_models
     WHERE platform_id = $1 ORDER BY version DESC LIMIT 1`,
    [platformId],
  );
  const row = rows[0];
  if (row === undefined)
    return { version: 0, model: DEFAULT_RISK_MODEL, createdBy: null, createdAt: null, note: null };
  // A stored model was validated on the way in; one that no longer parses is a broken schema.
  const model = RiskModelSchema.parse(row.model);
  return {
    version: Number(row.version),
    model,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    note: row.note,
  };
}

/** Stores a new model version for a platform; ratings from now on use it. */
export async function saveModel(
  tx: Queryable,
  actor: string,
  platformId: string,
  model: RiskModel,
  note: string | null,
): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`risk_model:${platformId}`]);
  const next = await tx.query<{ version: number }>(
    'SELECT coalesce(max(version), 0) + 1 AS version FROM customer_risk_models WHERE platform_id = $1',
    [platformId],
  );
  const version = Number(next[0]?.version ?? 1);
  assert(version >= 1, 'model versions start at 1');
  await tx.query(
    `INSERT INTO customer_risk_models (platform_id, version, model, note, created_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [platformId, version, JSON.stringify(model), note, actor],
  );
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'risk_model.saved',
      subjectType: 'platform',
      subjectId: platformId,
      payload: { version, name: model.name, thresholds: model.thresholds, note },
      atMs: Date.now(),
    },
  ]);
  return version;
}
