import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { failure, success, type Result } from '../../custody/errors.js';
import {
  newId,
  SQL_UNIQUE_VIOLATION,
  sqlErrorCode,
  type Database,
  type Queryable,
} from '../../store/index.js';
import { RISK_MODEL_LIMITS } from '../risk-model-limits.js';
import { BUILTIN_SCENARIOS } from './builtin-scenarios.js';
import { StressScenarioSchema } from './stress-scenario-schema.js';
import type { StressScenario } from './stress-types.js';

export interface StressScenarioView extends StressScenario {
  id: string;
  builtIn: boolean;
  version: number;
  createdBy: string | null;
  updatedAt: string | null;
}

function view(row: Record<string, unknown>): StressScenarioView {
  const definition = StressScenarioSchema.parse(row.definition);
  return {
    ...definition,
    id: String(row.id),
    builtIn: false,
    version: Number(row.version),
    createdBy: String(row.created_by),
    updatedAt: new Date(row.updated_at as string).toISOString(),
  };
}

function builtInViews(): StressScenarioView[] {
  return [...BUILTIN_SCENARIOS].map(([id, scenario]) => ({
    ...scenario,
    id,
    builtIn: true,
    version: 1,
    createdBy: null,
    updatedAt: null,
  }));
}

/** Built-in scenarios first, then the platform's saved ones by name. */
export async function listStressScenarios(
  db: Queryable,
  platformId: string,
): Promise<StressScenarioView[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, definition, version, created_by, updated_at FROM stress_scenarios
     WHERE platform_id = $1 ORDER BY name LIMIT $2`,
    [platformId, RISK_MODEL_LIMITS.stressScenariosMax],
  );
  return [...builtInViews(), ...rows.map(view)];
}

export async function findStressScenario(
  db: Queryable,
  platformId: string,
  scenarioId: string,
): Promise<StressScenarioView | null> {
  const builtIn = builtInViews().find((s) => s.id === scenarioId);
  if (builtIn !== undefined) return builtIn;
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, definition, version, created_by, updated_at FROM stress_scenarios
     WHERE platform_id = $1 AND id = $2`,
    [platformId, scenarioId],
  );
  return rows[0] === undefined ? null : view(rows[0]);
}

async function audit(
  tx: Queryable,
  platformId: string,
  actor: string,
  action: string,
  id: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action,
      subjectType: 'stress_scenario',
      subjectId: id,
      payload,
      atMs: Date.now(),
    },
  ]);
}

/** Saves a new scenario, or (with an id) a new version of a saved one. Names are unique. */
export async function saveStressScenario(
  db: Database,
  platformId: string,
  scenario: StressScenario,
  actor: string,
  scenarioId?: string,
): Promise<Result<StressScenarioView>> {
  const definition = StressScenarioSchema.parse(scenario);
  if (scenarioId?.startsWith('builtin:') === true) {
    return failure('invalid_state', 'built-in scenarios cannot be changed; save a copy');
  }
  const id = scenarioId ?? newId('sts');
  try {
    const outcome = await db.transaction(async (tx) => {
      if (scenarioId === undefined) {
        const count = await tx.query<{ n: string }>(
          'SELECT count(*) AS n FROM stress_scenarios WHERE platform_id = $1',
          [platformId],
        );
        if (Number(count[0]?.n ?? 0) >= RISK_MODEL_LIMITS.stressScenariosMax) return 'full';
        await tx.query(
          `INSERT INTO stress_scenarios (id, platform_id, name, definition, created_by)
           VALUES ($1, $2, $3, $4, $5)`,
          [id, platformId, definition.name, JSON.stringify(definition), actor],
        );
      } else {
        const updated = await tx.query(
          `UPDATE stress_scenarios SET name = $3, definition = $4, version = version + 1,
             updated_at = now() WHERE platform_id = $1 AND id = $2 RETURNING id`,
          [platformId, id, definition.name, JSON.stringify(definition)],
        );
        if (updated.length === 0) return 'missing';
      }
      await audit(
        tx,
        platformId,
        actor,
        scenarioId === undefined ? 'stress_scenario.create' : 'stress_scenario.update',
        id,
        {
          definition,
        },
      );
      return 'saved';
    });
    if (outcome === 'full') {
      return failure(
        'validation_failed',
        `at most ${RISK_MODEL_LIMITS.stressScenariosMax} scenarios`,
      );
    }
    if (outcome === 'missing') return failure('not_found', `scenario ${id} not found`);
  } catch (error) {
    if (sqlErrorCode(error) === SQL_UNIQUE_VIOLATION) {
      return failure('duplicate', `a scenario named ${definition.name} exists`);
    }
    throw error;
  }
  const saved = await findStressScenario(db, platformId, id);
  return saved === null ? failure('not_found', `scenario ${id} not found`) : success(saved);
}

export async function deleteStressScenario(
  db: Database,
  platformId: string,
  scenarioId: string,
  actor: string,
): Promise<Result<{ id: string }>> {
  if (scenarioId.startsWith('builtin:')) {
    return failure('invalid_state', 'built-in scenarios cannot be deleted');
  }
  const deleted = await db.transaction(async (tx) => {
    const rows = await tx.query<{ name: string }>(
      'DELETE FROM stress_scenarios WHERE platform_id = $1 AND id = $2 RETURNING name',
      [platformId, scenarioId],
    );
    if (rows.length === 0) return false;
    await audit(tx, platformId, actor, 'stress_scenario.delete', scenarioId, {
      name: rows[0]?.name,
    });
    return true;
  });
  return deleted
    ? success({ id: scenarioId })
    : failure('not_found', `scenario ${scenarioId} not found`);
}
