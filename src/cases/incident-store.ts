import { appendAuditRecords } from '../audit/audit-record-store.js';
import { enqueueNotifications, newEventId } from '../notify/index.js';
import type { Principal } from '../security/index.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { caseFailure, caseSuccess, type CaseResult } from './case-error.js';
import { caseAudit } from './case-events-store.js';
import type { Severity } from './severity.js';
import {
  incidentClosable,
  INCIDENTS_PER_PAGE_MAX,
  type IncidentReview,
  type IncidentStepOutcome,
  type IncidentType,
  type IncidentView,
  type PlaybookView,
} from './incident-types.js';
import { incidentFromRows } from './incident-view.js';

export async function listPlaybooks(db: Queryable): Promise<PlaybookView[]> {
  const playbooks = await db.query<{
    id: string;
    incident_type: IncidentType;
    title: string;
    description: string;
  }>('SELECT id, incident_type, title, description FROM playbooks ORDER BY incident_type');
  const steps = await db.query<{
    playbook_id: string;
    step_no: number;
    title: string;
    instructions: string;
    owner_role: string;
    deadline_minutes: number;
  }>('SELECT * FROM playbook_steps ORDER BY playbook_id, step_no');
  return playbooks.map((p) => ({
    id: p.id,
    incidentType: p.incident_type,
    title: p.title,
    description: p.description,
    steps: steps
      .filter((s) => s.playbook_id === p.id)
      .map((s) => ({
        stepNo: s.step_no,
        title: s.title,
        instructions: s.instructions,
        ownerRole: s.owner_role,
        deadlineMinutes: s.deadline_minutes,
      })),
  }));
}

export interface IncidentInput {
  incidentType: IncidentType;
  title: string;
  summary: string;
  severity: Severity;
  platformId?: string | null;
  caseId?: string | null;
  /** A rehearsal: the same playbook and deadlines, marked so nobody mistakes it for real. */
  drill?: boolean;
}

/** Opens an incident from its type's playbook: every step copied with its deadline. */
export async function openIncident(
  db: Database,
  actor: Principal,
  input: IncidentInput,
  nowMs = Date.now(),
): Promise<CaseResult<{ incidentId: string; steps: number }>> {
  const incidentId = newId('inc', nowMs);
  const isDrill = input.drill === true;
  return db.transaction(async (tx) => {
    const playbook = await tx.query<{ id: string }>(
      'SELECT id FROM playbooks WHERE incident_type = $1',
      [input.incidentType],
    );
    const playbookId = playbook[0]?.id;
    if (playbookId === undefined)
      return caseFailure('unknown_playbook', `no playbook for ${input.incidentType}`);
    if (input.caseId != null) {
      const found = await tx.query('SELECT 1 FROM cases WHERE id = $1', [input.caseId]);
      if (found.length === 0) return caseFailure('unknown_case', `case ${input.caseId} not found`);
    }
    const at = new Date(nowMs);
    await tx.query(
      `INSERT INTO incidents (id, platform_id, incident_type, playbook_id, title, summary, severity,
         is_drill, state, case_id, opened_by, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11)`,
      [
        incidentId,
        input.platformId ?? null,
        input.incidentType,
        playbookId,
        input.title,
        input.summary,
        input.severity,
        isDrill,
        input.caseId ?? null,
        actor.id,
        at,
      ],
    );
    const steps = await tx.query(
      `INSERT INTO incident_steps (incident_id, step_no, title, owner_role, due_at, status)
       SELECT $1, step_no, title, owner_role, $3::timestamptz + make_interval(mins => deadline_minutes),
         'pending'
       FROM playbook_steps WHERE playbook_id = $2 RETURNING step_no`,
      [incidentId, playbookId, at],
    );
    const payload = {
      incidentType: input.incidentType,
      severity: input.severity,
      isDrill,
      steps: steps.length,
    };
    await appendAuditRecords(tx, [
      caseAudit(
        actor.id,
        input.platformId ?? null,
        isDrill ? 'incident.drill_started' : 'incident.opened',
        'incident',
        incidentId,
        payload,
        nowMs,
      ),
    ]);
    await enqueueNotifications(tx, [
      {
        eventId: newEventId(nowMs),
        type: 'incident.opened',
        platformId: input.platformId ?? null,
        atMs: nowMs,
        data: { incidentId, ...payload },
      },
    ]);
    return caseSuccess({ incidentId, steps: steps.length });
  });
}

