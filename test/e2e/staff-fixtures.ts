/**
 * Members of staff for console tests, made the way the server makes them: an admin adds the
 * person (role grant opened), a second admin approves, and the person enrols a second factor
 * through the real session API, exactly as the console does.
 */
import { decideApproval } from '../../src/approvals/index.js';
import type { Principal } from '../../src/security/index.js';
import { SESSION_COOKIE } from '../../src/security/sessions.js';
import { createStaffMember } from '../../src/security/staff-admin.js';
import { totpCode } from '../../src/security/totp.js';
import type { StaffRole } from '../../src/security/permissions.js';
import type { Database } from '../../src/store/index.js';
import { TotpClock } from './totp-clock.js';

export interface ActiveStaff {
  principalId: string;
  login: string;
  name: string;
  password: string;
  /** Their authenticator, already used once (at enrolment). */
  totp: TotpClock;
}

/** Adds a member of staff and has `approver` (another admin) approve the role. */
export async function addApprovedStaff(
  db: Database,
  requester: Principal,
  approver: Principal,
  member: { login: string; name: string; role: StaffRole },
): Promise<{ principalId: string; initialPassword: string }> {
  const created = await createStaffMember(db, requester, { ...member, reason: 'joins the team' });
  if (!created.ok) throw new Error(created.error.message);
  const approved = await decideApproval(
    db,
    approver,
    created.value.approvalId,
    'approve',
    'identity checked',
  );
  if (!approved.ok) throw new Error(approved.error.message);
  return created.value;
}

function sessionCookie(response: Response): string {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    if (pair?.startsWith(`${SESSION_COOKIE}=`) === true) return pair;
  }
  throw new Error(`no ${SESSION_COOKIE} cookie in the answer`);
}

async function post(baseUrl: string, path: string, cookie: string | null, body?: unknown) {
  const response = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: {
      accept: 'application/json',
      ...(cookie === null ? {} : { cookie }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} -> ${response.status}: ${await response.text()}`);
  return response;
}

/** First sign-in through the API: enrol TOTP and set `password`; returns their authenticator. */
export async function enrolThroughApi(
  baseUrl: string,
  login: string,
  initialPassword: string,
  password: string,
): Promise<TotpClock> {
  const signedIn = await post(baseUrl, '/v1/session', null, { login, password: initialPassword });
  const cookie = sessionCookie(signedIn);
  const started = await post(baseUrl, '/v1/session/enrolment', cookie);
  const { secret } = (await started.json()) as { secret: string };
  const usedAtMs = Date.now();
  await post(baseUrl, '/v1/session/enrolment/complete', cookie, {
    totpCode: totpCode(secret, usedAtMs),
    newPassword: password,
  });
  return new TotpClock(secret, usedAtMs);
}

/** A member of staff who can sign in with password and TOTP right away. */
export async function activeStaff(
  db: Database,
  baseUrl: string,
  admins: { requester: Principal; approver: Principal },
  member: { login: string; name: string; role: StaffRole; password: string },
): Promise<ActiveStaff> {
  const { principalId, initialPassword } = await addApprovedStaff(
    db,
    admins.requester,
    admins.approver,
    member,
  );
  const totp = await enrolThroughApi(baseUrl, member.login, initialPassword, member.password);
  return { principalId, login: member.login, name: member.name, password: member.password, totp };
}
