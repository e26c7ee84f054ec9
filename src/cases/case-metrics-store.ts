import type { Queryable } from '../store/index.js';
import { CASE_QUEUES } from './alert-input.js';
import { METRICS_CASES_MAX } from './case-limits.js';
import {
  queueMetrics,
  ruleMetrics,
  type CaseMetricInput,
  type QueueMetrics,
  type RuleMetrics,
} from './case-metrics.js';
import type { Disposition } from './case-state.js';

const ms = (value: Date | null) => (value === null ? null : new Date(value).getTime());

/** Metrics per queue and per rule over cases opened since `sinceMs` (newest first, bounded). */
export async function loadCaseMetrics(
  db: Queryable,
  filter: { platformId: string | null; sinceMs: number },
  nowMs: number,
): Promise<{ queues: QueueMetrics[]; rules: RuleMetrics[]; casesRead: number }> {
  const rows = await db.query<{
    queue: CaseMetricInput['queue'];
    opened_at: Date;
    triaged_at: Date | null;
    closed_at: Date | null;
    sla_due_at: Date;
    sla_breached_at: Date | null;
    disposition: Disposition | null;
    rule_ids: string[];
  }>(
    `SELECT c.queue, c.opened_at, c.triaged_at, c.closed_at, c.sla_due_at, c.sla_breached_at,
       c.disposition,
       ARRAY(SELECT DISTINCT a.rule_id FROM alerts a WHERE a.case_id = c.id) AS rule_ids
     FROM cases c WHERE ($1::text IS NULL OR c.platform_id = $1) AND c.opened_at >= $2
     ORDER BY c.id DESC LIMIT $3`,
    [filter.platformId, new Date(filter.sinceMs), METRICS_CASES_MAX],
  );
  const cases: CaseMetricInput[] = rows.map((r) => ({
    queue: r.queue,
    openedAtMs: new Date(r.opened_at).getTime(),
    triagedAtMs: ms(r.triaged_at),
    closedAtMs: ms(r.closed_at),
    slaDueAtMs: new Date(r.sla_due_at).getTime(),
    slaBreachedAtMs: ms(r.sla_breached_at),
    disposition: r.disposition,
    ruleIds: r.rule_ids,
  }));
  return {
    queues: CASE_QUEUES.map((queue) => queueMetrics(queue, cases, nowMs)),
    rules: ruleMetrics(cases),
    casesRead: cases.length,
  };
}
