/** The complaints, privacy request and risk notice API as the console reads it. */
export const COMPLAINT_CATEGORIES = [
  'unauthorized_transaction',
  'service',
  'fees',
  'privacy',
  'restriction_objection',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_STATES = [
  'received',
  'acknowledged',
  'investigating',
  'escalated',
  'resolved',
  'rejected',
] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

export type ComplaintCommand = 'acknowledge' | 'investigate' | 'escalate' | 'resolve' | 'reject';

export interface ComplaintView {
  id: string;
  customerId: string;
  category: ComplaintCategory;
  channel: string;
  state: ComplaintState;
  freezeId: string | null;
  instructionIds: string[];
  caseId: string | null;
  incidentId: string | null;
  acknowledgeDueAt: string;
  resolveDueAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  overdue: 'acknowledge' | 'resolve' | null;
  answeredLate: boolean;
  textErased: boolean;
}

export interface ComplaintList {
  items: ComplaintView[];
  nextCursor: string | null;
}

export interface ComplaintDetail {
  complaint: ComplaintView;
  subject: string | null;
  description: string | null;
  outcome: string | null;
  events: {
    kind: string;
    actor: string;
    detail: Record<string, unknown>;
    text: string | null;
    hasText: boolean;
    at: string;
  }[];
  attachments: { id: string; mediaType: string; sizeBytes: number; sha256: string }[];
  allowedCommands: ComplaintCommand[];
}

export interface StatisticsRow {
  platformId: string;
  category: ComplaintCategory;
  month: string;
  received: number;
  closed: number;
  overdue: number;
  overdueShare: number;
  medianHoursToResolve: number | null;
}

export interface PrivacyRequestView {
  id: string;
  customerId: string;
  kind: 'export' | 'correction' | 'deletion';
  channel: string;
  state: 'received' | 'completed' | 'refused';
  dueAt: string;
  overdue: boolean;
  answer: Record<string, unknown> | null;
  export: { sha256: string; bytes: number; available: boolean; downloadedAt: string | null } | null;
  createdAt: string;
}

export interface RiskNotice {
  id: string;
  productCode: string;
  version: number;
  riskLevel: 'low' | 'medium' | 'high';
  titleEn: string;
  bodyEn: string;
  titleZh: string;
  bodyZh: string;
  sha256En: string;
  sha256Zh: string;
  publishedBy: string;
  publishedAt: string;
}
