/**
 * The customer portal end to end in Debian's Chromium with a virtual WebAuthn authenticator
 * (CDP WebAuthn domain: CTAP2, internal, resident keys, user verification). The platform
 * sends an enrolment link; the customer registers a passkey, sees a pending payment request
 * and authorizes it with the passkey; it posts. An assertion sent for another request (an
 * altered instruction) is refused and nothing moves. Then the customer signs out and back in
 * with the passkey alone, and removes a second passkey on the passkeys page (the last one cannot
 * be removed). Portal pages never ask for the staff session (GET /v1/me); a console page
 * reached from the portal does. Screenshots of every portal page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { SoftwareAuthenticator } from '../portal/software-authenticator.js';
import { apiCaller, type ApiCaller } from './api-caller.js';
import {
  chromiumAvailable,
  launchBrowser,
  openPage,
  saveScreenshot,
  type BrowserSession,
} from './browser.js';
import { consoleBuildDir } from './console-build.js';

const FLOW_TIMEOUT_MS = 180_000;

let db: Database;
let server: RunningServer;
let base: string;
let books: TestBooks;
let platform: ApiCaller;
let browser: BrowserSession;

async function paymentRequest(amount: string, purpose: string): Promise<string> {
  const [payer, payee] = books.customers;
  const created = await platform.call<{ id: string }>(
    'POST',
    `/v1/platforms/${books.platformId}/payment-requests`,
    {
      type: 'transfer',
      idempotencyKey: `e2e-${purpose}-${amount}`,
      payerAccountId: payer?.accountId,
      payeeAccountId: payee?.accountId,
      amount,
      currency: 'CNY',
      purpose,
      expiresAt: new Date(Date.now() + 60 * 60_000).toISOString(),
    },
  );
  return created.id;
}

async function payerPosted(): Promise<string> {
  const account = await platform.call<{ balance: { posted: { amount: string } } }>(
    'GET',
    `/v1/platforms/${books.platformId}/accounts/${books.customers[0]?.accountId ?? ''}`,
  );
  return account.balance.posted.amount;
}

async function requestStatus(id: string): Promise<string> {
  const found = await platform.call<{ status: string }>(
    'GET',
    `/v1/platforms/${books.platformId}/payment-requests/${id}`,
  );
  return found.status;
}

/**
 * A second passkey for the customer, registered through the API with a software authenticator
 * from a new enrolment link, as another device of the customer would. Returns its credential id.
 */
async function secondPasskey(customerId: string): Promise<string> {
  const link = await platform.call<{ token: string }>(
    'POST',
    `/v1/platforms/${books.platformId}/customers/${customerId}/portal-enrolments`,
    {},
  );
  const options = await platform.call<{ challenge: string; user: { id: string } }>(
    'POST',
    '/v1/portal/enrolment/options',
    { token: link.token },
  );
  const device = new SoftwareAuthenticator('localhost', base);
  await platform.call('POST', '/v1/portal/enrolment', {
    token: link.token,
    response: device.register(options),
  });
  return device.id;
}

async function revokedAt(credentialId: string): Promise<Date | null> {
  const rows = await db.query<{ revoked_at: Date | null }>(
    'SELECT revoked_at FROM passkey_credentials WHERE id = $1',
    [credentialId],
  );
  return rows[0]?.revoked_at ?? null;
}

async function virtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

