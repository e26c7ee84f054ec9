import { assert } from '../assert.js';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { enqueueNotifications, newEventId, type NotificationEvent } from '../notify/index.js';
import { newId, type Queryable } from '../store/index.js';
import { AlertInputSchema, groupKeyOf, type AlertInput } from './alert-input.js';
import { planAlerts, scopedKey, type AlertPlan, type AlertPlanState } from './alert-plan.js';
import {
  appendCaseEvents,
  CASES_SYSTEM_ACTOR,
  caseAudit,
  type CaseEventInput,
} from './case-events-store.js';
import { ALERTS_PER_CALL_MAX } from './case-limits.js';
import { loadSlaPolicies } from './sla-policy-store.js';
import type { Severity } from './severity.js';
import { writeAlertPlan } from './write-alert-plan.js';

export interface RaiseAlertsResult {
  alertsNew: number;
  alertsRepeated: number;
  casesOpened: string[];
  casesUpdated: string[];
  notificationsQueued: number;
}

/**
 * Takes alerts from any source into cases, in the caller's transaction. Repeats of a stored
 * (platform, alert key) only raise its occurrence count and last-seen time; new alerts join the
 * open case of their customer (or platform queue), or open one with priority and SLA from the
 * severity. Every table is written by one statement per call; every change gets its audit
 * record and its notifications in the same transaction.
 *
 * Alerts of one platform are serialized by a transaction-level advisory lock, so two batches
 * never open two cases for one customer.
 */
export async function raiseAlerts(
  tx: Queryable,
  alerts: readonly AlertInput[],
  options: { nowMs?: number } = {},
): Promise<RaiseAlertsResult> {
  assert(alerts.length <= ALERTS_PER_CALL_MAX, `at most ${ALERTS_PER_CALL_MAX} alerts per call`);
  for (const alert of alerts) {
    const parsed = AlertInputSchema.safeParse(alert);
    assert(parsed.success, `malformed alert ${alert.alertKey}: ${parsed.error?.message ?? ''}`);
  }
  const empty = { alertsNew: 0, alertsRepeated: 0, casesOpened: [], casesUpdated: [] };
  if (alerts.length === 0) return { ...empty, notificationsQueued: 0 };
  const nowMs = options.nowMs ?? Date.now();
  await lockPlatforms(tx, [...new Set(alerts.map((a) => a.platformId))]);
  const state: AlertPlanState = {
    existingAlerts: await loadExistingAlerts(tx, alerts),
    openCases: await lockOpenCases(tx, alerts),
    policies: await loadSlaPolicies(tx),
    nowMs,
    newAlertId: () => newId('alr', nowMs),
    newCaseId: () => newId('cas', nowMs),
  };
  const plan = planAlerts(alerts, state);
  await writeAlertPlan(tx, plan, nowMs);
  await appendCaseEvents(tx, planEvents(plan, nowMs));
  await appendAuditRecords(tx, planAudit(plan, nowMs));
  const notificationsQueued = await enqueueNotifications(tx, planNotifications(plan, nowMs));
  return {
    alertsNew: plan.alertRows.filter((r) => r.isNew).length,
    alertsRepeated: plan.alertRows.filter((r) => !r.isNew).length,
    casesOpened: plan.newCases.map((c) => c.id),
    casesUpdated: plan.caseUpdates.map((c) => c.id),
    notificationsQueued,
  };
}

async function lockPlatforms(tx: Queryable, platformIds: string[]): Promise<void> {
  // Locks are taken in sorted order, so two callers never wait on each other in a cycle.
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtext('custos.cases:' || s.p))
     FROM (SELECT p FROM unnest($1::text[]) AS p ORDER BY p) AS s`,
    [platformIds],
  );
}

async function loadExistingAlerts(
  tx: Queryable,
  alerts: readonly AlertInput[],
): Promise<Map<string, { caseId: string }>> {
  const rows = await tx.query<{ platform_id: string; alert_key: string; case_id: string }>(
    `SELECT platform_id, alert_key, case_id FROM alerts
     WHERE (platform_id, alert_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [alerts.map((a) => a.platformId), alerts.map((a) => a.alertKey)],
  );
  return new Map(rows.map((r) => [scopedKey(r.platform_id, r.alert_key), { caseId: r.case_id }]));
}

