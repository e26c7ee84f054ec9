import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import type { AlertPlan } from './alert-plan.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Writes a plan: new cases, updated cases and alert rows, one statement per table. */
export async function writeAlertPlan(tx: Queryable, plan: AlertPlan, nowMs: number): Promise<void> {
  if (plan.newCases.length > 0) {
    const inserted = await tx.query(
      `INSERT INTO cases (id, platform_id, group_key, customer_id, queue, state, severity, priority,
         alert_count, opened_at, sla_started_at, sla_warn_at, sla_due_at, updated_at)
       SELECT r.id, r.platform_id, r.group_key, r.customer_id, r.queue, 'open', r.severity,
         r.priority, r.alert_count, $2, r.started, r.warn, r.due, $2
       FROM json_to_recordset($1::json) AS r(id text, platform_id text, group_key text,
         customer_id text, queue text, severity text, priority smallint, alert_count integer,
         started timestamptz, warn timestamptz, due timestamptz)
       RETURNING id`,
      [
        JSON.stringify(
          plan.newCases.map((c) => ({
            id: c.id,
            platform_id: c.platformId,
            group_key: c.groupKey,
            customer_id: c.customerId,
            queue: c.queue,
            severity: c.severity,
            priority: c.priority,
            alert_count: c.alertCount,
            started: iso(c.sla.startedAtMs),
            warn: iso(c.sla.warnAtMs),
            due: iso(c.sla.dueAtMs),
          })),
        ),
        iso(nowMs),
      ],
    );
    assert(inserted.length === plan.newCases.length, 'every planned case is opened');
  }
  if (plan.caseUpdates.length > 0) {
    const updated = await tx.query(
      `UPDATE cases c SET alert_count = c.alert_count + r.added, severity = r.severity,
         priority = r.priority, sla_started_at = r.started, sla_warn_at = r.warn,
         sla_due_at = r.due, updated_at = $2
       FROM json_to_recordset($1::json) AS r(id text, added integer, severity text,
         priority smallint, started timestamptz, warn timestamptz, due timestamptz)
       WHERE c.id = r.id AND c.state <> 'closed'
       RETURNING c.id`,
      [
        JSON.stringify(
          plan.caseUpdates.map((u) => ({
            id: u.id,
            added: u.alertsAdded,
            severity: u.severity,
            priority: u.priority,
            started: iso(u.sla.startedAtMs),
            warn: iso(u.sla.warnAtMs),
            due: iso(u.sla.dueAtMs),
          })),
        ),
        iso(nowMs),
      ],
    );
    assert(updated.length === plan.caseUpdates.length, 'every locked open case is updated');
  }
  await upsertAlerts(tx, plan);
}

async function upsertAlerts(tx: Queryable, plan: AlertPlan): Promise<void> {
  if (plan.alertRows.length === 0) return;
  const rows = plan.alertRows.map((r) => ({
    id: r.id,
    platform_id: r.input.platformId,
    alert_key: r.input.alertKey,
    source: r.input.source,
    rule_id: r.input.ruleId,
    rule_version: r.input.ruleVersion,
    severity: r.input.severity,
    customer_id: r.input.customerId,
    score: r.input.score,
    explanation: r.explanationJson,
    case_id: r.caseId,
    occurrences: r.occurrences,
    first_seen: iso(r.firstSeenAtMs),
    last_seen: iso(r.lastSeenAtMs),
  }));
  const written = await tx.query(
    `INSERT INTO alerts (id, platform_id, alert_key, source, rule_id, rule_version, severity,
       customer_id, score, explanation, case_id, occurrences, first_seen_at, last_seen_at)
     SELECT r.id, r.platform_id, r.alert_key, r.source, r.rule_id, r.rule_version, r.severity,
       r.customer_id, r.score, r.explanation::jsonb, r.case_id, r.occurrences, r.first_seen,
       r.last_seen
     FROM json_to_recordset($1::json) AS r(id text, platform_id text, alert_key text,
       source text, rule_id text, rule_version integer, severity text, customer_id text,
       score double precision, explanation text, case_id text, occurrences integer,
       first_seen timestamptz, last_seen timestamptz)
     ON CONFLICT (platform_id, alert_key) DO UPDATE
       SET occurrences = alerts.occurrences + EXCLUDED.occurrences,
           first_seen_at = LEAST(alerts.first_seen_at, EXCLUDED.first_seen_at),
           last_seen_at = GREATEST(alerts.last_seen_at, EXCLUDED.last_seen_at)
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  assert(written.length === rows.length, 'every alert row is written once');
}