describe.skipIf(!chromiumAvailable())('customer portal in Chromium', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    books = await createTestBooks(db, 2);
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
    });
    base = server.url.replace('127.0.0.1', 'localhost');
    platform = apiCaller(base, books.apiKey);
    await platform.call('POST', `/v1/platforms/${books.platformId}/instructions`, {
      type: 'deposit',
      amount: '1000.00',
      currency: 'CNY',
      purpose: 'Top-up',
      payeeAccountId: books.customers[0]?.accountId,
      idempotencyKey: 'e2e-deposit',
    });
    browser = await launchBrowser({ locale: 'en-US' });
  }, FLOW_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it(
    'enrols, authorizes with the passkey, refuses an altered instruction, signs in again',
    async () => {
      const link = await platform.call<{ path: string }>(
        'POST',
        `/v1/platforms/${books.platformId}/customers/${books.customers[0]?.customerId ?? ''}/portal-enrolments`,
        {},
      );
      const page = await openPage(browser, 'about:blank');
      // The staff session check (GET /v1/me) is for console pages only.
      const staffChecks: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/v1/me') staffChecks.push(page.url());
      });
      await virtualAuthenticator(page);
      await page.goto(`${base}${link.path}`);
      await page.getByTestId('portal-enrol').waitFor();
      await saveScreenshot(page, 'portal enrol');
      const first = await paymentRequest('12.34', 'Loan repayment');
      await page.getByTestId('portal-enrol').click();
      await page.waitForURL('**/console/portal/pending');
      await page
        .getByTestId('portal-request')
        .first()
        .waitFor()
        .catch(async (error: unknown) => {
          await saveScreenshot(page, 'portal pending failed');
          throw new Error(`${String(error)}\n${browser.pageErrors.join('\n')}`);
        });
      await saveScreenshot(page, 'portal pending');

      await page.locator(`[data-request-id="${first}"] [data-testid="portal-authorize"]`).click();
      await page.getByTestId('portal-done').waitFor();
      expect(await requestStatus(first)).toBe('posted');
      expect(await payerPosted()).toBe('987.66');
      await saveScreenshot(page, 'portal authorized');

      // An assertion for one request sent as the authorization of another: refused, nothing moves.
      const signed = await paymentRequest('5.00', 'Small fee');
      const altered = await paymentRequest('500.00', 'Large transfer');
      await page.reload();
      await page.route(`**/v1/portal/payment-requests/${signed}/authorization`, (route) =>
        route.continue({ url: route.request().url().replace(signed, altered) }),
      );
      await page.locator(`[data-request-id="${signed}"] [data-testid="portal-authorize"]`).click();
      const refusal = page.locator('[data-problem-code="bad_passkey_assertion"]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('challenge');
      expect(await requestStatus(signed)).toBe('awaiting_authorization');
      expect(await requestStatus(altered)).toBe('awaiting_authorization');
      expect(await payerPosted()).toBe('987.66');
      await saveScreenshot(page, 'portal altered refused');
      await page.unroute(`**/v1/portal/payment-requests/${signed}/authorization`);

      // Sign out, then back in with the passkey alone (a discoverable credential).
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByTestId('portal-passkey-sign-in').waitFor();
      await saveScreenshot(page, 'portal sign in');
      await page.getByTestId('portal-passkey-sign-in').click();
      await page.waitForURL('**/console/portal/pending');
      await page.goto(`${base}/console/portal/balances`);
      await page.getByTestId('portal-balance').first().waitFor();
      expect(await page.getByTestId('portal-balance').first().textContent()).toContain('987.66');
      await saveScreenshot(page, 'portal balances');
      await page.goto(`${base}/console/portal/statements`);
      await page.getByTestId('portal-statement-pdf').first().waitFor();
      const href = await page.getByTestId('portal-statement-csv').first().getAttribute('href');
      const csv = await page.evaluate(async (url) => (await fetch(url ?? '')).text(), href);
      expect(csv).toContain('987.66');
      await saveScreenshot(page, 'portal statements');
      await page.goto(`${base}/console/portal/history`);
      await page.getByTestId('portal-history').waitFor();
      await saveScreenshot(page, 'portal history');

      // Passkeys: the only one cannot be removed; with a second one, either can.
      const customerId = books.customers[0]?.customerId ?? '';
      await page.goto(`${base}/console/portal/passkeys`);
      await page.getByTestId('portal-passkeys-last').waitFor();
      expect(await page.getByTestId('portal-passkey').count()).toBe(1);
      expect(await page.getByTestId('portal-passkey-remove').isDisabled()).toBe(true);
      await saveScreenshot(page, 'portal passkeys only one');
      const other = await secondPasskey(customerId);
      await page.reload();
      await page.getByTestId('portal-passkey').nth(1).waitFor();
      expect(await page.getByTestId('portal-passkey-remove').first().isDisabled()).toBe(false);
      await saveScreenshot(page, 'portal passkeys');
      const otherRow = page.locator(`[data-credential-id="${other}"]`);
      await otherRow.getByTestId('portal-passkey-remove').click();
      await otherRow.getByTestId('portal-passkey-confirm').waitFor();
      await saveScreenshot(page, 'portal passkeys confirm');
      expect(await revokedAt(other)).toBeNull();
      await otherRow.getByTestId('portal-passkey-confirm').click();
      await page.getByTestId('portal-done').waitFor();
      await page.getByTestId('portal-passkeys-last').waitFor();
      expect(await page.getByTestId('portal-passkey').count()).toBe(1);
      expect(await revokedAt(other)).not.toBeNull();
      await saveScreenshot(page, 'portal passkey removed');
      await page.locator('select[name="language"]').selectOption('zh-CN');
      await page.getByText('历史').first().waitFor();
      await saveScreenshot(page, 'portal history zh-CN');
      await page.goto(`${base}/console/portal/pending`);
      await page.getByTestId('portal-request').first().waitFor();
      await saveScreenshot(page, 'portal pending zh-CN');
      await page.goto(`${base}/console/portal/passkeys`);
      await page.getByTestId('portal-passkeys').waitFor();
      await saveScreenshot(page, 'portal passkeys zh-CN');
      expect(staffChecks).toEqual([]);
      const denied = await db.query<{ n: string }>(
        "SELECT count(*) AS n FROM security_events WHERE kind = 'permission_denied'",
      );
      expect(Number(denied[0]?.n)).toBe(0);

      // Signed out of the portal, the tab goes to a console page in place (as Back would): now
      // the staff session check runs.
      await page.getByRole('button', { name: '退出' }).click();
      await page.getByTestId('portal-passkey-sign-in').waitFor();
      expect(staffChecks).toEqual([]);
      const staffCheck = page.waitForRequest((request) => request.url().endsWith('/v1/me'));
      await page.evaluate(() => {
        window.history.pushState(null, '', '/console');
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      await staffCheck.catch(async (error: unknown) => {
        await saveScreenshot(page, 'portal to console failed');
        throw new Error(`${String(error)} at ${page.url()}`);
      });
      await page.waitForURL('**/console/sign-in');
      await page.getByTestId('sign-in-method').first().waitFor();
      expect(staffChecks.length).toBeGreaterThan(0);
      expect(
        browser.pageErrors.filter(
          (e) =>
            !e.includes('403') &&
            !e.includes('Forbidden') &&
            !e.includes('bad_passkey') &&
            !e.includes('401'),
        ),
      ).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );
});
