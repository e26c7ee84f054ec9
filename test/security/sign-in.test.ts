import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideApproval } from '../../src/approvals/index.js';
import { authenticateSession, SESSION_IDLE_MS } from '../../src/security/sessions.js';
import { createStaffMember } from '../../src/security/staff-admin.js';
import { totpCode } from '../../src/security/totp.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

let api: ApiHarness;

beforeAll(async () => {
  api = await createApiHarness({ signInAttemptsPerMinute: 1_000 });
}, 60_000);
afterAll(() => api.close());

interface CookieReply {
  status: number;
  body: Record<string, unknown>;
  cookie: string | null;
}

async function send(
  method: string,
  url: string,
  options: { body?: unknown; cookie?: string | null; origin?: string } = {},
): Promise<CookieReply> {
  const response = await api.app.inject({
    method: method as 'POST',
    url,
    headers: {
      host: 'custos.test',
      ...(options.cookie == null ? {} : { cookie: `custos_session=${options.cookie}` }),
      ...(options.origin === undefined ? {} : { origin: options.origin }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });
  const setCookie = response.cookies.find((c) => c.name === 'custos_session');
  return {
    status: response.statusCode,
    body: response.body.startsWith('{')
      ? (JSON.parse(response.body) as Record<string, unknown>)
      : {},
    cookie: setCookie === undefined ? null : setCookie.value,
  };
}

/** Adds a member of staff through the four-eyes path and returns their one-time password. */
async function addStaff(login: string, role: 'operator' | 'risk_analyst' | 'admin') {
  const created = await createStaffMember(api.db, api.books.staff, {
    login,
    name: login,
    role,
    reason: 'new colleague',
  });
  if (!created.ok) throw new Error(created.error.message);
  const second = await api.db.transaction(async (tx) => {
    const { createPrincipalWithKey } = await import('../../src/security/index.js');
    return createPrincipalWithKey(tx, {
      kind: 'staff',
      platformId: null,
      role: 'admin',
      name: `second admin for ${login}`,
    });
  });
  const approved = await decideApproval(
    api.db,
    second.principal,
    created.value.approvalId,
    'approve',
    'checked ID',
  );
  if (!approved.ok) throw new Error(approved.error.message);
  return created.value;
}

/** Signs in for the first time, enrols TOTP and sets a password; returns the active cookie. */
async function enrol(login: string, initialPassword: string, newPassword: string) {
  const first = await send('POST', '/v1/session', { body: { login, password: initialPassword } });
  expect(first.status).toBe(200);
  expect(first.body.stage).toBe('totp_enrolment');
  const blocked = await send('GET', '/v1/platforms', { cookie: first.cookie });
  expect(blocked.status).toBe(401);
  const started = await send('POST', '/v1/session/enrolment', {
    cookie: first.cookie,
    origin: 'http://custos.test',
  });
  expect(started.status).toBe(200);
  expect(String(started.body.qrSvg)).toContain('<svg');
  const secret = String(started.body.secret);
  const done = await send('POST', '/v1/session/enrolment/complete', {
    cookie: first.cookie,
    body: { totpCode: totpCode(secret, Date.now()), newPassword },
  });
  expect(done.status).toBe(200);
  expect(done.cookie).not.toBeNull();
  return { secret, cookie: done.cookie as string };
}

describe('staff sign-in', () => {
  it('limits sign-in attempts per client address', async () => {
    const strict = await createApiHarness({ signInAttemptsPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const response = await strict.app.inject({
          method: 'POST',
          url: '/v1/session',
          payload: { login: 'nobody', password: 'not a password' },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await strict.close();
    }
  });

  it('is unavailable until a second admin approves the role', async () => {
    const created = await createStaffMember(api.db, api.books.staff, {
      login: 'pending.person',
      name: 'Pending',
      role: 'operator',
      reason: 'joins ops',
    });
    if (!created.ok) throw new Error(created.error.message);
    const attempt = await send('POST', '/v1/session', {
      body: { login: 'pending.person', password: created.value.initialPassword },
    });
    expect(attempt.status).toBe(401);
    const self = await decideApproval(
      api.db,
      api.books.staff,
      created.value.approvalId,
      'approve',
      'me',
    );
    expect(self.ok ? 'approved' : self.error.code).toBe('self_approval');
  });

  it('enrols TOTP at first sign-in, then needs password and a fresh code', async () => {
    const { initialPassword } = await addStaff('olivia.ops', 'operator');
    const { secret, cookie } = await enrol('olivia.ops', initialPassword, 'correct horse battery');
    const me = await send('GET', '/v1/me', { cookie });
    expect(me.status).toBe(200);
    expect((me.body.principal as { role: string }).role).toBe('operator');

    const oldPassword = await send('POST', '/v1/session', {
      body: {
        login: 'olivia.ops',
        password: initialPassword,
        totpCode: totpCode(secret, Date.now()),
      },
    });
    expect(oldPassword.status).toBe(401);
    const noCode = await send('POST', '/v1/session', {
      body: { login: 'olivia.ops', password: 'correct horse battery' },
    });
    expect(noCode.body.code).toBe('totp_required');
  });

  it('refuses a replayed TOTP code', async () => {
    const { initialPassword } = await addStaff('rui.risk', 'risk_analyst');
    const { secret } = await enrol('rui.risk', initialPassword, 'another long password');
    // The enrolment used the current step; the next step's code works once.
    const nextStepMs = Date.now() + 30_000;
    const code = totpCode(secret, nextStepMs);
    const first = await send('POST', '/v1/session', {
      body: { login: 'rui.risk', password: 'another long password', totpCode: code },
    });
    expect(first.status).toBe(200);
    const replay = await send('POST', '/v1/session', {
      body: { login: 'rui.risk', password: 'another long password', totpCode: code },
    });
    expect(replay.status).toBe(401);
    const events = await api.db.query<{ detail: { reason: string } }>(
      "SELECT detail FROM security_events WHERE kind = 'signin_failed' ORDER BY id DESC LIMIT 1",
    );
    expect(events[0]?.detail.reason).toBe('totp_replayed');
  });

  it('signs out at once, and refuses cross-origin changes with a session', async () => {
    const { initialPassword } = await addStaff('sam.signout', 'operator');
    const { cookie } = await enrol('sam.signout', initialPassword, 'a good long password');
    const crossOrigin = await send('POST', '/v1/platforms/x_1/freezes', {
      cookie,
      origin: 'https://evil.example',
      body: {},
    });
    expect(crossOrigin.status).toBe(403);
    const out = await send('DELETE', '/v1/session', { cookie });
    expect(out.status).toBe(204);
    const after = await send('GET', '/v1/me', { cookie });
    expect(after.status).toBe(401);
  });

  it('ends idle sessions', async () => {
    const { initialPassword } = await addStaff('ida.idle', 'operator');
    const { cookie } = await enrol('ida.idle', initialPassword, 'idle but long enough');
    expect(await authenticateSession(api.db, cookie, Date.now())).not.toBeNull();
    expect(
      await authenticateSession(api.db, cookie, Date.now() + SESSION_IDLE_MS + 61_000),
    ).toBeNull();
  });

  it('locks a login after five failures and records each', async () => {
    const { initialPassword } = await addStaff('lou.locked', 'operator');
    await enrol('lou.locked', initialPassword, 'the real password');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await send('POST', '/v1/session', {
        body: { login: 'lou.locked', password: `wrong password ${attempt}`, totpCode: '000000' },
      });
      expect(wrong.status).toBe(401);
    }
    const locked = await api.db.query<{ locked_until: Date | null }>(
      "SELECT locked_until FROM principals WHERE login = 'lou.locked'",
    );
    expect(locked[0]?.locked_until).not.toBeNull();
    const lockEvents = await api.db.query(
      "SELECT 1 FROM security_events WHERE kind = 'login_locked'",
    );
    expect(lockEvents.length).toBeGreaterThan(0);
  });
});
