import type { Queryable } from '../../store/index.js';
import { DEFAULT_MATCH_RULES, type MatchRule } from '../matching/index.js';

/** The platform's active rules by priority, or the defaults when it has stored none. */
export async function loadMatchRules(db: Queryable, platformId: string): Promise<MatchRule[]> {
  const rows = await db.query(
    `SELECT name, kind, strategy, amount_tolerance_minor, date_window_days, counterparty, confirm
     FROM matching_rules WHERE platform_id = $1 AND active ORDER BY priority, name`,
    [platformId],
  );
  if (rows.length === 0) return [...DEFAULT_MATCH_RULES];
  return rows.map((row) => ({
    name: String(row.name),
    kind: row.kind as MatchRule['kind'],
    strategy: row.strategy as MatchRule['strategy'],
    amountToleranceMinor: BigInt(String(row.amount_tolerance_minor)),
    dateWindowDays: Number(row.date_window_days),
    counterparty: row.counterparty as MatchRule['counterparty'],
    confirm: row.confirm as MatchRule['confirm'],
  }));
}

export function matchRuleJson(rule: MatchRule): Record<string, unknown> {
  return { ...rule, amountToleranceMinor: rule.amountToleranceMinor.toString() };
}
