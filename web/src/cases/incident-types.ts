import type { Severity } from './case-types.js';

/** Wire shapes of the incidents API (src/cases/view-schemas.ts, src/api/routes/incidents.ts). */
export const INCIDENT_TYPES = [
  'misappropriation',
  'system_breach',
  'compliance_violation',
  'withdrawal_run',
  'safeguarding_shortfall',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export interface PlaybookStep {
  stepNo: number;
  title: string;
  instructions: string;
  ownerRole: string;
  deadlineMinutes: number;
}

export interface Playbook {
  id: string;
  incidentType: IncidentType;
  title: string;
  description: string;
  steps: PlaybookStep[];
}

export interface IncidentSummary {
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
}

export interface IncidentStep {
  stepNo: number;
  title: string;
  ownerRole: string;
  dueAt: string;
  status: 'pending' | 'done' | 'skipped';
  overdue: boolean;
  doneBy: string | null;
  doneAt: string | null;
  note: string | null;
}

export interface FollowUpAction {
  action: string;
  ownerRole: string;
  /** YYYY-MM-DD */
  dueDate: string;
}

export interface IncidentReview {
  causes: string[];
  lessons: string[];
  followUpActions: FollowUpAction[];
}

export interface IncidentView extends IncidentSummary {
  steps: IncidentStep[];
  review: (IncidentReview & { reviewedBy: string; createdAt: string }) | null;
}

export interface IncidentOpening {
  incidentType: IncidentType;
  title: string;
  summary: string;
  severity: Severity;
  platformId?: string;
  caseId?: string;
}
