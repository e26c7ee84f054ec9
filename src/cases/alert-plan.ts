import { assert } from '../assert.js';
import {
  groupKeyOf,
  queueOf,
  storedExplanation,
  type AlertInput,
  type CaseQueue,
} from './alert-input.js';
import { slaAfterSeverityRaise, slaWindow, type SlaPolicy, type SlaWindow } from './sla.js';
import { maxSeverity, priorityOf, severityRank, type Severity } from './severity.js';

/** What the store knows before the plan: alerts already seen and the open case of each group. */
export interface AlertPlanState {
  /** Keyed by `scopedKey(platformId, alertKey)`. */
  existingAlerts: ReadonlyMap<string, { caseId: string }>;
  /** Keyed by `scopedKey(platformId, groupKey)`. */
  openCases: ReadonlyMap<string, { id: string; severity: Severity; sla: SlaWindow }>;
  policies: Readonly<Record<Severity, SlaPolicy>>;
  nowMs: number;
  newAlertId: () => string;
  newCaseId: () => string;
}

/** One alert row to upsert: a new alert, or a repeat whose occurrences are added. */
export interface AlertRowPlan {
  id: string;
  input: AlertInput;
  explanationJson: string;
  caseId: string;
  occurrences: number;
  firstSeenAtMs: number;
  lastSeenAtMs: number;
  isNew: boolean;
}

export interface NewCasePlan {
  id: string;
  platformId: string;
  groupKey: string;
  customerId: string | null;
  queue: CaseQueue;
  severity: Severity;
  priority: number;
  sla: SlaWindow;
  alertCount: number;
}

export interface CaseUpdatePlan {
  id: string;
  platformId: string;
  alertsAdded: number;
  severity: Severity;
  priority: number;
  sla: SlaWindow;
  severityRaisedFrom: Severity | null;
}

export interface AlertPlan {
  alertRows: AlertRowPlan[];
  newCases: NewCasePlan[];
  caseUpdates: CaseUpdatePlan[];
}

export function scopedKey(platformId: string, key: string): string {
  return `${platformId}\u0000${key}`;
}

interface MergedAlert {
  input: AlertInput;
  count: number;
  firstSeenAtMs: number;
  lastSeenAtMs: number;
}

/** Repeats inside one batch fold into one row: the first copy's content, every copy counted. */
function mergeBatch(alerts: readonly AlertInput[]): Map<string, MergedAlert> {
  const merged = new Map<string, MergedAlert>();
  for (const alert of alerts) {
    const key = scopedKey(alert.platformId, alert.alertKey);
    const seen = merged.get(key);
    if (seen === undefined) {
      merged.set(key, {
        input: alert,
        count: 1,
        firstSeenAtMs: alert.atMs,
        lastSeenAtMs: alert.atMs,
      });
    } else {
      seen.count += 1;
      seen.firstSeenAtMs = Math.min(seen.firstSeenAtMs, alert.atMs);
      seen.lastSeenAtMs = Math.max(seen.lastSeenAtMs, alert.atMs);
    }
  }
  return merged;
}

/**
 * Decides, for a batch of alerts, which are repeats (counted on their row), which are new, and
 * which case each new alert joins: the open case of its group, or a new one. A case's severity
 * is the highest of its alerts; a rise tightens its SLA (never loosens it). Pure: ids come from
 * the state's generators.
 */
export function planAlerts(alerts: readonly AlertInput[], state: AlertPlanState): AlertPlan {
  const alertRows: AlertRowPlan[] = [];
  const groups = new Map<string, MergedAlert[]>();
  for (const [key, merged] of mergeBatch(alerts)) {
    const existing = state.existingAlerts.get(key);
    if (existing !== undefined) {
      alertRows.push(alertRow(state.newAlertId(), merged, existing.caseId, false));
      continue;
    }
    const groupKey = scopedKey(merged.input.platformId, groupKeyOf(merged.input));
    const group = groups.get(groupKey) ?? [];
    group.push(merged);
    groups.set(groupKey, group);
  }
  const newCases: NewCasePlan[] = [];
  const caseUpdates: CaseUpdatePlan[] = [];
  for (const [groupKey, members] of groups) {
    const open = state.openCases.get(groupKey);
    const caseId = open?.id ?? state.newCaseId();
    for (const member of members)
      alertRows.push(alertRow(state.newAlertId(), member, caseId, true));
    if (open === undefined) newCases.push(newCase(caseId, members, state));
    else caseUpdates.push(caseUpdate(open, members, state));
  }
  assert(alertRows.length <= alerts.length, 'a plan never has more rows than alerts');
  return { alertRows, newCases, caseUpdates };
}

function alertRow(id: string, merged: MergedAlert, caseId: string, isNew: boolean): AlertRowPlan {
  return {
    id,
    input: merged.input,
    explanationJson: storedExplanation(merged.input.explanation),
    caseId,
    occurrences: merged.count,
    firstSeenAtMs: merged.firstSeenAtMs,
    lastSeenAtMs: merged.lastSeenAtMs,
    isNew,
  };
}

function highestSeverity(members: readonly MergedAlert[]): Severity {
  assert(members.length > 0, 'a group has at least one alert');
  return members.reduce<Severity>((worst, m) => maxSeverity(worst, m.input.severity), 'low');
}

function newCase(id: string, members: readonly MergedAlert[], state: AlertPlanState): NewCasePlan {
  const first = members[0];
  assert(first !== undefined, 'a new case opens for at least one alert');
  const severity = highestSeverity(members);
  return {
    id,
    platformId: first.input.platformId,
    groupKey: groupKeyOf(first.input),
    customerId: first.input.customerId,
    queue: queueOf(first.input.source),
    severity,
    priority: priorityOf(severity),
    sla: slaWindow(state.nowMs, state.policies[severity]),
    alertCount: members.length,
  };
}

function caseUpdate(
  open: { id: string; severity: Severity; sla: SlaWindow },
  members: readonly MergedAlert[],
  state: AlertPlanState,
): CaseUpdatePlan {
  const first = members[0];
  assert(first !== undefined, 'an update adds at least one alert');
  const severity = maxSeverity(open.severity, highestSeverity(members));
  const raised = severityRank(severity) > severityRank(open.severity);
  return {
    id: open.id,
    platformId: first.input.platformId,
    alertsAdded: members.length,
    severity,
    priority: priorityOf(severity),
    sla: raised ? slaAfterSeverityRaise(open.sla, state.nowMs, state.policies[severity]) : open.sla,
    severityRaisedFrom: raised ? open.severity : null,
  };
}
