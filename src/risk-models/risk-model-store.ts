import { appendAuditRecords } from '../audit/audit-record-store.js';
import { failure, success, type Result } from '../custody/errors.js';
import type { Database, Queryable } from '../store/index.js';
import { fitRiskModel, type FitOutcome, type SeverityChoice } from './fit-risk-model.js';
import { ModelParametersSchema } from './risk-model-schema.js';
import type { RiskRegisterPort } from './risk-register-port.js';
import type { ModelSource, RiskModel } from './risk-model-types.js';

export type ModelParameters = Omit<RiskModel, 'riskId'>;

export interface RiskModelView {
  riskId: string;
  riskCode: string | null;
  riskTitle: string | null;
  currency: string;
  expert: ModelParameters | null;
  model: ModelParameters;
  frequencySource: ModelSource;
  severitySource: ModelSource;
  fitReport: Record<string, unknown> | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

const COLUMNS = `p.risk_id, r.code AS risk_code, r.title AS risk_title, p.currency,
  p.expert_model, p.model, p.frequency_source, p.severity_source, p.fit_report, p.version,
  p.updated_by, p.updated_at`;

function view(row: Record<string, unknown>): RiskModelView {
  return {
    riskId: String(row.risk_id),
    riskCode: row.risk_code === null ? null : String(row.risk_code),
    riskTitle: row.risk_title === null ? null : String(row.risk_title),
    currency: String(row.currency),
    expert: (row.expert_model as ModelParameters | null) ?? null,
    model: row.model as ModelParameters,
    frequencySource: row.frequency_source as ModelSource,
    severitySource: row.severity_source as ModelSource,
    fitReport: (row.fit_report as Record<string, unknown> | null) ?? null,
    version: Number(row.version),
    updatedBy: String(row.updated_by),
    updatedAt: new Date(row.updated_at as string).toISOString(),
  };
}

export async function listRiskModels(
  db: Queryable,
  platformId: string,
  currency?: string,
): Promise<RiskModelView[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM risk_model_params p LEFT JOIN risks r ON r.id = p.risk_id
     WHERE p.platform_id = $1 AND ($2::text IS NULL OR p.currency = $2)
     ORDER BY r.code NULLS LAST, p.risk_id`,
    [platformId, currency ?? null],
  );
  return rows.map(view);
}

export async function findRiskModel(
  db: Queryable,
  platformId: string,
  riskId: string,
  lock = false,
): Promise<RiskModelView | null> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM risk_model_params p LEFT JOIN risks r ON r.id = p.risk_id
     WHERE p.platform_id = $1 AND p.risk_id = $2 ${lock ? 'FOR UPDATE OF p' : ''}`,
    [platformId, riskId],
  );
  return rows[0] === undefined ? null : view(rows[0]);
}

interface ModelWrite {
  currency: string;
  expert: ModelParameters | null;
  model: ModelParameters;
  frequencySource: ModelSource;
  severitySource: ModelSource;
  fitReport: Record<string, unknown> | null;
}

async function writeModel(
  tx: Queryable,
  platformId: string,
  riskId: string,
  write: ModelWrite,
  actor: string,
  action: string,
): Promise<number> {
  const rows = await tx.query<{ version: number }>(
    `INSERT INTO risk_model_params (platform_id, risk_id, currency, expert_model, model,
       frequency_source, severity_source, fit_report, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (platform_id, risk_id) DO UPDATE SET currency = EXCLUDED.currency,
       expert_model = EXCLUDED.expert_model, model = EXCLUDED.model,
       frequency_source = EXCLUDED.frequency_source, severity_source = EXCLUDED.severity_source,
       fit_report = EXCLUDED.fit_report, updated_by = EXCLUDED.updated_by, updated_at = now(),
       version = risk_model_params.version + 1
     RETURNING version`,
    [
      platformId,
      riskId,
      write.currency,
      write.expert === null ? null : JSON.stringify(write.expert),
      JSON.stringify(write.model),
      write.frequencySource,
      write.severitySource,
      write.fitReport === null ? null : JSON.stringify(write.fitReport),
      actor,
    ],
  );
  const version = Number(rows[0]?.version ?? 0);
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action,
      subjectType: 'risk_model',
      subjectId: riskId,
      payload: {
        version,
        currency: write.currency,
        model: write.model,
        frequencySource: write.frequencySource,
        severitySource: write.severitySource,
      },
      atMs: Date.now(),
    },
  ]);
  return version;
}

