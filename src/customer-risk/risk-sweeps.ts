import { raiseAlerts, type AlertInput } from '../cases/index.js';
import type { Database } from '../store/index.js';
import { rateCustomersInTx } from './rate-customers.js';
import { RISK_LIMITS } from './risk-limits.js';
import { todayIso } from './review-schedule.js';
import type { RiskLevel } from './risk-model.js';
import type { SanctionsStatusReader } from './sanctions-status.js';

export const RISK_SYSTEM_ACTOR = 'system:risk-rating';
export const REVIEW_OVERDUE_RULE_ID = 'compliance.risk_review_overdue';
/** How far back the input-change job looks for changes; older ones wait for a batch re-rate. */
export const CHANGE_WINDOW_MS = 7 * 86_400_000;

/*
 * A customer's inputs changed when, after its last rating, a monitoring alert about it was
 * stored, a case of it changed, a suspicious transaction report naming it changed status, or
 * its reporting profile, risk attributes or beneficial owners were written. Never-rated
 * customers with such a change are rated too. Times are the database's own insert and update
 * times, so replayed history with old event times still counts as new.
 */
const CHANGED_SQL = `
WITH changes (platform_id, customer_id, at) AS (
  SELECT platform_id, customer_id, created_at FROM alerts
    WHERE customer_id IS NOT NULL AND created_at > $1 AND rule_id NOT LIKE 'compliance.%'
  UNION ALL SELECT platform_id, customer_id, updated_at FROM cases
    WHERE customer_id IS NOT NULL AND updated_at > $1
  UNION ALL SELECT r.platform_id, s.value ->> 'customerId', r.updated_at
    FROM reports r JOIN report_versions v ON v.report_id = r.id AND v.version = r.current_version
    CROSS JOIN jsonb_array_elements(v.content -> 'subjects') AS s(value)
    WHERE r.kind = 'str' AND r.updated_at > $1
  UNION ALL SELECT platform_id, customer_id, updated_at FROM report_subject_profiles
    WHERE updated_at > $1
  UNION ALL SELECT platform_id, customer_id, updated_at FROM customer_risk_attributes
    WHERE updated_at > $1
  UNION ALL SELECT platform_id, customer_id, updated_at FROM customer_beneficial_owners
    WHERE updated_at > $1
)
SELECT ch.platform_id, ch.customer_id
FROM changes ch
JOIN customers c ON c.id = ch.customer_id AND c.platform_id = ch.platform_id
LEFT JOIN customer_risk_state st ON st.platform_id = ch.platform_id AND st.customer_id = ch.customer_id
WHERE ch.at <= now() AND (st.rated_at IS NULL OR ch.at > st.rated_at)
GROUP BY ch.platform_id, ch.customer_id
ORDER BY ch.platform_id, ch.customer_id
LIMIT $2`;

/** Re-rates customers whose inputs changed since their last rating (see CHANGED_SQL). */
export async function rerateChangedCustomers(
  db: Database,
  options: { nowMs?: number; readSanctions?: SanctionsStatusReader } = {},
): Promise<{ rerated: number }> {
  const nowMs = options.nowMs ?? Date.now();
  const rows = await db.query<{ platform_id: string; customer_id: string }>(CHANGED_SQL, [
    new Date(nowMs - CHANGE_WINDOW_MS),
    RISK_LIMITS.changedPerSweepMax,
  ]);
  const byPlatform = new Map<string, string[]>();
  for (const row of rows) {
    const list = byPlatform.get(row.platform_id) ?? [];
    list.push(row.customer_id);
    byPlatform.set(row.platform_id, list);
  }
  let rerated = 0;
  for (const [platformId, customerIds] of byPlatform) {
    const outcomes = await db.transaction((tx) =>
      rateCustomersInTx(tx, RISK_SYSTEM_ACTOR, platformId, customerIds, 'input_changed', {
        nowMs,
        ...(options.readSanctions === undefined ? {} : { readSanctions: options.readSanctions }),
      }),
    );
    rerated += outcomes.length;
  }
  return { rerated };
}

const SEVERITY_OF_LEVEL = { low: 'low', medium: 'medium', high: 'high' } as const;

/**
 * Raises one alert per customer whose review is overdue (its next review date has passed),
 * once per due date, in the transaction that records it.
 */
export async function sweepOverdueReviews(
  db: Database,
  nowMs = Date.now(),
): Promise<{ alerted: string[] }> {
  const today = todayIso(nowMs);
  return db.transaction(async (tx) => {
    const rows = await tx.query<{
      platform_id: string;
      customer_id: string;
      level: RiskLevel;
      next_review_date: string;
    }>(
      `SELECT platform_id, customer_id, level, to_char(next_review_date, 'YYYY-MM-DD') AS next_review_date
       FROM customer_risk_state
       WHERE next_review_date < $1::date
         AND review_alerted_for IS DISTINCT FROM next_review_date
       ORDER BY next_review_date, customer_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [today, RISK_LIMITS.reviewAlertsPerSweepMax],
    );
    if (rows.length === 0) return { alerted: [] };
    const alerts: AlertInput[] = rows.map((row) => ({
      alertKey: `risk_review_overdue:${row.customer_id}:${row.next_review_date}`,
      platformId: row.platform_id,
      source: 'rule',
      ruleId: REVIEW_OVERDUE_RULE_ID,
      ruleVersion: 1,
      severity: SEVERITY_OF_LEVEL[row.level],
      customerId: row.customer_id,
      score: 1,
      atMs: nowMs,
      explanation: {
        summary:
          `The ${row.level}-risk customer ${row.customer_id} was due for review on ` +
          `${row.next_review_date} (AML Law Art. 30: ongoing due diligence).`,
        values: { level: row.level, today },
        thresholds: { nextReviewDate: row.next_review_date },
        eventIds: [row.customer_id],
      },
    }));
    await raiseAlerts(tx, alerts, { nowMs });
    await tx.query(
      `UPDATE customer_risk_state AS s SET review_alerted_for = s.next_review_date
       FROM unnest($1::text[], $2::text[]) AS r(platform_id, customer_id)
       WHERE s.platform_id = r.platform_id AND s.customer_id = r.customer_id`,
      [rows.map((r) => r.platform_id), rows.map((r) => r.customer_id)],
    );
    return { alerted: rows.map((row) => row.customer_id) };
  });
}
