import {
  countViolations,
  verdict,
  type ControlTest,
  type ControlTestContext,
} from './control-test.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The day the daily reconciliation covers when run at `nowMs`: yesterday, UTC. */
export function reconciliationDayOf(nowMs: number): string {
  return new Date(nowMs - DAY_MS).toISOString().slice(0, 10);
}

/** Yesterday's reconciliation run was committed for the platform. */
export const reconciliationRan: ControlTest = {
  kind: 'reconciliation_ran',
  async run(context) {
    const asOf = reconciliationDayOf(context.nowMs);
    const runs = await context.db.query<{ id: string; break_count: number; match_count: number }>(
      `SELECT id, break_count, match_count FROM match_runs
       WHERE platform_id = $1 AND as_of = $2::date ORDER BY id DESC LIMIT 20`,
      [context.platformId, asOf],
    );
    return {
      outcome: runs.length > 0 ? 'pass' : 'fail',
      evidence: {
        asOf,
        runs: runs.length,
        sampleIds: runs.map((r) => r.id),
        matches: runs[0]?.match_count ?? null,
        breaks: runs[0]?.break_count ?? null,
      },
    };
  },
};

/**
 * For every currency the platform holds customer money in, the newest safeguarding check for
 * yesterday exists and found the bank matching the books (status ok). A missing check, a
 * shortfall, an excess or a day without a statement fails.
 */
export const safeguardingMatched: ControlTest = {
  kind: 'safeguarding_matched',
  async run(context: ControlTestContext) {
    const asOf = reconciliationDayOf(context.nowMs);
    const params = [context.platformId, asOf];
    const latest = `SELECT DISTINCT ON (currency) id, currency, status
      FROM safeguarding_checks WHERE platform_id = $1 AND as_of = $2::date
      ORDER BY currency, created_at DESC, id DESC`;
    const currencies = await context.db.query<{
      currency: string;
      id: string | null;
      status: string | null;
    }>(
      `SELECT c.currency, s.id, s.status
       FROM (SELECT DISTINCT currency FROM accounts WHERE platform_id = $1 AND type = 'customer') c
       LEFT JOIN (${latest}) s ON s.currency = c.currency ORDER BY c.currency`,
      params,
    );
    const violations = await countViolations(
      context,
      `SELECT coalesce(s.id, 'missing:' || c.currency) AS id
       FROM (SELECT DISTINCT currency FROM accounts WHERE platform_id = $1 AND type = 'customer') c
       LEFT JOIN (${latest}) s ON s.currency = c.currency
       WHERE s.id IS NULL OR s.status <> 'ok'`,
      params,
    );
    return verdict(currencies.length, violations, {
      asOf,
      checks: currencies.map((c) => ({
        currency: c.currency,
        checkId: c.id,
        status: c.status ?? 'missing',
      })),
    });
  },
};
