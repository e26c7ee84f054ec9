import type {
  IncidentReview,
  IncidentStepView,
  IncidentType,
  IncidentView,
} from './incident-types.js';

const iso = (value: unknown) => new Date(value as Date).toISOString();
const isoOrNull = (value: unknown) => (value === null || value === undefined ? null : iso(value));

export function incidentFromRows(
  row: Record<string, unknown>,
  steps: readonly Record<string, unknown>[],
  review: Record<string, unknown> | null,
  nowMs: number,
): IncidentView {
  return {
    id: String(row.id),
    platformId: (row.platform_id as string | null) ?? null,
    incidentType: row.incident_type as IncidentType,
    playbookId: String(row.playbook_id),
    title: String(row.title),
    summary: String(row.summary),
    severity: String(row.severity),
    isDrill: row.is_drill === true,
    state: row.state as 'open' | 'closed',
    caseId: (row.case_id as string | null) ?? null,
    openedBy: String(row.opened_by),
    openedAt: iso(row.opened_at),
    closedBy: (row.closed_by as string | null) ?? null,
    closedAt: isoOrNull(row.closed_at),
    steps: steps.map((s): IncidentStepView => ({
      stepNo: Number(s.step_no),
      title: String(s.title),
      ownerRole: String(s.owner_role),
      dueAt: iso(s.due_at),
      status: s.status as IncidentStepView['status'],
      overdue: s.status === 'pending' && new Date(s.due_at as Date).getTime() <= nowMs,
      doneBy: (s.done_by as string | null) ?? null,
      doneAt: isoOrNull(s.done_at),
      note: (s.note as string | null) ?? null,
    })),
    review:
      review === null
        ? null
        : {
            causes: review.causes as string[],
            lessons: review.lessons as string[],
            followUpActions: review.follow_up_actions as IncidentReview['followUpActions'],
            reviewedBy: String(review.reviewed_by),
            createdAt: iso(review.created_at),
          },
  };
}
