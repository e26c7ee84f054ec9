/**
 * Whether this tab's session is still enrolling its second factor. The session cookie is
 * HTTP-only and GET /v1/me refuses an enrolling session, so after a reload the console would
 * not otherwise know to show the enrolment page rather than the sign-in page.
 */
const ENROLLING_STORAGE_KEY = 'custos.enrolling';

export function readEnrolling(): boolean {
  return sessionStorage.getItem(ENROLLING_STORAGE_KEY) === '1';
}

export function writeEnrolling(): void {
  sessionStorage.setItem(ENROLLING_STORAGE_KEY, '1');
}

export function clearEnrolling(): void {
  sessionStorage.removeItem(ENROLLING_STORAGE_KEY);
}