/**
 * Sets a risk's expert parameters. Parts that were fitted stay fitted; the others take the
 * new expert values at once.
 */
export async function setExpertModel(
  db: Database,
  register: RiskRegisterPort,
  platformId: string,
  riskId: string,
  input: { currency: string; parameters: ModelParameters },
  actor: string,
): Promise<Result<RiskModelView>> {
  if ((await register.findRisk(db, platformId, riskId)) === null) {
    return failure('not_found', `risk ${riskId} not found`);
  }
  await db.transaction(async (tx) => {
    const current = await findRiskModel(tx, platformId, riskId, true);
    const keepFit = current !== null && current.currency === input.currency;
    const frequencyFitted = keepFit && current.frequencySource === 'fitted';
    const severityFitted = keepFit && current.severitySource === 'fitted';
    const model: ModelParameters = {
      frequency: frequencyFitted ? current.model.frequency : input.parameters.frequency,
      severity: severityFitted ? current.model.severity : input.parameters.severity,
      perEventCapMinor: input.parameters.perEventCapMinor,
    };
    await writeModel(
      tx,
      platformId,
      riskId,
      {
        currency: input.currency,
        expert: input.parameters,
        model,
        frequencySource: frequencyFitted ? 'fitted' : 'expert',
        severitySource: severityFitted ? 'fitted' : 'expert',
        fitReport: keepFit ? current.fitReport : null,
      },
      actor,
      'risk_model.set',
    );
  });
  const stored = await findRiskModel(db, platformId, riskId);
  return stored === null ? failure('not_found', `risk ${riskId} not found`) : success(stored);
}

export interface FitOptions {
  currency: string;
  observedFrom: string;
  observedTo: string;
  severity: SeverityChoice;
  thresholdMinor: number | null;
  /** Only report what the fit would give; store nothing. */
  dryRun: boolean;
}

function fitReportOf(outcome: FitOutcome, options: FitOptions): Record<string, unknown> {
  return {
    observedFrom: options.observedFrom,
    observedTo: options.observedTo,
    eventsUsed: outcome.eventsUsed,
    eventsLeftOut: outcome.eventsLeftOut,
    notes: outcome.notes,
    frequency: outcome.frequencyFit,
    severity: outcome.severityFits,
  };
}

/** Fits a risk's model from its loss events, keeping expert parameters where data are few. */
export async function fitAndStoreModel(
  db: Database,
  register: RiskRegisterPort,
  platformId: string,
  riskId: string,
  options: FitOptions,
  actor: string,
): Promise<Result<{ outcome: FitOutcome; report: Record<string, unknown>; stored: boolean }>> {
  if ((await register.findRisk(db, platformId, riskId)) === null) {
    return failure('not_found', `risk ${riskId} not found`);
  }
  const events = await register.lossEvents(db, platformId, riskId);
  return db.transaction(async (tx) => {
    // Read and lock the current row in the transaction that writes, so a concurrent change of
    // the expert parameters is neither lost nor overwritten with a stale copy.
    const current = await findRiskModel(tx, platformId, riskId, true);
    const expert =
      current?.expert === null || current === null || current.currency !== options.currency
        ? null
        : { riskId, ...current.expert };
    const fitted = fitRiskModel({ riskId, events, expert, ...options });
    if (!fitted.ok) return fitted;
    const outcome = fitted.value;
    const report = fitReportOf(outcome, options);
    const { riskId: _riskId, ...model } = outcome.model;
    // A fit can leave the bounds every stored model must keep (say α < 0.5, an infinite
    // mean): refuse it, dry run or not, rather than store what later reads cannot serve.
    const bounds = ModelParametersSchema.safeParse(model);
    if (!bounds.success) {
      return failure(
        'validation_failed',
        `the fitted model is outside the model bounds: ${bounds.error.issues
          .map((issue) => `${issue.path.join('.')} ${issue.message}`)
          .join('; ')}`,
        { model, notes: outcome.notes },
      );
    }
    if (options.dryRun) return success({ outcome, report, stored: false });
    await writeModel(
      tx,
      platformId,
      riskId,
      {
        currency: options.currency,
        expert: expert === null ? null : (current?.expert ?? null),
        model,
        frequencySource: outcome.frequencySource,
        severitySource: outcome.severitySource,
        fitReport: report,
      },
      actor,
      'risk_model.fit',
    );
    return success({ outcome, report, stored: true });
  });
}
