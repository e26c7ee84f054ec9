import type { RelyingParty } from '../portal/relying-party.js';
import { platformDutyAlert, raiseAlerts, type AlertInput } from '../cases/index.js';
import type { Database } from '../store/index.js';
import { COMPLIANCE_LIMITS } from './compliance-limits.js';
import { runControls } from './controls/run-controls.js';
import { runRetention } from './retention/retention-run.js';

export const COMPLIANCE_SYSTEM_ACTOR = 'system:compliance';

export interface DailyComplianceResult {
  platformId: string;
  anonymized: number;
  /** Stored report files whose content the retention job purged. */
  purgedReportFiles: number;
  outcomes: Record<string, string>;
  /** The retention job failed (its alert was raised); controls still ran. */
  retentionError?: string;
  /** The controls could not be run at all. */
  error?: string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The alert of a failed retention job: one per platform and UTC day, high severity. */
export function retentionFailureAlert(
  platformId: string,
  message: string,
  nowMs: number,
): AlertInput {
  return platformDutyAlert({
    alertKey: `compliance:retention:${new Date(nowMs).toISOString().slice(0, 10)}`,
    platformId,
    source: 'compliance',
    ruleId: 'RETENTION-RUN',
    severity: 'high',
    atMs: nowMs,
    summary: `the daily retention job failed: ${message}`,
    values: { error: message.slice(0, 500) },
  });
}

/**
 * The daily compliance pass, per platform: the retention job first (so its control judges
 * today's state), then every control's automated tests. The two are independent: a failed
 * retention job raises a `compliance` alert and the controls run regardless (the retention
 * control then reports what was left undone). A platform's failure is recorded and the next
 * platform still runs.
 */
export async function runDailyCompliance(
  db: Database,
  nowMs: number,
  portalRelyingParty?: RelyingParty,
): Promise<DailyComplianceResult[]> {
  const platforms = await db.query<{ id: string }>(
    `SELECT id FROM platforms ORDER BY id LIMIT ${COMPLIANCE_LIMITS.platformsPerRunMax}`,
  );
  const done: DailyComplianceResult[] = [];
  for (const { id } of platforms) {
    const entry: DailyComplianceResult = {
      platformId: id,
      anonymized: 0,
      purgedReportFiles: 0,
      outcomes: {},
    };
    try {
      const retention = await runRetention(db, COMPLIANCE_SYSTEM_ACTOR, id, {
        dryRun: false,
        nowMs,
      });
      entry.anonymized = retention.customers.length;
      entry.purgedReportFiles = retention.reportFiles.length;
    } catch (error) {
      entry.retentionError = messageOf(error);
      try {
        await db.transaction((tx) =>
          raiseAlerts(tx, [retentionFailureAlert(id, entry.retentionError ?? '', nowMs)], {
            nowMs,
          }),
        );
      } catch (alertError) {
        entry.retentionError += `; its alert could not be raised: ${messageOf(alertError)}`;
      }
    }
    try {
      const results = await runControls(db, {
        platformId: id,
        trigger: 'schedule',
        actor: COMPLIANCE_SYSTEM_ACTOR,
        nowMs,
        ...(portalRelyingParty === undefined ? {} : { portalRelyingParty }),
      });
      entry.outcomes = Object.fromEntries(results.map((r) => [r.code, r.outcome]));
    } catch (error) {
      entry.error = messageOf(error);
    }
    done.push(entry);
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
export function scheduleDailyCompliance(
  db: Database,
  hour: number,
  minute: number,
  portalRelyingParty?: RelyingParty,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        runDailyCompliance(db, Date.now(), portalRelyingParty)
          .then((done) => {
            for (const platform of done) {
              if (platform.retentionError !== undefined) {
                process.emitWarning(
                  `retention for ${platform.platformId} failed: ${platform.retentionError}`,
                );
              }
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
