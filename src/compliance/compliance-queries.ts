import type { Queryable } from '../store/index.js';
import { COMPLIANCE_LIMITS } from './compliance-limits.js';
import {
  latestControlResults,
  type ControlOutcome,
  type LatestControlResult,
} from './control-results.js';

export interface ControlView {
  id: string;
  code: string;
  title: string;
  description: string;
  ownerId: string | null;
  frequency: string;
  tests: string[];
  obligationIds: string[];
  latest: LatestControlResult | null;
}

export interface ObligationView {
  id: string;
  jurisdiction: string;
  source: string;
  article: string;
  title: string;
  summary: string;
  inForceFrom: string | null;
  controls: ControlView[];
}

export async function listControls(db: Queryable, platformId: string): Promise<ControlView[]> {
  const rows = await db.query<{
    id: string;
    code: string;
    title: string;
    description: string;
    owner_id: string | null;
    frequency: string;
    tests: string[] | null;
    obligation_ids: string[] | null;
  }>(
    `SELECT c.id, c.code, c.title, c.description, c.owner_id, c.frequency,
       ARRAY(SELECT t.kind FROM compliance_control_tests t WHERE t.control_id = c.id ORDER BY t.kind) AS tests,
       ARRAY(SELECT l.obligation_id FROM compliance_obligation_controls l
             WHERE l.control_id = c.id ORDER BY l.obligation_id) AS obligation_ids
     FROM compliance_controls c ORDER BY c.code LIMIT ${COMPLIANCE_LIMITS.controlIdsPerLookupMax}`,
  );
  const latest = await latestControlResults(
    db,
    platformId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    description: r.description,
    ownerId: r.owner_id,
    frequency: r.frequency,
    tests: r.tests ?? [],
    obligationIds: r.obligation_ids ?? [],
    latest: latest.get(r.id) ?? null,
  }));
}

export async function listObligations(
  db: Queryable,
  platformId: string,
): Promise<ObligationView[]> {
  const controls = await listControls(db, platformId);
  const byId = new Map(controls.map((c) => [c.id, c]));
  const rows = await db.query<{
    id: string;
    jurisdiction: string;
    source: string;
    article: string;
    title: string;
    summary: string;
    in_force_from: string | null;
    control_ids: string[] | null;
  }>(
    `SELECT o.id, o.jurisdiction, o.source, o.article, o.title, o.summary,
       to_char(o.in_force_from, 'YYYY-MM-DD') AS in_force_from,
       ARRAY(SELECT l.control_id FROM compliance_obligation_controls l
             WHERE l.obligation_id = o.id ORDER BY l.control_id) AS control_ids
     FROM compliance_obligations o ORDER BY o.jurisdiction, o.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    jurisdiction: r.jurisdiction,
    source: r.source,
    article: r.article,
    title: r.title,
    summary: r.summary,
    inForceFrom: r.in_force_from,
    controls: (r.control_ids ?? []).flatMap((id) => byId.get(id) ?? []),
  }));
}

export interface ControlRunView {
  id: string;
  ranAt: string;
  outcome: ControlOutcome;
  trigger: string;
  ranBy: string;
  evidence: Record<string, unknown>;
}

export interface DailyPassRate {
  day: string;
  runs: number;
  passed: number;
  failed: number;
  errored: number;
}

export async function controlHistory(
  db: Queryable,
  platformId: string,
  controlId: string,
  options: { limit: number; days: number; nowMs?: number },
): Promise<{ runs: ControlRunView[]; daily: DailyPassRate[] }> {
  const nowMs = options.nowMs ?? Date.now();
  const runs = await db.query<{
    id: string;
    ran_at: Date;
    outcome: ControlOutcome;
    trigger: string;
    ran_by: string;
    evidence: Record<string, unknown>;
  }>(
    `SELECT id, ran_at, outcome, trigger, ran_by, evidence FROM compliance_control_runs
     WHERE platform_id = $1 AND control_id = $2 ORDER BY ran_at DESC, id DESC LIMIT $3`,
    [platformId, controlId, Math.min(options.limit, COMPLIANCE_LIMITS.historyRunsMax)],
  );
  const daily = await db.query<{
    day: string;
    runs: string;
    passed: string;
    failed: string;
    errored: string;
  }>(
    `SELECT to_char(ran_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS runs,
       count(*) FILTER (WHERE outcome = 'pass') AS passed,
       count(*) FILTER (WHERE outcome = 'fail') AS failed,
       count(*) FILTER (WHERE outcome = 'error') AS errored
     FROM compliance_control_runs
     WHERE platform_id = $1 AND control_id = $2 AND ran_at >= $3::timestamptz
     GROUP BY 1 ORDER BY 1`,
    [
      platformId,
      controlId,
      new Date(
        nowMs - Math.min(options.days, COMPLIANCE_LIMITS.historyDaysMax) * 86_400_000,
      ).toISOString(),
    ],
  );
  return {
    runs: runs.map((r) => ({
      id: r.id,
      ranAt: new Date(r.ran_at).toISOString(),
      outcome: r.outcome,
      trigger: r.trigger,
      ranBy: r.ran_by,
      evidence: r.evidence,
    })),
    daily: daily.map((d) => ({
      day: d.day,
      runs: Number(d.runs),
      passed: Number(d.passed),
      failed: Number(d.failed),
      errored: Number(d.errored),
    })),
  };
}

export async function controlByCode(
  db: Queryable,
  code: string,
): Promise<{ id: string; code: string } | null> {
  const rows = await db.query<{ id: string; code: string }>(
    'SELECT id, code FROM compliance_controls WHERE code = $1',
    [code],
  );
  return rows[0] ?? null;
}