export async function getIncident(
  db: Queryable,
  incidentId: string,
  nowMs = Date.now(),
): Promise<IncidentView | null> {
  const incidents = await db.query('SELECT * FROM incidents WHERE id = $1', [incidentId]);
  const incident = incidents[0];
  if (incident === undefined) return null;
  const steps = await db.query(
    'SELECT * FROM incident_steps WHERE incident_id = $1 ORDER BY step_no',
    [incidentId],
  );
  const reviews = await db.query('SELECT * FROM incident_reviews WHERE incident_id = $1', [
    incidentId,
  ]);
  return incidentFromRows(incident, steps, reviews[0] ?? null, nowMs);
}

export async function listIncidents(
  db: Queryable,
  filter: { state?: 'open' | 'closed'; drill?: boolean; limit?: number },
): Promise<Omit<IncidentView, 'steps' | 'review'>[]> {
  const limit = Math.min(filter.limit ?? 100, INCIDENTS_PER_PAGE_MAX);
  const rows = await db.query(
    `SELECT * FROM incidents WHERE ($1::text IS NULL OR state = $1)
       AND ($2::boolean IS NULL OR is_drill = $2) ORDER BY id DESC LIMIT $3`,
    [filter.state ?? null, filter.drill ?? null, limit],
  );
  return rows.map((row) => {
    const { steps: _steps, review: _review, ...rest } = incidentFromRows(row, [], null, Date.now());
    return rest;
  });
}

async function lockOpenIncident(
  tx: Queryable,
  incidentId: string,
): Promise<CaseResult<{ platformId: string | null }>> {
  const rows = await tx.query<{ platform_id: string | null; state: string }>(
    'SELECT platform_id, state FROM incidents WHERE id = $1 FOR UPDATE',
    [incidentId],
  );
  const row = rows[0];
  if (row === undefined) return caseFailure('unknown_incident', `incident ${incidentId} not found`);
  if (row.state !== 'open')
    return caseFailure('incident_closed', `incident ${incidentId} is closed`);
  return caseSuccess({ platformId: row.platform_id });
}

/**
 * Marks a step done or skipped (a skip needs a note saying why). Only the step's owner role
 * or an admin may do it: the playbook says whose job each step is.
 */
export async function completeIncidentStep(
  db: Database,
  actor: Principal,
  incidentId: string,
  stepNo: number,
  input: { outcome: IncidentStepOutcome; note?: string },
): Promise<CaseResult<{ incidentId: string; stepNo: number }>> {
  const note = input.note?.trim() ?? '';
  if (input.outcome === 'skipped' && note.length === 0)
    return caseFailure('reason_required', 'skipping a step needs a note saying why');
  return db.transaction(async (tx) => {
    const incident = await lockOpenIncident(tx, incidentId);
    if (!incident.ok) return incident;
    const steps = await tx.query<{ status: string; owner_role: string }>(
      'SELECT status, owner_role FROM incident_steps WHERE incident_id = $1 AND step_no = $2 FOR UPDATE',
      [incidentId, stepNo],
    );
    const step = steps[0];
    if (step === undefined)
      return caseFailure('unknown_incident_step', `incident ${incidentId} has no step ${stepNo}`);
    if (step.status !== 'pending')
      return caseFailure('step_not_pending', `step ${stepNo} is already ${step.status}`);
    if (actor.role !== step.owner_role && actor.role !== 'admin')
      return {
        ok: false,
        error: { code: 'forbidden', message: `step ${stepNo} belongs to role ${step.owner_role}` },
      };
    await tx.query(
      `UPDATE incident_steps SET status = $3, done_by = $4, done_at = now(), note = $5
       WHERE incident_id = $1 AND step_no = $2`,
      [incidentId, stepNo, input.outcome, actor.id, note === '' ? null : note],
    );
    await appendAuditRecords(tx, [
      caseAudit(
        actor.id,
        incident.value.platformId,
        `incident.step_${input.outcome}`,
        'incident',
        incidentId,
        { stepNo, note },
      ),
    ]);
    return caseSuccess({ incidentId, stepNo });
  });
}

