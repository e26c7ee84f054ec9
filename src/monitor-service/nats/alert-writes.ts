import type { AlertInput } from '../../cases/alert-input.js';
import { ALERTS_PER_CALL_MAX } from '../../cases/case-limits.js';
import { raiseAlerts } from '../../cases/raise-alerts.js';
import type { Queryable } from '../../store/index.js';

/** Where the publisher and the workers write alerts, in their position's transaction. */
export type WriteAlerts = (tx: Queryable, alerts: AlertInput[]) => Promise<void>;

/** The default: cases, at most ALERTS_PER_CALL_MAX alerts per call. */
export async function raiseInChunks(tx: Queryable, alerts: AlertInput[]): Promise<void> {
  for (let start = 0; start < alerts.length; start += ALERTS_PER_CALL_MAX)
    await raiseAlerts(tx, alerts.slice(start, start + ALERTS_PER_CALL_MAX));
}
