import { appendAuditRecords } from '../audit/audit-record-store.js';
import { enqueueNotifications, newEventId, type NotificationEventType } from '../notify/index.js';
import type { Queryable } from '../store/index.js';
import { appendCaseEvents, caseAudit } from './case-events-store.js';

export interface CaseChange {
  caseId: string;
  platformId: string;
  actor: string;
  /** Timeline kind, e.g. `state_changed`; the audit action is `case.<kind>`. */
  kind: string;
  detail: Record<string, unknown>;
  /** Notification to send, if the change is one receivers may subscribe to. */
  notify?: NotificationEventType;
  atMs?: number;
}

/** Records one change of a case: its timeline entry, audit record and notification. */
export async function recordCaseChange(tx: Queryable, change: CaseChange): Promise<void> {
  const atMs = change.atMs ?? Date.now();
  await appendCaseEvents(tx, [
    {
      caseId: change.caseId,
      platformId: change.platformId,
      kind: change.kind,
      actor: change.actor,
      detail: change.detail,
      atMs,
    },
  ]);
  await appendAuditRecords(tx, [
    caseAudit(
      change.actor,
      change.platformId,
      `case.${change.kind}`,
      'case',
      change.caseId,
      change.detail,
      atMs,
    ),
  ]);
  if (change.notify !== undefined) {
    await enqueueNotifications(tx, [
      {
        eventId: newEventId(atMs),
        type: change.notify,
        platformId: change.platformId,
        atMs,
        data: { caseId: change.caseId, ...notificationData(change.detail) },
      },
    ]);
  }
}

/** Notifications carry codes and ids, never free text (notes and reasons stay in Custos). */
function notificationData(detail: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (key === 'reason' || key === 'text' || key === 'note') continue;
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value === null
    )
      kept[key] = value;
  }
  return kept;
}
