import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { raiseAlerts, type AlertInput } from '../../cases/index.js';
import { newId, type Database } from '../../store/index.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';
import type { ControlOutcome } from '../control-results.js';
import { ensureRegister } from '../register/register-store.js';
import type { RelyingParty } from '../../portal/relying-party.js';
import type { ControlTestContext } from './control-test.js';
import { CONTROL_TESTS } from './control-tests.js';
import { combineOutcomes, failSeverityOf } from './control-outcome.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ControlRunResult {
  id: string;
  controlId: string;
  code: string;
  platformId: string;
  ranAt: string;
  outcome: ControlOutcome;
  evidence: Record<string, unknown>;
}

export interface RunControlsOptions {
  platformId: string;
  /** Control codes to run; all controls when absent. */
  codes?: readonly string[];
  trigger: 'schedule' | 'manual';
  actor: string;
  nowMs?: number;
  /** Days the window reaches back from now (default one). */
  windowDays?: number;
  /** The portal's configured relying party; passkey evidence is re-verified against it. */
  portalRelyingParty?: RelyingParty;
}

export class UnknownControl extends Error {
  override name = 'UnknownControl';
}

/**
 * Runs the automated tests of the platform's controls over the window ending now, keeps one
 * result per control (the combined outcome and every test's evidence), and raises an alert
 * for each control that failed or could not run — all in one transaction with its audit record.
 * The tests themselves read outside it, each on its own, so one failing query never hides the
 * others' results.
 */
export async function runControls(
  db: Database,
  options: RunControlsOptions,
): Promise<ControlRunResult[]> {
  await ensureRegister(db);
  const nowMs = options.nowMs ?? Date.now();
  const windowDays = options.windowDays ?? COMPLIANCE_LIMITS.controlWindowDays;
  const windowStartMs = nowMs - windowDays * DAY_MS;
  const controls = await db.query<{ id: string; code: string; kinds: string[] }>(
    `SELECT c.id, c.code, array_agg(t.kind ORDER BY t.kind) AS kinds
     FROM compliance_controls c JOIN compliance_control_tests t ON t.control_id = c.id
     WHERE $1::text[] IS NULL OR c.code = ANY($1::text[])
     GROUP BY c.id, c.code ORDER BY c.code`,
    [options.codes === undefined ? null : [...options.codes]],
  );
  for (const code of options.codes ?? []) {
    if (!controls.some((c) => c.code === code)) throw new UnknownControl(`no control ${code}`);
  }
  const context: ControlTestContext = {
    db,
    platformId: options.platformId,
    nowMs,
    windowStartMs,
    windowEndMs: nowMs,
    ...(options.portalRelyingParty === undefined
      ? {}
      : { portalRelyingParty: options.portalRelyingParty }),
  };
  const results: ControlRunResult[] = [];
  for (const control of controls) {
    const tests: Record<string, unknown> = {};
    const outcomes: ControlOutcome[] = [];
    for (const kind of control.kinds) {
      const test = CONTROL_TESTS.get(kind);
      try {
        if (test === undefined) throw new Error(`test ${kind} is not known to this build`);
        const result = await test.run(context);
        outcomes.push(result.outcome);
        tests[kind] = { outcome: result.outcome, ...result.evidence };
      } catch (error) {
        outcomes.push('error');
        tests[kind] = {
          outcome: 'error',
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }
    results.push({
      id: newId('ctr', nowMs),
      controlId: control.id,
      code: control.code,
      platformId: options.platformId,
      ranAt: new Date(nowMs).toISOString(),
      outcome: combineOutcomes(outcomes),
      evidence: {
        window: { from: new Date(windowStartMs).toISOString(), to: new Date(nowMs).toISOString() },
        tests,
      },
    });
  }
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO compliance_control_runs
         (id, control_id, platform_id, ran_at, outcome, evidence, trigger, ran_by, window_start, window_end)
       SELECT id, control_id, platform_id, ran_at, outcome, evidence, $2, $3, $4, ran_at
       FROM json_to_recordset($1::json) AS r (id text, control_id text, platform_id text,
         ran_at timestamptz, outcome text, evidence jsonb)`,
      [
        JSON.stringify(
          results.map((r) => ({
            id: r.id,
            control_id: r.controlId,
            platform_id: r.platformId,
            ran_at: r.ranAt,
            outcome: r.outcome,
            evidence: r.evidence,
          })),
        ),
        options.trigger,
        options.actor,
        new Date(windowStartMs).toISOString(),
      ],
    );
    await raiseAlerts(
      tx,
      results.filter((r) => r.outcome !== 'pass').map((r) => alertOf(r, nowMs)),
      {
        nowMs,
      },
    );
    await appendAuditRecords(tx, [
      {
        platformId: options.platformId,
        actor: options.actor,
        action: 'compliance.controls_run',
        subjectType: 'platform',
        subjectId: options.platformId,
        payload: {
          trigger: options.trigger,
          windowDays,
          results: results.map((r) => ({ runId: r.id, code: r.code, outcome: r.outcome })),
        },
        atMs: nowMs,
      },
    ]);
  });
  return results;
}

/** One alert per control, platform and UTC day: later failures that day repeat it. */
function alertOf(result: ControlRunResult, nowMs: number): AlertInput {
  const tests = result.evidence.tests as Record<
    string,
    { outcome: string; violations?: number; sampleIds?: string[] }
  >;
  const failing = Object.entries(tests).filter(([, t]) => t.outcome !== 'pass');
  return {
    alertKey: `compliance:${result.code}:${result.ranAt.slice(0, 10)}`,
    platformId: result.platformId,
    source: 'compliance',
    ruleId: result.code,
    ruleVersion: 1,
    severity: failSeverityOf(result.code, result.outcome),
    customerId: null,
    score: failing.reduce((sum, [, t]) => sum + (t.violations ?? 1), 0),
    atMs: nowMs,
    explanation: {
      summary: `control ${result.code} ${result.outcome === 'fail' ? 'failed' : 'could not run'}: ${failing
        .map(([kind]) => kind)
        .join(', ')}`,
      values: Object.fromEntries(failing.map(([kind, t]) => [kind, t.violations ?? t.outcome])),
      thresholds: { violations: 0 },
      eventIds: [result.id, ...failing.flatMap(([, t]) => t.sampleIds ?? [])].slice(0, 100),
    },
  };
}
