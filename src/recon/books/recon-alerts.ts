import type { AlertInput } from '../../cases/alert-input.js';
import { ALERTS_PER_CALL_MAX } from '../../cases/case-limits.js';
import { raiseAlerts } from '../../cases/raise-alerts.js';
import type { Queryable } from '../../store/index.js';

/**
 * Reconciliation problems become alerts in the reconciliation queue (regulatory.md §4 rule
 * 25: a break at end of day alerts; unresolved after one reconciliation day it escalates; a
 * safeguarding shortfall is critical).
 */
export async function raiseReconAlerts(
  tx: Queryable,
  alerts: readonly AlertInput[],
): Promise<void> {
  for (let start = 0; start < alerts.length; start += ALERTS_PER_CALL_MAX)
    await raiseAlerts(tx, alerts.slice(start, start + ALERTS_PER_CALL_MAX));
}

export function escalatedBreakAlert(
  platformId: string,
  row: { id: string; itemDate: string; amountMinor: string; currency: string },
  asOf: string,
  ageDaysMax: number,
): AlertInput {
  return {
    alertKey: `recon.break_escalated:${row.id}`,
    platformId,
    source: 'reconciliation',
    ruleId: 'recon.break_escalated',
    ruleVersion: 1,
    severity: 'high',
    customerId: null,
    score: 1,
    atMs: Date.now(),
    explanation: {
      summary: `A reconciliation break of ${row.amountMinor} minor units ${row.currency} from ${row.itemDate} is unresolved after ${ageDaysMax} day(s).`,
      values: {
        breakId: row.id,
        itemDate: row.itemDate,
        amountMinor: row.amountMinor,
        currency: row.currency,
        asOf,
      },
      thresholds: { ageDaysMax },
      eventIds: [],
    },
  };
}

export function shortfallAlert(
  platformId: string,
  check: {
    id: string;
    currency: string;
    asOf: string;
    driftMinor: string | null;
    requiredMinor: string;
  },
): AlertInput {
  return {
    alertKey: `recon.safeguarding_shortfall:${check.currency}:${check.asOf}`,
    platformId,
    source: 'reconciliation',
    ruleId: 'recon.safeguarding_shortfall',
    ruleVersion: 1,
    severity: 'critical',
    customerId: null,
    score: 1,
    atMs: Date.now(),
    explanation: {
      summary: `Client money at the bank is short of what the books owe customers (${check.currency}, ${check.asOf}): drift ${check.driftMinor ?? 'unknown'} minor units.`,
      values: { checkId: check.id, driftMinor: check.driftMinor ?? 'unknown', asOf: check.asOf },
      thresholds: { requiredMinor: check.requiredMinor, driftMinorAtLeast: 0 },
      eventIds: [],
    },
  };
}
