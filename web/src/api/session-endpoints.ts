import { apiRequest } from './api-client.js';
import type { EnrolmentStart, SessionReply } from './staff-types.js';

/**
 * Staff sign-in. The server keeps the session in an HTTP-only cookie the console never sees;
 * every later request on this origin carries it.
 */
export function startSession(body: {
  login: string;
  password: string;
  totpCode?: string;
}): Promise<SessionReply> {
  return apiRequest('/v1/session', { method: 'POST', body, quietUnauthorized: true });
}

export function endSession(): Promise<void> {
  return apiRequest('/v1/session', { method: 'DELETE', quietUnauthorized: true });
}

/** A new TOTP secret for a session that is still enrolling; calling again replaces it. */
export function startEnrolment(): Promise<EnrolmentStart> {
  return apiRequest('/v1/session/enrolment', { method: 'POST' });
}

export function completeEnrolment(body: {
  totpCode: string;
  newPassword: string;
}): Promise<SessionReply> {
  return apiRequest('/v1/session/enrolment/complete', { method: 'POST', body });
}
