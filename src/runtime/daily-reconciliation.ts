import { runReconciliation, runSafeguardingCheck } from '../recon/books/index.js';
import type { Principal } from '../security/index.js';
import type { Database } from '../store/index.js';

/** The system actor of scheduled work, as the audit log records it. */
export const SCHEDULER_PRINCIPAL: Principal = {
  id: 'system:scheduler',
  kind: 'staff',
  platformId: null,
  role: 'operator',
  name: 'scheduler',
};

/** UTC day `YYYY-MM-DD` of a time. */
export function utcDay(atMs: number): string {
  return new Date(atMs).toISOString().slice(0, 10);
}

/**
 * The daily proof: for every platform, reconcile the books against the imported statements up
 * to yesterday and run the safeguarding check for yesterday. Breaks past their age limit
 * escalate and raise alerts; a shortfall raises a critical one. Returns what it did, per
 * platform, for the log.
 */
export async function runDailyReconciliation(
  db: Database,
  nowMs: number,
): Promise<{ platformId: string; asOf: string; runOk: boolean; checks: number }[]> {
  const asOf = utcDay(nowMs - 24 * 60 * 60 * 1000);
  const platforms = await db.query<{ id: string }>('SELECT id FROM platforms ORDER BY id');
  const done = [];
  for (const { id } of platforms) {
    const run = await runReconciliation(db, SCHEDULER_PRINCIPAL, id, { asOf, dryRun: false });
    const checks = await runSafeguardingCheck(db, SCHEDULER_PRINCIPAL, id, asOf);
    done.push({ platformId: id, asOf, runOk: run.ok, checks: checks.ok ? checks.value.length : 0 });
  }
  return done;
}

/** Milliseconds from `nowMs` until the next `hh:mm` UTC. */
export function msUntilNextUtc(nowMs: number, hour: number, minute: number): number {
  const next = new Date(nowMs);
  next.setUTCHours(hour, minute, 0, 0);
  if (next.getTime() <= nowMs) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - nowMs;
}
