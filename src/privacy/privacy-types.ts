import type { PersonalData } from '../security/personal-data.js';

export const PRIVACY_REQUEST_KINDS = ['export', 'correction', 'deletion'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

export const PRIVACY_REQUEST_STATES = ['received', 'completed', 'refused'] as const;
export type PrivacyRequestState = (typeof PRIVACY_REQUEST_STATES)[number];

/** Personal fields a customer may have corrected (PIPL Art. 46). */
export const CORRECTABLE_FIELDS = ['name', 'idNumber', 'phone', 'email', 'address'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export type Correction = Partial<Pick<PersonalData, CorrectableField>>;

export interface PrivacyRequestView {
  id: string;
  platformId: string;
  customerId: string;
  kind: PrivacyRequestKind;
  channel: string;
  state: PrivacyRequestState;
  dueAt: string;
  overdue: boolean;
  answer: Record<string, unknown> | null;
  export: {
    sha256: string;
    bytes: number;
    available: boolean;
    expiresAt: string | null;
    downloadedAt: string | null;
    downloadedBy: string | null;
  } | null;
  requestedBy: string;
  decidedBy: string | null;
  createdAt: string;
  closedAt: string | null;
}
