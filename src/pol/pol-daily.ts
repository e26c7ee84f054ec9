import os from 'node:os';
import type { Database } from '../store/index.js';
import { buildPlatformTrees } from './pol-service.js';

/** The audit log's actor for the scheduled build. */
export const POL_DAILY_ACTOR = 'system:scheduler';

/**
 * Builds and publishes every platform's roots (one tree per currency). One platform's failure
 * does not stop the others; the failures are returned for the caller to report.
 */
export async function buildAllPlatformTrees(db: Database, nowMs: number): Promise<string[]> {
  const platforms = await db.query<{ id: string }>('SELECT id FROM platforms ORDER BY id');
  const failures: string[] = [];
  for (const platform of platforms) {
    try {
      await buildPlatformTrees(db, platform.id, {
        actor: POL_DAILY_ACTOR,
        nowMs,
        workers: Math.max(1, Math.min(2, os.availableParallelism())),
      });
    } catch (error) {
      failures.push(`${platform.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures;
}

/**
 * Runs `buildAllPlatformTrees` once a day at hh:mm UTC (after the reconciliation of the same
 * configured time has started); a slow run is never overlapped. Returns a stop function.
 */
export function startDailyPolBuild(
  db: Database,
  msUntilNext: (nowMs: number) => number,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      buildAllPlatformTrees(db, Date.now())
        .then((failures) => {
          for (const failure of failures)
            process.emitWarning(`proof-of-liabilities build failed: ${failure}`);
        })
        .catch((error: unknown) =>
          process.emitWarning(
            `proof-of-liabilities build failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(schedule);
    }, msUntilNext(Date.now()));
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
