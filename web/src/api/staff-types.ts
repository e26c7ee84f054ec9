/** Staff, sessions and API keys as the API returns them (src/api/routes/staff.ts, session.ts). */

export type SessionStage = 'active' | 'totp_enrolment';

export interface SessionReply {
  stage: SessionStage;
  expiresAt: string;
}

export interface EnrolmentStart {
  secret: string;
  otpauthUri: string;
  /** The QR code of otpauthUri as SVG text; shown as an image, never as markup. */
  qrSvg: string;
}

export interface StaffMember {
  id: string;
  login: string | null;
  name: string;
  role: string;
  platformIds: string[];
  createdAt: string;
  activatedAt: string | null;
  disabledAt: string | null;
  totpEnrolledAt: string | null;
  lockedUntil: string | null;
}

export interface NewStaffMember {
  login: string;
  name: string;
  role: string;
  platformIds?: string[];
  reason: string;
}

export interface StaffCreated {
  principalId: string;
  approvalId: string;
  initialPassword: string;
}

export interface ApiKeyInfo {
  id: string;
  principalId: string;
  principalName: string;
  principalKind: string;
  platformId: string | null;
  label: string;
  createdAt: string;
  activatedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyRotated {
  keyId: string;
  apiKey: string;
  approvalId: string;
}