async function lockOpenCases(
  tx: Queryable,
  alerts: readonly AlertInput[],
): Promise<AlertPlanState['openCases']> {
  const rows = await tx.query<{
    id: string;
    platform_id: string;
    group_key: string;
    severity: Severity;
    sla_started_at: Date;
    sla_warn_at: Date;
    sla_due_at: Date;
  }>(
    `SELECT id, platform_id, group_key, severity, sla_started_at, sla_warn_at, sla_due_at
     FROM cases WHERE state <> 'closed'
       AND (platform_id, group_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     ORDER BY id FOR UPDATE`,
    [alerts.map((a) => a.platformId), alerts.map(groupKeyOf)],
  );
  return new Map(
    rows.map((r) => [
      scopedKey(r.platform_id, r.group_key),
      {
        id: r.id,
        severity: r.severity,
        sla: {
          startedAtMs: new Date(r.sla_started_at).getTime(),
          warnAtMs: new Date(r.sla_warn_at).getTime(),
          dueAtMs: new Date(r.sla_due_at).getTime(),
        },
      },
    ]),
  );
}

function planEvents(plan: AlertPlan, nowMs: number): CaseEventInput[] {
  const event = (
    caseId: string,
    platformId: string,
    kind: string,
    detail: Record<string, unknown>,
  ) => ({
    caseId,
    platformId,
    kind,
    actor: CASES_SYSTEM_ACTOR,
    detail,
    atMs: nowMs,
  });
  return [
    ...plan.newCases.map((c) =>
      event(c.id, c.platformId, 'opened', {
        severity: c.severity,
        queue: c.queue,
        customerId: c.customerId,
      }),
    ),
    ...plan.alertRows
      .filter((r) => r.isNew)
      .map((r) =>
        event(r.caseId, r.input.platformId, 'alert_added', {
          alertId: r.id,
          ruleId: r.input.ruleId,
          severity: r.input.severity,
          summary: r.input.explanation.summary,
        }),
      ),
    ...plan.caseUpdates
      .filter((u) => u.severityRaisedFrom !== null)
      .map((u) =>
        event(u.id, u.platformId, 'severity_raised', {
          from: u.severityRaisedFrom,
          to: u.severity,
          slaDueAt: new Date(u.sla.dueAtMs).toISOString(),
        }),
      ),
  ];
}

function planAudit(plan: AlertPlan, nowMs: number) {
  const actor = CASES_SYSTEM_ACTOR;
  return [
    ...plan.newCases.map((c) =>
      caseAudit(
        actor,
        c.platformId,
        'case.opened',
        'case',
        c.id,
        {
          severity: c.severity,
          queue: c.queue,
          customerId: c.customerId,
          slaDueAt: new Date(c.sla.dueAtMs).toISOString(),
        },
        nowMs,
      ),
    ),
    ...plan.alertRows.map((r) =>
      caseAudit(
        actor,
        r.input.platformId,
        r.isNew ? 'alert.raised' : 'alert.repeated',
        'alert',
        r.input.alertKey,
        {
          caseId: r.caseId,
          source: r.input.source,
          ruleId: r.input.ruleId,
          ruleVersion: r.input.ruleVersion,
          severity: r.input.severity,
          occurrences: r.occurrences,
        },
        nowMs,
      ),
    ),
    ...plan.caseUpdates
      .filter((u) => u.severityRaisedFrom !== null)
      .map((u) =>
        caseAudit(
          actor,
          u.platformId,
          'case.severity_raised',
          'case',
          u.id,
          {
            from: u.severityRaisedFrom,
            to: u.severity,
          },
          nowMs,
        ),
      ),
  ];
}

function planNotifications(plan: AlertPlan, nowMs: number): NotificationEvent[] {
  const note = (
    type: NotificationEvent['type'],
    platformId: string,
    data: Record<string, unknown>,
  ) => ({
    eventId: newEventId(nowMs),
    type,
    platformId,
    atMs: nowMs,
    data,
  });
  return [
    ...plan.newCases.map((c) =>
      note('case.opened', c.platformId, {
        caseId: c.id,
        severity: c.severity,
        priority: c.priority,
        queue: c.queue,
      }),
    ),
    ...plan.alertRows
      .filter((r) => r.isNew)
      .map((r) =>
        note('alert.raised', r.input.platformId, {
          alertId: r.id,
          caseId: r.caseId,
          ruleId: r.input.ruleId,
          severity: r.input.severity,
        }),
      ),
    ...plan.caseUpdates
      .filter((u) => u.severityRaisedFrom !== null)
      .map((u) =>
        note('case.severity_raised', u.platformId, {
          caseId: u.id,
          from: u.severityRaisedFrom,
          to: u.severity,
        }),
      ),
  ];
}
