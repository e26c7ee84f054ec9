import { relyingPartyOf } from '../portal/relying-party.js';
import { sweepIncidentDeadlines } from '../cases/incident-store.js';
import { sweepSla } from '../cases/sla-sweep.js';
import { scheduleDailyCompliance } from '../compliance/daily-compliance.js';
import type { Config } from '../config.js';
import { readKris } from '../monitor-service/kri-reader.js';
import { deliverDue } from '../notify/deliver-due.js';
import { LVTR_DAILY_AT_UTC, runDailyLvtr, sweepOverdueReports } from '../reports/index.js';
import { sweepOverdueComplaints } from '../complaints/complaint-sweep.js';
import { sweepPrivacyRequests } from '../privacy/privacy-sweep.js';
import { RISK_LIMITS, sweepAllRiskRegisters } from '../risk-register/index.js';
import { rerateChangedCustomers, sweepOverdueReviews } from '../customer-risk/index.js';
import { startDailyPolBuild } from '../pol/pol-daily.js';
import { createSmtpSender } from '../notify/senders.js';
import type { Database } from '../store/index.js';
import { msUntilNextUtc, runDailyReconciliation } from './daily-reconciliation.js';

export const SLA_SWEEP_INTERVAL_MS = 60_000;
export const DELIVERY_INTERVAL_MS = 5_000;
/** Customer risk: re-rating changed customers and alerting overdue reviews. */
export const RISK_SWEEP_INTERVAL_MS = 5 * 60_000;
const SMTP_TIMEOUT_MS = 10_000;

/**
 * The server's periodic work: KRI readings, case SLA, incident and report deadline sweeps,
 * notification delivery, the daily reconciliation and safeguarding check, and the nightly
 * large-value report batch. Each job runs alone (a slow run is never overlapped by the next) and a
 * failure is reported and retried at the next interval. Returns a stop function.
 */
export function startBackgroundJobs(
  db: Database,
  config: Config,
  options: { kris: boolean },
): () => void {
  const smtp =
    config.smtpHost === undefined
      ? undefined
      : createSmtpSender({
          host: config.smtpHost,
          port: config.smtpPort,
          secure: config.smtpPort === 465,
          requireTls: config.smtpRequireTls,
          ...(config.smtpUser === undefined ? {} : { user: config.smtpUser }),
          ...(config.smtpPassword === undefined ? {} : { password: config.smtpPassword }),
          from: config.smtpFrom,
          connectionTimeoutMs: SMTP_TIMEOUT_MS,
        });
  const timers: NodeJS.Timeout[] = [];
  const every = (name: string, intervalMs: number, job: () => Promise<unknown>) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      job()
        .catch((error: unknown) =>
          process.emitWarning(
            `${name} failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    timer.unref();
    timers.push(timer);
  };
  if (options.kris)
    every('KRI read', config.kriIntervalMs, async () => {
      const platforms = await db.query<{ id: string }>('SELECT id FROM platforms ORDER BY id');
      for (const platform of platforms) await readKris(db, platform.id, Date.now());
    });
  every('SLA sweep', SLA_SWEEP_INTERVAL_MS, async () => {
    await sweepSla(db, Date.now());
    await sweepIncidentDeadlines(db, Date.now());
    await sweepOverdueReports(db, Date.now());
    await sweepOverdueComplaints(db, Date.now());
    await sweepPrivacyRequests(db, Date.now());
  });
  const [hour = 6, minute = 0] = config.reconDailyAtUtc.split(':').map(Number);
  let dailyTimer: NodeJS.Timeout | undefined;
  const scheduleDaily = () => {
    dailyTimer = setTimeout(
      () => {
        runDailyReconciliation(db, Date.now())
          .catch((error: unknown) =>
            process.emitWarning(
              `daily reconciliation failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          )
          .finally(scheduleDaily);
      },
      msUntilNextUtc(Date.now(), hour, minute),
    );
    dailyTimer.unref();
  };
  scheduleDaily();
  // The large-value batch of the CST day just ended (and of any recent day still without one).
  let lvtrTimer: NodeJS.Timeout | undefined;
  let lvtrStopped = false;
  const scheduleLvtr = () => {
    if (lvtrStopped) return;
    lvtrTimer = setTimeout(
      () => {
        runDailyLvtr(db, Date.now())
          .catch((error: unknown) =>
            process.emitWarning(
              `nightly large-value batch failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          )
          .finally(scheduleLvtr);
      },
      msUntilNextUtc(Date.now(), LVTR_DAILY_AT_UTC.hour, LVTR_DAILY_AT_UTC.minute),
    );
    lvtrTimer.unref();
  };
  scheduleLvtr();
  // Proof of liabilities: every platform's roots, daily at the same configured time.
  const stopPolBuild = startDailyPolBuild(db, (nowMs) => msUntilNextUtc(nowMs, hour, minute));
  // Retention and the automated control tests, an hour after the reconciliation they judge.
  const stopCompliance = scheduleDailyCompliance(
    db,
    (hour + 1) % 24,
    minute,
    config.portalOrigin === undefined
      ? undefined
      : relyingPartyOf(config.portalOrigin, config.portalRpId),
  );
  // Customer risk: re-rate customers whose inputs changed, then alert overdue reviews.
  every('customer risk sweep', RISK_SWEEP_INTERVAL_MS, async () => {
    await rerateChangedCustomers(db, { nowMs: Date.now() });
    await sweepOverdueReviews(db, Date.now());
  });
  // Risk register: re-score from control results, review reminders, overdue and expiry alerts.
  every('risk register sweep', RISK_LIMITS.sweepIntervalMs, () =>
    sweepAllRiskRegisters(db, Date.now()),
  );
  every('notification delivery', DELIVERY_INTERVAL_MS, () =>
    deliverDue(db, { nowMs: Date.now(), ...(smtp === undefined ? {} : { smtp }) }),
  );
  return () => {
    for (const timer of timers) clearInterval(timer);
    if (dailyTimer !== undefined) clearTimeout(dailyTimer);
    lvtrStopped = true;
    if (lvtrTimer !== undefined) clearTimeout(lvtrTimer);
    stopPolBuild();
    stopCompliance();
  };
}
