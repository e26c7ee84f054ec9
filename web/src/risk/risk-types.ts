import type { Money } from '../api/index.js';

/** The risk register's API replies as the console reads them (src/api/routes/risk-register-schemas.ts). */
export interface GridCell {
  likelihood: number;
  impact: number;
  score: number;
  band?: string;
}

export interface Risk {
  id: string;
  platformId: string;
  code: string;
  title: string;
  description: string;
  category: string;
  cause: string;
  consequence: string;
  ownerId: string;
  inherent: GridCell & { band: string };
  residual: GridCell & { band: string };
  appetiteScore: number;
  toleranceScore: number;
  toleranceStatus: 'within_appetite' | 'above_appetite' | 'above_tolerance';
  treatment: string;
  treatmentPlan: string;
  transferCover: string | null;
  reviewCadenceDays: number;
  nextReviewOn: string;
  reviewState: 'overdue' | 'due_soon' | 'scheduled';
  status: string;
}

export interface LinkedControl {
  controlId: string;
  code: string;
  title: string;
  kind: string;
  declaredEffectiveness: string;
  latestOutcome: 'pass' | 'fail' | 'error' | null;
  latestRanAt: string | null;
  effectiveness: string;
}

export interface Assessment {
  id: string;
  reason: string;
  inherent: GridCell;
  residual: GridCell;
  toleranceStatus: string;
  note: string | null;
  assessedBy: string;
  assessedAt: string;
}

export interface LossTotals {
  currency: string;
  events: number;
  nearMisses: number;
  gross: Money;
  recovered: Money;
  net: Money;
}

export interface RiskDetail {
  risk: Risk;
  controls: LinkedControl[];
  history: Assessment[];
  partners: { id: string; name: string; kind: string }[];
  lossTotals: LossTotals[];
}

export interface HeatMap {
  inherent: number[][];
  residual: number[][];
}

export interface LossEvent {
  id: string;
  title: string;
  kind: 'loss' | 'near_miss';
  causeCategory: string;
  cause: string;
  occurredOn: string;
  discoveredOn: string;
  bookedOn: string | null;
  grossLoss: Money;
  potentialLoss: Money;
  recoveryInsurance: Money;
  recoveryGuarantee: Money;
  recoveryOther: Money;
  netLoss: Money;
  riskIds: string[];
  caseIds: string[];
  incidentIds: string[];
}

export interface Partner {
  id: string;
  name: string;
  kind: string;
  services: string;
  ownerId: string;
  rating: string | null;
  nextReviewOn: string;
  lastReviewedOn: string | null;
  reviewState: 'overdue' | 'due_soon' | 'scheduled';
  status: string;
  riskIds: string[];
  qualificationsExpiring: number;
}

export interface Qualification {
  id: string;
  name: string;
  issuer: string;
  expiresOn: string | null;
  state: 'expired' | 'expiring' | 'valid';
}

export interface Responsibilities {
  principalId: string;
  risks: Risk[];
  partners: Partner[];
  controls: {
    platformId: string | null;
    controlId: string;
    code: string;
    title: string;
    latestOutcome: string | null;
    latestRanAt: string | null;
    riskIds: string[];
  }[];
  overdue: {
    subjectType: string;
    subjectId: string;
    platformId: string;
    label: string;
    dueOn: string;
  }[];
  reminders: { subjectType: string; subjectId: string; platformId: string; dueOn: string }[];
}
