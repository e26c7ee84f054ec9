import type { Database } from '../store/index.js';
import { COMPLIANCE_LIMITS } from './compliance-limits.js';
import { runControls } from './controls/run-controls.js';
import { runRetention } from './retention/retention-run.js';

export const COMPLIANCE_SYSTEM_ACTOR = 'system:compliance';

/**
 * The daily compliance pass, per platform: the retention job first (so its control judges
 * today's state), then every control's automated tests. A platform's failure is recorded
 * and the next platform still runs.
 */
export async function runDailyCompliance(
  db: Database,
  nowMs: number,
): Promise<
  { platformId: string; anonymized: number; outcomes: Record<string, string>; error?: string }[]
> {
  const platforms = await db.query<{ id: string }>(
    `SELECT id FROM platforms ORDER BY id LIMIT ${COMPLIANCE_LIMITS.platformsPerRunMax}`,
  );
  const done = [];
  for (const { id } of platforms) {
    try {
      const retention = await runRetention(db, COMPLIANCE_SYSTEM_ACTOR, id, {
        dryRun: false,
        nowMs,
      });
      const results = await runControls(db, {
        platformId: id,
        trigger: 'schedule',
        actor: COMPLIANCE_SYSTEM_ACTOR,
        nowMs,
      });
      done.push({
        platformId: id,
        anonymized: retention.customers.length,
        outcomes: Object.fromEntries(results.map((r) => [r.code, r.outcome])),
      });
    } catch (error) {
      done.push({
        platformId: id,
        anonymized: 0,
        outcomes: {},
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return done;
}

/** Milliseconds from `nowMs` until the next `hh:mm` UTC. */
function msUntilNextUtc(nowMs: number, hour: number, minute: number): number {
  const next = new Date(nowMs);
  next.setUTCHours(hour, minute, 0, 0);
  if (next.getTime() <= nowMs) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - nowMs;
}

/**
 * Runs `runDailyCompliance` every day at `hour:minute` UTC (each run scheduled when the last
 * ends, so runs never overlap). A failed run is reported as a process warning. Returns stop.
 */
export function scheduleDailyCompliance(db: Database, hour: number, minute: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        runDailyCompliance(db, Date.now())
          .then((done) => {
            for (const platform of done) {
              if (platform.error !== undefined) {
                process.emitWarning(
                  `daily compliance for ${platform.platformId} failed: ${platform.error}`,
                );
              }
            }
          })
          .catch((error: unknown) =>
            process.emitWarning(
              `daily compliance failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          )
          .finally(schedule);
      },
      msUntilNextUtc(Date.now(), hour, minute),
    );
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
