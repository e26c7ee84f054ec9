import type { AlertInput } from '../cases/alert-input.js';
import { raiseAlerts } from '../cases/raise-alerts.js';
import { measureRiskRegisterKris } from '../risk-register/index.js';
import { measureComplaintKris } from '../complaints/complaint-statistics-store.js';
import type { Database, Queryable } from '../store/index.js';
import { pendingThresholdChanges, platformThresholds } from './kri-thresholds.js';
import {
  isWorsening,
  KRI_DEFINITIONS,
  kriStatus,
  type KriDefinition,
  type KriStatus,
} from './kri-definitions.js';

export const KRI_HISTORY_MAX = 500;
/** Readings younger than this are all kept; older ones are thinned to one per KRI and UTC day. */
export const KRI_FULL_RESOLUTION_DAYS = 30;
/** Readings one read thins at most (a backlog is worked off over the following reads). */
export const KRI_THIN_ROWS_MAX = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface KriReading {
  kriId: string;
  value: number;
  status: KriStatus;
  detail: Record<string, unknown>;
  readAtMs: number;
}

/** Measures every KRI of a platform from the books, per currency the worst of them. */
async function measure(
  db: Queryable,
  platformId: string,
  nowMs: number,
): Promise<Map<string, { value: number; detail: Record<string, unknown> }>> {
  const since = new Date(nowMs - DAY_MS);
  const balances = await db.query<{
    currency: string;
    liabilities: string;
    reserve: string;
    largest: string;
  }>(
    `SELECT currency,
       COALESCE(sum(credits_posted - debits_posted) FILTER (WHERE type = 'customer'), 0) AS liabilities,
       COALESCE(sum(credits_posted - debits_posted) FILTER (WHERE type = 'reserve'), 0) AS reserve,
       COALESCE(max(credits_posted - debits_posted) FILTER (WHERE type = 'customer'), 0) AS largest
     FROM accounts WHERE platform_id = $1 GROUP BY currency`,
    [platformId],
  );
  const flows = await db.query<{ currency: string; outflow: string; inflow: string }>(
    `SELECT i.currency,
       COALESCE(sum(i.amount_minor) FILTER (WHERE i.type = 'withdrawal'), 0) AS outflow,
       COALESCE(sum(i.amount_minor) FILTER (WHERE i.type = 'deposit'), 0) AS inflow
     FROM instructions i WHERE i.platform_id = $1 AND i.status = 'posted' AND i.updated_at >= $2
     GROUP BY i.currency`,
    [platformId, since],
  );
  const counts = await db.query<{
    attempts: string;
    breaks: string;
    open_cases: string;
    breached: string;
  }>(
    `SELECT
       (SELECT count(*) FROM security_events WHERE platform_id = $1
          AND kind = 'unauthorized_debit_attempt' AND at >= $2) AS attempts,
       (SELECT count(*) FROM breaks WHERE platform_id = $1 AND state <> 'resolved') AS breaks,
       (SELECT count(*) FROM cases WHERE platform_id = $1 AND state <> 'closed') AS open_cases,
       (SELECT count(*) FROM cases WHERE platform_id = $1 AND state <> 'closed'
          AND sla_breached_at IS NOT NULL) AS breached`,
    [platformId, since],
  );
  const result = new Map<string, { value: number; detail: Record<string, unknown> }>();
  const worst = (
    id: string,
    value: number,
    detail: Record<string, unknown>,
    lowerIsWorse = false,
  ) => {
    const current = result.get(id);
    if (current === undefined || (lowerIsWorse ? value < current.value : value > current.value))
      result.set(id, { value, detail });
  };
  const flowsByCurrency = new Map(flows.map((f) => [f.currency, f]));
  for (const row of balances) {
    const liabilities = Number(row.liabilities);
    if (liabilities <= 0) continue;
    const flow = flowsByCurrency.get(row.currency);
    const net = flow === undefined ? 0 : Number(flow.outflow) - Number(flow.inflow);
    worst('net_outflow_24h', Math.max(net, 0) / liabilities, {
      currency: row.currency,
      netOutflowMinor: String(Math.max(net, 0)),
      liabilitiesMinor: row.liabilities,
    });
    worst(
      'reserve_coverage',
      Number(row.reserve) / liabilities,
      { currency: row.currency, reserveMinor: row.reserve, liabilitiesMinor: row.liabilities },
      true,
    );
    worst('concentration', Number(row.largest) / liabilities, {
      currency: row.currency,
      largestMinor: row.largest,
      liabilitiesMinor: row.liabilities,
    });
  }
  const count = counts[0];
  result.set('unauthorized_debit_attempts_24h', {
    value: Number(count?.attempts ?? 0),
    detail: {},
  });
  result.set('open_recon_breaks', { value: Number(count?.breaks ?? 0), detail: {} });
  result.set('alert_backlog', { value: Number(count?.open_cases ?? 0), detail: {} });
  result.set('sla_breaches', { value: Number(count?.breached ?? 0), detail: {} });
  for (const [id, reading] of await measureRiskRegisterKris(db, platformId, nowMs))
    result.set(id, reading);
  for (const [id, reading] of await measureComplaintKris(db, platformId, nowMs))
    result.set(id, reading);
  return result;
}

/**
 * Reads every KRI of a platform, stores the readings, and raises a KRI alert for each light
 * that turned worse since the previous reading (amber → high severity, red → critical).
 */