export async function recordIncidentReview(
  db: Database,
  actor: Principal,
  incidentId: string,
  review: IncidentReview,
): Promise<CaseResult<{ incidentId: string }>> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ platform_id: string | null }>(
      'SELECT platform_id FROM incidents WHERE id = $1 FOR UPDATE',
      [incidentId],
    );
    const incident = rows[0];
    if (incident === undefined)
      return caseFailure('unknown_incident', `incident ${incidentId} not found`);
    const inserted = await tx.query(
      `INSERT INTO incident_reviews (incident_id, causes, lessons, follow_up_actions, reviewed_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (incident_id) DO NOTHING RETURNING incident_id`,
      [
        incidentId,
        JSON.stringify(review.causes),
        JSON.stringify(review.lessons),
        JSON.stringify(review.followUpActions),
        actor.id,
      ],
    );
    if (inserted.length === 0)
      return caseFailure('review_exists', `incident ${incidentId} already has its review`);
    await appendAuditRecords(tx, [
      caseAudit(actor.id, incident.platform_id, 'incident.reviewed', 'incident', incidentId, {
        ...review,
      }),
    ]);
    return caseSuccess({ incidentId });
  });
}

export async function closeIncident(
  db: Database,
  actor: Principal,
  incidentId: string,
  nowMs = Date.now(),
): Promise<CaseResult<{ incidentId: string }>> {
  return db.transaction(async (tx) => {
    const incident = await lockOpenIncident(tx, incidentId);
    if (!incident.ok) return incident;
    const steps = await tx.query<{ step_no: number; status: 'pending' | IncidentStepOutcome }>(
      'SELECT step_no, status FROM incident_steps WHERE incident_id = $1 ORDER BY step_no',
      [incidentId],
    );
    const reviews = await tx.query('SELECT 1 FROM incident_reviews WHERE incident_id = $1', [
      incidentId,
    ]);
    const closable = incidentClosable(
      steps.map((s) => ({ stepNo: s.step_no, status: s.status })),
      reviews.length > 0,
    );
    if (!closable.ok) return caseFailure(closable.reason, closable.detail);
    await tx.query(
      `UPDATE incidents SET state = 'closed', closed_by = $2, closed_at = $3 WHERE id = $1`,
      [incidentId, actor.id, new Date(nowMs)],
    );
    await appendAuditRecords(tx, [
      caseAudit(
        actor.id,
        incident.value.platformId,
        'incident.closed',
        'incident',
        incidentId,
        {},
        nowMs,
      ),
    ]);
    await enqueueNotifications(tx, [
      {
        eventId: newEventId(nowMs),
        type: 'incident.closed',
        platformId: incident.value.platformId,
        atMs: nowMs,
        data: { incidentId },
      },
    ]);
    return caseSuccess({ incidentId });
  });
}

/** Notifies each overdue pending step of an open incident once. */
export async function sweepIncidentDeadlines(db: Database, nowMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{
      incident_id: string;
      step_no: number;
      owner_role: string;
      platform_id: string | null;
      is_drill: boolean;
    }>(
      `UPDATE incident_steps s SET overdue_notified_at = $1
       FROM incidents i
       WHERE i.id = s.incident_id AND i.state = 'open' AND s.status = 'pending'
         AND s.overdue_notified_at IS NULL AND s.due_at <= $1
       RETURNING s.incident_id, s.step_no, s.owner_role, i.platform_id, i.is_drill`,
      [new Date(nowMs)],
    );
    await enqueueNotifications(
      tx,
      rows.map((r) => ({
        eventId: newEventId(nowMs),
        type: 'incident.step_overdue' as const,
        platformId: r.platform_id,
        atMs: nowMs,
        data: {
          incidentId: r.incident_id,
          stepNo: r.step_no,
          ownerRole: r.owner_role,
          isDrill: r.is_drill,
        },
      })),
    );
    return rows.length;
  });
}
