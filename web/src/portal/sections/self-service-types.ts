/** What the portal's self-service routes answer (complaints, privacy requests, risk notices). */

export const COMPLAINT_CATEGORIES = [
  'unauthorized_transaction',
  'restriction_objection',
  'service',
  'fees',
  'privacy',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export interface PortalComplaint {
  id: string;
  category: ComplaintCategory;
  state: string;
  freezeId: string | null;
  acknowledgeDueAt: string;
  resolveDueAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  overdue: string | null;
  textErased: boolean;
}

export interface PortalComplaintDetail {
  complaint: PortalComplaint;
  subject: string | null;
  description: string | null;
  outcome: string | null;
  events: { kind: string; at: string; text: string | null }[];
}

export interface ComplaintInput {
  category: ComplaintCategory;
  subject: string;
  description: string;
  freezeId?: string;
  attachments?: { fileName: string; contentBase64: string }[];
}

export const PRIVACY_KINDS = ['export', 'correction', 'deletion'] as const;
export type PrivacyKind = (typeof PRIVACY_KINDS)[number];
export const CORRECTABLE_FIELDS = ['name', 'idNumber', 'phone', 'email', 'address'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

export interface DeletionAnswer {
  erased: { category: string; items: number; detail: string }[];
  kept: { category: string; basis: string; until: string | null }[];
  restricted: boolean;
}

export interface PortalPrivacyRequest {
  id: string;
  kind: PrivacyKind;
  state: 'received' | 'completed' | 'refused';
  dueAt: string;
  overdue: boolean;
  answer: Record<string, unknown> | null;
  export: {
    sha256: string;
    bytes: number;
    available: boolean;
    expiresAt: string | null;
    downloadedAt: string | null;
  } | null;
  createdAt: string;
  closedAt: string | null;
}

export interface PortalRiskNotice {
  id: string;
  productCode: string;
  version: number;
  riskLevel: 'low' | 'medium' | 'high';
  titleEn: string;
  bodyEn: string;
  titleZh: string;
  bodyZh: string;
  publishedAt: string;
  acknowledged: boolean;
}

export interface LodgedComplaint {
  complaintId: string;
  replayed: boolean;
  acknowledgeDueAt: string;
  resolveDueAt: string;
}