export async function readKris(
  db: Database,
  platformId: string,
  nowMs: number,
): Promise<KriReading[]> {
  const measured = await measure(db, platformId, nowMs);
  const thresholds = await platformThresholds(db, platformId);
  return db.transaction(async (tx) => {
    const previous = await tx.query<{ kri_id: string; status: KriStatus }>(
      `SELECT DISTINCT ON (kri_id) kri_id, status FROM kri_readings WHERE platform_id = $1
       ORDER BY kri_id, read_at DESC, id DESC`,
      [platformId],
    );
    const before = new Map(previous.map((p) => [p.kri_id, p.status]));
    const readings: KriReading[] = [];
    const alerts: AlertInput[] = [];
    for (const definition of KRI_DEFINITIONS) {
      const value = measured.get(definition.id);
      if (value === undefined) continue;
      const limits = thresholds.get(definition.id) ?? definition;
      const status = kriStatus(definition, limits, value.value);
      readings.push({
        kriId: definition.id,
        value: value.value,
        status,
        detail: value.detail,
        readAtMs: nowMs,
      });
      const was = before.get(definition.id) ?? null;
      if (isWorsening(was, status))
        alerts.push(kriAlert(platformId, definition, limits, value, status, was, nowMs));
    }
    await tx.query(
      `INSERT INTO kri_readings (platform_id, kri_id, value, status, detail, read_at)
       SELECT $1, k, v, s, d, $2 FROM unnest($3::text[], $4::float8[], $5::text[], $6::jsonb[]) AS r(k, v, s, d)`,
      [
        platformId,
        new Date(nowMs),
        readings.map((r) => r.kriId),
        readings.map((r) => r.value),
        readings.map((r) => r.status),
        readings.map((r) => JSON.stringify(r.detail)),
      ],
    );
    if (alerts.length > 0) await raiseAlerts(tx, alerts, { nowMs });
    await thinReadings(tx, platformId, nowMs);
    return readings;
  });
}

/**
 * Keeps the readings table bounded: a reading every few minutes is kept for
 * KRI_FULL_RESOLUTION_DAYS, after that the last reading of each KRI and UTC day, which the
 * trend charts and the daily figures need. Transitions live on as KRI alerts and their cases.
 */
async function thinReadings(tx: Queryable, platformId: string, nowMs: number): Promise<void> {
  await tx.query(
    `DELETE FROM kri_readings WHERE id IN (
       SELECT id FROM (
         SELECT id, row_number() OVER (
           PARTITION BY kri_id, (read_at AT TIME ZONE 'UTC')::date ORDER BY read_at DESC, id DESC
         ) AS n
         FROM kri_readings WHERE platform_id = $1 AND read_at < $2
       ) r WHERE n > 1 LIMIT $3)`,
    [platformId, new Date(nowMs - KRI_FULL_RESOLUTION_DAYS * DAY_MS), KRI_THIN_ROWS_MAX],
  );
}

function kriAlert(
  platformId: string,
  definition: KriDefinition,
  limits: { amberAt: number; redAt: number },
  value: { value: number; detail: Record<string, unknown> },
  status: KriStatus,
  was: KriStatus | null,
  nowMs: number,
): AlertInput {
  return {
    alertKey: `kri:${definition.id}:${status}:${Math.floor(nowMs / DAY_MS)}`,
    platformId,
    source: 'kri',
    ruleId: `kri.${definition.id}`,
    ruleVersion: 1,
    severity: status === 'red' ? 'critical' : 'high',
    customerId: null,
    score: status === 'red' ? 1 : 0.5,
    atMs: nowMs,
    explanation: {
      summary: `${definition.title} turned ${status} (was ${was ?? 'unread'}): ${formatValue(definition, value.value)}`,
      values: { value: value.value, ...value.detail },
      thresholds: { amberAt: limits.amberAt, redAt: limits.redAt, worse: definition.worse },
      eventIds: [],
    },
  };
}

function formatValue(definition: KriDefinition, value: number): string {
  return definition.unit === 'ratio' ? `${(value * 100).toFixed(2)} %` : String(value);
}

/** The latest reading of each KRI and a bounded history for trend charts. */
export async function kriHistory(db: Queryable, platformId: string, limitPerKri = 50) {
  const thresholds = await platformThresholds(db, platformId);
  const pending = await pendingThresholdChanges(db, platformId);
  const rows = await db.query<{
    kri_id: string;
    value: number;
    status: KriStatus;
    detail: Record<string, unknown>;
    read_at: Date;
  }>(
    `SELECT kri_id, value, status, detail, read_at FROM (
       SELECT kri_id, value, status, detail, read_at,
         row_number() OVER (PARTITION BY kri_id ORDER BY read_at DESC, id DESC) AS n
       FROM kri_readings WHERE platform_id = $1) r
     WHERE n <= $2 ORDER BY kri_id, read_at`,
    [platformId, Math.min(limitPerKri, KRI_HISTORY_MAX)],
  );
  return KRI_DEFINITIONS.map((definition) => {
    const points = rows.filter((r) => r.kri_id === definition.id);
    const latest = points.at(-1);
    return {
      ...definition,
      // The platform's own thresholds, the ones its lights are computed with now.
      ...thresholds.get(definition.id),
      defaults: { amberAt: definition.amberAt, redAt: definition.redAt },
      custom: thresholds.has(definition.id),
      pendingChange: pending.get(definition.id) ?? null,
      latest:
        latest === undefined
          ? null
          : {
              value: Number(latest.value),
              status: latest.status,
              detail: latest.detail,
              readAt: new Date(latest.read_at).toISOString(),
            },
      history: points.map((p) => ({
        value: Number(p.value),
        status: p.status,
        readAt: new Date(p.read_at).toISOString(),
      })),
    };
  });
}
