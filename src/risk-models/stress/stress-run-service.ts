import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { failure, success, type Result } from '../../custody/errors.js';
import { newId, type Database, type Queryable } from '../../store/index.js';
import { bookCurrencies, liquidityPosition } from '../books-position.js';
import { RISK_MODEL_LIMITS } from '../risk-model-limits.js';
import { runLiquidityStress } from './liquidity-stress.js';
import { liquidityResultJson, type LiquidityResultJson } from './stress-result-json.js';
import { findStressScenario } from './stress-store.js';
import type { StressScenario } from './stress-types.js';

export interface StressRun {
  id: string;
  platformId: string;
  scenarioRef: string;
  scenarioVersion: number;
  scenario: StressScenario;
  asOf: string;
  survives: boolean;
  results: LiquidityResultJson[];
  createdBy: string;
  createdAt: string;
}

export type StressRunSummary = Omit<StressRun, 'results' | 'scenario'> & {
  scenarioName: string;
  currencies: { currency: string; survivalDays: number | null; maxShortfallMinor: string }[];
};

/**
 * Runs a scenario against the books of the day, for one currency or every currency the
 * platform keeps, and stores the run with the scenario as it was.
 */
export async function runStressScenario(
  db: Database,
  platformId: string,
  scenarioId: string,
  options: { asOf: string; currency?: string },
  actor: string,
): Promise<Result<StressRun>> {
  const found = await findStressScenario(db, platformId, scenarioId);
  if (found === null) return failure('not_found', `scenario ${scenarioId} not found`);
  const {
    id: _id,
    builtIn: _builtIn,
    version,
    createdBy: _by,
    updatedAt: _at,
    ...scenario
  } = found;
  const currencies =
    options.currency === undefined ? await bookCurrencies(db, platformId) : [options.currency];
  if (currencies.length === 0) return failure('invalid_state', 'the platform keeps no books yet');
  const results: LiquidityResultJson[] = [];
  for (const currency of currencies) {
    const position = await liquidityPosition(
      db,
      platformId,
      currency,
      options.asOf,
      scenario.horizonDays,
    );
    if (!position.ok) return position;
    results.push(liquidityResultJson(runLiquidityStress(scenario, position.value)));
  }
  const run: StressRun = {
    id: newId('str'),
    platformId,
    scenarioRef: scenarioId,
    scenarioVersion: version,
    scenario,
    asOf: options.asOf,
    survives: results.every((r) => r.survivalDays === null),
    results,
    createdBy: actor,
    createdAt: new Date().toISOString(),
  };
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO stress_runs (id, platform_id, scenario_ref, scenario_version, scenario, as_of,
         results, survives, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        run.id,
        platformId,
        scenarioId,
        version,
        JSON.stringify(scenario),
        run.asOf,
        JSON.stringify(results),
        run.survives,
        actor,
        run.createdAt,
      ],
    );
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'stress.run',
        subjectType: 'stress_run',
        subjectId: run.id,
        payload: {
          scenario: scenarioId,
          asOf: run.asOf,
          survives: run.survives,
          currencies: results.map((r) => ({
            currency: r.currency,
            survivalDays: r.survivalDays,
            maxShortfallMinor: r.maxShortfallMinor,
          })),
        },
        atMs: Date.parse(run.createdAt),
      },
    ]);
  });
  return success(run);
}

function runOf(row: Record<string, unknown>): StressRun {
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    scenarioRef: String(row.scenario_ref),
    scenarioVersion: Number(row.scenario_version ?? 1),
    scenario: row.scenario as StressScenario,
    asOf: String(row.as_of),
    survives: row.survives === true,
    results: row.results as LiquidityResultJson[],
    createdBy: String(row.created_by),
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

const RUN_COLUMNS = `id, platform_id, scenario_ref, scenario_version, scenario,
  to_char(as_of, 'YYYY-MM-DD') AS as_of, results, survives, created_by, created_at`;

export async function listStressRuns(
  db: Queryable,
  platformId: string,
): Promise<StressRunSummary[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${RUN_COLUMNS} FROM stress_runs WHERE platform_id = $1 ORDER BY id DESC LIMIT $2`,
    [platformId, RISK_MODEL_LIMITS.runsListMax],
  );
  return rows.map((row) => {
    const { results, scenario, ...rest } = runOf(row);
    return {
      ...rest,
      scenarioName: scenario.name,
      currencies: results.map((r) => ({
        currency: r.currency,
        survivalDays: r.survivalDays,
        maxShortfallMinor: r.maxShortfallMinor,
      })),
    };
  });
}

export async function findStressRun(
  db: Queryable,
  platformId: string,
  runId: string,
): Promise<StressRun | null> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${RUN_COLUMNS} FROM stress_runs WHERE platform_id = $1 AND id = $2`,
    [platformId, runId],
  );
  return rows[0] === undefined ? null : runOf(rows[0]);
}
