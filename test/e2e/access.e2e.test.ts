/**
 * Access control in the console, end to end: the real server on a fresh database, the built
 * console and Debian's Chromium. The first admin signs in with the bootstrap one-time
 * password and enrols TOTP; administers staff and API keys; then an operator asks to lift a
 * freeze and a risk analyst, signed in with password and TOTP in a second browser, approves
 * it, and the operator sees it decided. Screenshots in both languages along the way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { bootstrapAdmin } from '../../src/runtime/bootstrap-admin.js';
import { totpCode } from '../../src/security/totp.js';
import type { Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import {
  chromiumAvailable,
  launchBrowser,
  openPage,
  saveScreenshot,
  type BrowserSession,
} from './browser.js';
import { consoleBuildDir } from './console-build.js';
import {
  confirmWithReason,
  openPlatform,
  screenshotBothLanguages,
  signInWithPassword,
  signOut,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';
import { activeStaff, type ActiveStaff } from './staff-fixtures.js';

/** Two sign-ins of one person may have to wait for the next 30-second TOTP step. */
const TOTP_TEST_TIMEOUT_MS = 120_000;
const ADMIN_PASSWORD = 'harbour-lantern-2291';

describe.skipIf(!chromiumAvailable())('console access control end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let bootstrapPassword: string;
  let seederId: string;
  let books: ConsoleBooks;
  let operator: ActiveStaff;
  let analyst: ActiveStaff;
  const browsers: BrowserSession[] = [];
  let adminPage: Page;
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  async function browserPage(locale: string, pathname: string): Promise<Page> {
    const browser = await launchBrowser({ locale });
    browsers.push(browser);
    return openPage(browser, at(pathname));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const secrets = await bootstrapAdmin(db, undefined);
    if (secrets === null) throw new Error('the fresh database already had staff');
    bootstrapPassword = secrets.initialPassword;
    // Two more admins (API keys only) seed the books and approve the new colleagues.
    const seeder = await bootstrapStaff(db, 'Seeding Admin');
    const approver = await bootstrapStaff(db, 'Second Admin');
    seederId = seeder.principal.id;
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
      signInAttemptsPerMinute: 1_000,
    });
    books = await seedConsoleBooks(server.url, seeder.apiKey);
    const admins = { requester: seeder.principal, approver: approver.principal };
    operator = await activeStaff(db, server.url, admins, {
      login: 'wang.fang',
      name: 'Wang Fang',
      role: 'operator',
      password: 'teal-otter-railway-48',
    });
    analyst = await activeStaff(db, server.url, admins, {
      login: 'li.wei',
      name: 'Li Wei',
      role: 'risk_analyst',
      password: 'quiet-maple-orbit-73',
    });
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
    await db?.close();
  });

  it('lets the first admin sign in with the one-time password and enrol TOTP', async () => {
    adminPage = await browserPage('en-US', '/');
    const page = adminPage;
    await page.waitForURL(/\/console\/sign-in$/);
    await waitForHeading(page, 'Sign in to the console');
    await screenshotBothLanguages(page, 'access-sign-in', '登录控制台');

    await signInWithPassword(page, 'admin', 'not-the-password');
    const refused = page.locator('[role="alert"][data-problem-code="invalid_credentials"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('not right');
    await saveScreenshot(page, 'access-sign-in-refused-en');

    await page.reload();
    await signInWithPassword(page, 'admin', bootstrapPassword);
    await page.waitForURL(/\/console\/enrolment$/);
    await waitForHeading(page, 'Set up your second factor');
    const qr = page.locator('img.enrolment-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const secret = (await page.locator('[data-testid="totp-secret"]').innerText()).replace(
      /\s+/g,
      '',
    );
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await screenshotBothLanguages(page, 'access-enrolment', '设置第二重验证');

    const form = page.locator('[data-testid="enrolment-form"]');
    await form.locator('input[name="totpCode"]').fill(totpCode(secret, Date.now()));
    await form.locator('input[name="newPassword"]').fill(ADMIN_PASSWORD);
    await form.locator('input[name="confirmPassword"]').fill('harbour-lantern-2292');
    await form.locator('button[type="submit"]').click();
    expect(
      await form.locator('[data-password-problem]').getAttribute('data-password-problem'),
    ).toBe('mismatch');
    await form.locator('input[name="confirmPassword"]').fill(ADMIN_PASSWORD);
    await form.locator('button[type="submit"]').click();

    await page.waitForURL(/\/console\/platforms/);
    const who = await page.locator('[data-testid="principal"]').innerText();
    expect(who).toContain('admin');
    expect(who).toContain('Administrator');
    const nav = await page.locator('.sidebar nav').innerText();
    expect(nav).toContain('Staff');
    expect(nav).toContain('API keys');
  });

  it('adds a member of staff, shows the one-time password, asks for a role change, disables', async () => {
    const page = adminPage;
    await page.locator('.sidebar a', { hasText: 'Staff' }).click();
    await waitForHeading(page, 'Staff');
    const operatorRow = page.locator(`tr[data-login="${operator.login}"]`);
    await operatorRow.waitFor();
    expect(await operatorRow.locator('[data-status]').getAttribute('data-status')).toBe('active');

    await page.locator('.page-actions button', { hasText: 'Add member' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('input[name="login"]').fill('zhao.min');
    await dialog.locator('input[name="name"]').fill('Zhao Min');
    await dialog.locator('select[name="role"]').selectOption('regulator');
    await dialog.locator(`input[name="platformIds"][value="${books.platformId}"]`).check();
    await saveScreenshot(page, 'access-staff-add-dialog-en');
    await confirmWithReason(page, 'New supervisor from the regulator');
    const password = page.locator('[data-testid="initial-password-value"]');
    await password.waitFor();
    expect((await password.innerText()).length).toBeGreaterThanOrEqual(20);
    expect(await page.locator('[data-testid="initial-password"]').innerText()).toContain(
      'zhao.min',
    );
    const newRow = page.locator('tr[data-login="zhao.min"]');
    await newRow.waitFor();
    expect(await newRow.locator('[data-status]').getAttribute('data-status')).toBe(
      'awaitingApproval',
    );
    await screenshotBothLanguages(page, 'access-staff', '员工');

    await page.locator('[data-testid="initial-password"] button', { hasText: 'copied' }).click();
    await page.locator('[data-testid="initial-password"]').waitFor({ state: 'detached' });

    const analystRow = page.locator(`tr[data-login="${analyst.login}"]`);
    await analystRow.locator('button', { hasText: 'Change role' }).click();
    await page.locator('dialog[open] select[name="role"]').selectOption('compliance_officer');
    await confirmWithReason(page, 'Moves to the compliance team');
    expect(await page.locator('[role="status"]').innerText()).toContain('second administrator');

    await newRow.locator('button', { hasText: 'Disable' }).click();
    await confirmWithReason(page, 'Start date moved');
    await page.locator('tr[data-login="zhao.min"] [data-status="disabled"]').waitFor();
  });

  it('rotates an API key (shown once, inactive until approved) and revokes it', async () => {
    const page = adminPage;
    await page.locator('.sidebar a', { hasText: 'API keys' }).click();
    await waitForHeading(page, 'API keys');
    const seederKey = page.locator(`tr[data-principal-id="${seederId}"]`).first();
    await seederKey.waitFor();
    await seederKey.locator('button', { hasText: 'Rotate' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('input[name="label"]').fill('automation 2');
    await dialog.locator('select[name="overlapHours"]').selectOption('1');
    await confirmWithReason(page, 'Yearly rotation');
    const shown = page.locator('[data-testid="new-api-key-value"]');
    await shown.waitFor();
    const newKey = await shown.innerText();
    expect(await page.locator('[data-testid="new-api-key"]').innerText()).toContain('1 hour');
    const me = await fetch(at('/v1/me'), { headers: { authorization: `Bearer ${newKey}` } });
    expect(me.status).toBe(401);
    const pending = page.locator('tr[data-key-id] [data-status="awaitingApproval"]');
    await pending.waitFor();
    await screenshotBothLanguages(page, 'access-api-keys', 'API 密钥');

    const pendingRow = page.locator('tr[data-key-id]', {
      has: page.locator('[data-status="awaitingApproval"]'),
    });
    await pendingRow.locator('button', { hasText: 'Revoke' }).click();
    await confirmWithReason(page, 'Issued by mistake');
    expect(await page.locator('[role="status"]').innerText()).toContain('revoked');
    // The notice comes before the list reloads: wait for the list rather than race it.
    await expect
      .poll(() => page.locator('tr[data-key-id] [data-status="awaitingApproval"]').count())
      .toBe(0);
  });

  it("shows the admin's own requests as waiting for a second person", async () => {
    const page = adminPage;
    await page.locator('.sidebar a', { hasText: 'Approvals' }).click();
    await waitForHeading(page, 'Approvals');
    const roleGrant = page.locator('tr[data-action="principal.role_grant"]', {
      hasText: 'Li Wei',
    });
    await roleGrant.waitFor();
    expect(await roleGrant.innerText()).toContain('Give Li Wei the role Compliance officer');
    expect(await roleGrant.locator('[data-testid="awaiting-second-person"]').count()).toBe(1);
    expect(await roleGrant.locator('button', { hasText: 'Approve' }).count()).toBe(0);
    // The rotated key was revoked before anyone approved it: its request is closed too.
    expect(await page.locator('tr[data-action="api_key.activate"]').count()).toBe(0);
    await screenshotBothLanguages(page, 'access-approvals-admin', '审批');
  });

  it(
    'lets a second person, signed in with password and TOTP, approve an unfreeze',
    async () => {
      // The operator asks to lift the freeze.
      const a = await browserPage('en-US', '/console/freezes');
      await a.waitForURL(/\/console\/sign-in/);
      await signInWithPassword(a, operator.login, operator.password, () =>
        operator.totp.nextCode(),
      );
      await openPlatform(a, books.platformId);
      await a.waitForURL(/\/console\/freezes$/);
      const nav = await a.locator('.sidebar nav').innerText();
      expect(nav).not.toContain('Staff');
      expect(nav).not.toContain('API keys');
      const freeze = a.locator(`tr[data-freeze-id="${books.freezeId}"]`);
      await freeze.locator('button', { hasText: 'Request unfreeze' }).click();
      await confirmWithReason(a, 'Investigation closed, no findings');
      expect(await a.locator('[role="status"]').innerText()).toContain('second person');
      await a.locator('.sidebar a', { hasText: 'Approvals' }).click();
      const request = a.locator('tr[data-action="freeze.lift"]');
      await request.locator('[data-testid="awaiting-second-person"]').waitFor();
      expect(await request.innerText()).toContain('Lift freeze');

      // The risk analyst signs in in another browser, in Chinese, with password and code.
      const b = await browserPage('zh-CN', '/console/approvals');
      await b.waitForURL(/\/console\/sign-in/);
      await waitForHeading(b, '登录控制台');
      await b.locator('[data-testid="password-form"] input[name="login"]').fill(analyst.login);
      await b
        .locator('[data-testid="password-form"] input[name="password"]')
        .fill(analyst.password);
      await b.locator('[data-testid="password-form"] button[type="submit"]').click();
      await b.locator('input[name="totpCode"]').waitFor();
      await saveScreenshot(b, 'access-sign-in-totp-zh-CN');
      await b.locator('input[name="totpCode"]').fill(await analyst.totp.nextCode());
      await b.locator('[data-testid="password-form"] button[type="submit"]').click();
      await b.waitForURL(/\/console\/approvals$/);
      await waitForHeading(b, '审批');
      const toDecide = b.locator('tr[data-action="freeze.lift"]');
      await toDecide.waitFor();
      expect(await toDecide.innerText()).toContain('Investigation closed, no findings');
      // A risk analyst decides freezes, not key activations or role grants.
      const roleGrant = b.locator('tr[data-action="principal.role_grant"]').first();
      expect(await roleGrant.innerText()).toContain('由其他角色审批');
      await saveScreenshot(b, 'access-approvals-second-person-zh-CN');
      await toDecide.locator('button', { hasText: '批准' }).click();
      await confirmWithReason(b, 'Checked the case file');
      await b.locator('tr[data-action="freeze.lift"]').waitFor({ state: 'detached' });
      expect(await b.locator('[role="status"]').innerText()).toContain('已批准');

      // The operator sees the request decided and the freeze gone.
      await a.goto(at('/console/approvals?status=approved'));
      const decided = a.locator('tr[data-action="freeze.lift"][data-status="approved"]');
      await decided.waitFor();
      expect(await decided.locator('[data-testid="decision"]').innerText()).toContain(
        'Checked the case file',
      );
      await screenshotBothLanguages(a, 'access-approvals-decided', '审批');
      await a.locator('.sidebar a', { hasText: 'Freezes' }).click();
      await a.locator('[data-testid="freezes-table"] .empty-row').waitFor();
      await waitForIdle(a);

      await signOut(a);
      const stillSignedIn = await a.evaluate(async () => (await fetch('/v1/me')).status);
      expect(stillSignedIn).toBe(401);
    },
    TOTP_TEST_TIMEOUT_MS,
  );

  it('raised no script errors', () => {
    // Refused requests (wrong password, the signed-out check) are logged by Chromium as
    // failed resource loads; those are expected. Anything else is a console bug.
    const errors = browsers
      .flatMap((browser) => browser.pageErrors)
      .filter((line) => !line.includes('Failed to load resource'));
    expect(errors).toEqual([]);
  });
});
