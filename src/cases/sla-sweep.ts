import { appendAuditRecords } from '../audit/audit-record-store.js';
import { enqueueNotifications, newEventId } from '../notify/index.js';
import type { Database } from '../store/index.js';
import { appendCaseEvents, CASES_SYSTEM_ACTOR, caseAudit } from './case-events-store.js';
import { SLA_SWEEP_BATCH_MAX } from './case-limits.js';
import { slaEventsDue, type SlaEventKind } from './sla.js';

interface DueEvent {
  caseId: string;
  platformId: string;
  kind: SlaEventKind;
  dueAt: string;
  severity: string;
}

/**
 * Emits each open case's SLA warning and breach once: the timeline entry (a unique index
 * allows one of each per case), the audit record and the notification, all in one
 * transaction. Cases locked by someone else are skipped and caught by the next sweep.
 */
export async function sweepSla(
  db: Database,
  nowMs: number,
): Promise<{ warnings: number; breaches: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{
      id: string;
      platform_id: string;
      severity: string;
      sla_started_at: Date;
      sla_warn_at: Date;
      sla_due_at: Date;
      sla_warned_at: Date | null;
      sla_breached_at: Date | null;
    }>(
      `SELECT id, platform_id, severity, sla_started_at, sla_warn_at, sla_due_at, sla_warned_at,
         sla_breached_at
       FROM cases WHERE state <> 'closed' AND sla_warn_at <= $1
         AND (sla_warned_at IS NULL OR (sla_breached_at IS NULL AND sla_due_at <= $1))
       ORDER BY sla_warn_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [new Date(nowMs), SLA_SWEEP_BATCH_MAX],
    );
    const due: DueEvent[] = rows.flatMap((row) => {
      const window = {
        startedAtMs: new Date(row.sla_started_at).getTime(),
        warnAtMs: new Date(row.sla_warn_at).getTime(),
        dueAtMs: new Date(row.sla_due_at).getTime(),
      };
      const sent = { warned: row.sla_warned_at !== null, breached: row.sla_breached_at !== null };
      return slaEventsDue(window, sent, nowMs).map((kind) => ({
        caseId: row.id,
        platformId: row.platform_id,
        kind,
        dueAt: new Date(window.dueAtMs).toISOString(),
        severity: row.severity,
      }));
    });
    if (due.length === 0) return { warnings: 0, breaches: 0 };
    const at = new Date(nowMs).toISOString();
    await tx.query(
      `UPDATE cases c SET
         sla_warned_at = CASE WHEN r.warn THEN $2::timestamptz ELSE c.sla_warned_at END,
         sla_breached_at = CASE WHEN r.breach THEN $2::timestamptz ELSE c.sla_breached_at END
       FROM json_to_recordset($1::json) AS r(id text, warn boolean, breach boolean)
       WHERE c.id = r.id`,
      [JSON.stringify(flagsPerCase(due)), at],
    );
    await appendCaseEvents(
      tx,
      due.map((d) => ({
        caseId: d.caseId,
        platformId: d.platformId,
        kind: d.kind,
        actor: CASES_SYSTEM_ACTOR,
        detail: { slaDueAt: d.dueAt, severity: d.severity },
        atMs: nowMs,
      })),
    );
    await appendAuditRecords(
      tx,
      due.map((d) =>
        caseAudit(
          CASES_SYSTEM_ACTOR,
          d.platformId,
          `case.${d.kind}`,
          'case',
          d.caseId,
          { slaDueAt: d.dueAt },
          nowMs,
        ),
      ),
    );
    await enqueueNotifications(
      tx,
      due.map((d) => ({
        eventId: newEventId(nowMs),
        type:
          d.kind === 'sla_warning' ? ('case.sla_warning' as const) : ('case.sla_breach' as const),
        platformId: d.platformId,
        atMs: nowMs,
        data: { caseId: d.caseId, slaDueAt: d.dueAt, severity: d.severity },
      })),
    );
    return {
      warnings: due.filter((d) => d.kind === 'sla_warning').length,
      breaches: due.filter((d) => d.kind === 'sla_breach').length,
    };
  });
}

function flagsPerCase(due: readonly DueEvent[]): { id: string; warn: boolean; breach: boolean }[] {
  const flags = new Map<string, { id: string; warn: boolean; breach: boolean }>();
  for (const d of due) {
    const entry = flags.get(d.caseId) ?? { id: d.caseId, warn: false, breach: false };
    if (d.kind === 'sla_warning') entry.warn = true;
    else entry.breach = true;
    flags.set(d.caseId, entry);
  }
  return [...flags.values()];
}
