export const INCIDENT_TYPES = [
  'misappropriation',
  'system_breach',
  'compliance_violation',
  'withdrawal_run',
  'safeguarding_shortfall',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_STEP_OUTCOMES = ['done', 'skipped'] as const;
export type IncidentStepOutcome = (typeof INCIDENT_STEP_OUTCOMES)[number];

export const INCIDENT_REVIEW_ITEMS_MAX = 50;
export const INCIDENT_TEXT_LENGTH_MAX = 4_000;
export const INCIDENTS_PER_PAGE_MAX = 200;

export interface PlaybookStepView {
  stepNo: number;
  title: string;
  instructions: string;
  ownerRole: string;
  deadlineMinutes: number;
}

export interface PlaybookView {
  id: string;
  incidentType: IncidentType;
  title: string;
  description: string;
  steps: PlaybookStepView[];
}

export interface IncidentStepView {
  stepNo: number;
  title: string;
  ownerRole: string;
  dueAt: string;
  status: 'pending' | IncidentStepOutcome;
  overdue: boolean;
  doneBy: string | null;
  doneAt: string | null;
  note: string | null;
}

export interface FollowUpAction {
  action: string;
  ownerRole: string;
  dueDate: string;
}

export interface IncidentReview {
  causes: string[];
  lessons: string[];
  followUpActions: FollowUpAction[];
}

export interface IncidentView {
  id: string;
  platformId: string | null;
  incidentType: IncidentType;
  playbookId: string;
  title: string;
  summary: string;
  severity: string;
  isDrill: boolean;
  state: 'open' | 'closed';
  caseId: string | null;
  openedBy: string;
  openedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  steps: IncidentStepView[];
  review: (IncidentReview & { reviewedBy: string; createdAt: string }) | null;
}

/**
 * Whether an incident may close: every step done or skipped (a skip carries its reason), and
 * the post-incident review recorded. Drills close on the same terms: a drill rehearses them.
 */
export function incidentClosable(
  steps: readonly Pick<IncidentStepView, 'status' | 'stepNo'>[],
  hasReview: boolean,
): { ok: true } | { ok: false; reason: 'incident_steps_open' | 'review_missing'; detail: string } {
  const pending = steps.filter((s) => s.status === 'pending').map((s) => s.stepNo);
  if (pending.length > 0)
    return {
      ok: false,
      reason: 'incident_steps_open',
      detail: `steps ${pending.join(', ')} are still open`,
    };
  if (!hasReview)
    return { ok: false, reason: 'review_missing', detail: 'record the post-incident review first' };
  return { ok: true };
}
