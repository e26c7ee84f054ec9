/**
 * The customer portal's self-service pages in Debian's Chromium: a signed-in customer lodges a
 * complaint with an attachment, is stopped by the flood limit (429 shown with its hint),
 * acknowledges a product's risk notice (the browser hashes the text it shows; the server
 * accepts only that hash), requests a copy of their data and downloads it once, asks for
 * deletion and reads what was erased and what is kept, and verifies their proof of
 * liabilities against the published root. Every page is photographed in English and Chinese.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/index.js';
import { COMPLAINT_LIMITS } from '../../src/complaints/complaint-limits.js';
import type { Database } from '../../src/store/index.js';
import { customerSession } from '../portal/portal-session.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { apiCaller, type ApiCaller } from './api-caller.js';
import {
  chromiumAvailable,
  launchBrowser,
  openPage,
  saveScreenshot,
  type BrowserSession,
} from './browser.js';
import { consoleBuildDir } from './console-build.js';

const FLOW_TIMEOUT_MS = 240_000;
const PRODUCT = 'FUND-A1';

let db: Database;
let server: RunningServer;
let base: string;
let books: TestBooks;
let staff: ApiCaller;
let cookie: string;
let customerId: string;
let browser: BrowserSession;

async function section(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(`${base}/console/portal${path}`);
  await page
    .locator(ready)
    .first()
    .waitFor()
    .catch(async (error: unknown) => {
      await saveScreenshot(page, `portal self-service failed ${path.replaceAll('/', ' ')}`);
      throw new Error(`${String(error)}\n${browser.pageErrors.join('\n')}`);
    });
}

/** A complaint lodged through the portal API with the customer's cookie, as the page would. */
async function lodgeByApi(index: number): Promise<number> {
  const response = await fetch(`${base}/v1/portal/complaints`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      category: 'service',
      subject: `Slow answer ${index}`,
      description: 'The hotline did not answer.',
    }),
  });
  return response.status;
}

describe.skipIf(!chromiumAvailable())('customer portal self-service in Chromium', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    books = await createTestBooks(db, 2);
    customerId = books.customers[0]?.customerId ?? '';
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
    });
    base = server.url.replace('127.0.0.1', 'localhost');
    staff = apiCaller(base, books.staffKey);
    await apiCaller(base, books.apiKey).call(
      'POST',
      `/v1/platforms/${books.platformId}/instructions`,
      {
        type: 'deposit',
        amount: '250.00',
        currency: 'CNY',
        purpose: 'Top-up',
        payeeAccountId: books.customers[0]?.accountId,
        idempotencyKey: 'self-service-deposit',
      },
    );
    // A decomposed "é" (e + U+0301): the browser must normalise (NFC) exactly like the server.
    await staff.call('POST', `/v1/platforms/${books.platformId}/risk-notices`, {
      productCode: PRODUCT,
      riskLevel: 'high',
      titleEn: 'Fund A1 — risk disclosure (Cafe\u0301 series)',
      bodyEn: 'The value of the fund can fall as well as rise. You may lose the money invested.',
      titleZh: 'A1 基金风险揭示书',
      bodyZh: '基金净值可能下跌，您可能损失全部投资本金。过往业绩不代表未来表现。',
    });
    await staff.call('POST', `/v1/platforms/${books.platformId}/pol/build`, {});
    cookie = (await customerSession(db, books.platformId, customerId)).cookie;
    browser = await launchBrowser({ locale: 'en-US' });
    await browser.context.addCookies([
      { name: 'custos_session', value: cookie.split('=')[1] ?? '', url: base },
    ]);
  }, FLOW_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it(
    'lodges a complaint, acknowledges a risk notice, requests an export, verifies the proof',
    async () => {
      const page = await openPage(browser, 'about:blank');
      const forbidden: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 403) forbidden.push(new URL(response.url()).pathname);
      });

      // Complaints: a file over the limit is refused before upload; a small one goes along.
      await section(page, '/complaints', '[data-testid="portal-complaint-submit"]');
      await page.locator('input[name="attachment"]').setInputFiles({
        name: 'statement.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.alloc(COMPLAINT_LIMITS.attachmentBytesMax + 1, 0x20),
      });
      await page.getByTestId('portal-attachment-too-large').waitFor();
      await page.locator('select[name="category"]').selectOption('unauthorized_transaction');
      await page.locator('input[name="subject"]').fill('Transfer I did not make');
      await page
        .locator('textarea[name="description"]')
        .fill('A transfer of 40.00 CNY left my account on Monday; I did not authorize it.');
      await page.locator('input[name="attachment"]').setInputFiles({
        name: 'note.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Bank SMS: 40.00 CNY debited 09:14.\n'),
      });
      await page.getByTestId('portal-complaint-submit').click();
      await page.getByTestId('portal-complaint-lodged').waitFor();
      await page.getByTestId('portal-complaint-row').first().waitFor();
      expect(await page.getByTestId('portal-complaint-row').count()).toBe(1);
      expect(await page.getByTestId('portal-complaint-row').first().textContent()).toContain(
        'A transaction I did not authorize',
      );
      await saveScreenshot(page, 'portal complaints');
      const listed = await staff.call<{
        items: { id: string; customerId: string; category: string; channel: string }[];
      }>('GET', `/v1/platforms/${books.platformId}/complaints?customerId=${customerId}`);
      expect(listed.items.map((c) => [c.category, c.channel])).toEqual([
        ['unauthorized_transaction', 'portal'],
      ]);

      await page.getByTestId('portal-complaint-row').first().locator('a').click();
      await page.getByTestId('portal-complaint-timeline').waitFor();
      expect(await page.locator('h1').textContent()).toBe('Transfer I did not make');
      await saveScreenshot(page, 'portal complaint detail');

      // The flood limit: the page shows the server's 429 with a plain-language hint.
      for (let index = 1; index < COMPLAINT_LIMITS.perCustomerMax; index += 1)
        expect(await lodgeByApi(index)).toBe(201);
      await section(page, '/complaints', '[data-testid="portal-complaint-submit"]');
      await page.locator('select[name="category"]').selectOption('fees');
      await page.locator('input[name="subject"]').fill('One more');
      await page.locator('textarea[name="description"]').fill('Fees doubled.');
      await page.getByTestId('portal-complaint-submit').click();
      const flood = page.locator('[data-problem-status="429"]');
      await flood.waitFor();
      expect(await page.getByTestId('portal-self-problem').textContent()).toContain(
        'too many requests',
      );
      await saveScreenshot(page, 'portal complaint flood refused');

      // Risk notice: acknowledged with the hash of the text shown; the books agree.
      await section(page, '/risk-notices', '[data-testid="portal-notice"]');
      await saveScreenshot(page, 'portal risk notices');
      await page.locator('input[name="understood"]').check();
      await page.getByTestId('portal-notice-acknowledge').click();
      await page.getByTestId('portal-notice-acknowledged').waitFor();
      const check = await staff.call<{ acknowledged: boolean; acknowledgedVersion: number }>(
        'GET',
        `/v1/platforms/${books.platformId}/customers/${customerId}/risk-notices?productCode=${PRODUCT}`,
      );
      expect(check).toMatchObject({ acknowledged: true, acknowledgedVersion: 1 });
      await saveScreenshot(page, 'portal risk notice acknowledged');

      // Privacy: request an export; once prepared it downloads once, then says when.
      await section(page, '/privacy', '[data-testid="portal-privacy-export"]');
      await page.getByTestId('portal-privacy-export').click();
      await page.locator('[data-request-kind="export"][data-request-state="received"]').waitFor();
      await saveScreenshot(page, 'portal privacy export requested');
      const requests = await staff.call<{ items: { id: string; kind: string }[] }>(
        'GET',
        `/v1/platforms/${books.platformId}/privacy-requests?customerId=${customerId}`,
      );
      const exportId = requests.items.find((r) => r.kind === 'export')?.id ?? '';
      await staff.call(
        'POST',
        `/v1/platforms/${books.platformId}/privacy-requests/${exportId}/complete`,
        {},
      );
      await section(page, '/privacy', '[data-testid="portal-export-download"]');
      await saveScreenshot(page, 'portal privacy export ready');
      const downloading = page.waitForEvent('download');
      await page.getByTestId('portal-export-download').click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`my-data-${exportId}.json`);
      await page.getByTestId('portal-export-downloaded').waitFor();
      const again = await fetch(`${base}/v1/portal/privacy-requests/${exportId}/export`, {
        headers: { cookie },
      });
      expect(again.status).toBe(410);

      // Correction: only the fields filled in are sent.
      await page.getByRole('button', { name: 'Request a correction' }).click();
      await page.locator('input[name="phone"]').fill('+86 138 0000 0000');
      await page.getByRole('button', { name: 'Send correction request' }).click();
      await page
        .locator('[data-request-kind="correction"][data-request-state="received"]')
        .waitFor();
      await saveScreenshot(page, 'portal privacy correction requested');

      // Deletion: the answer lists what was erased and what is kept, with the legal basis.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByTestId('portal-privacy-deletion').click();
      await page.locator('[data-request-kind="deletion"]').waitFor();
      const deletionId =
        (
          await staff.call<{ items: { id: string; kind: string }[] }>(
            'GET',
            `/v1/platforms/${books.platformId}/privacy-requests?customerId=${customerId}`,
          )
        ).items.find((r) => r.kind === 'deletion')?.id ?? '';
      await staff.call(
        'POST',
        `/v1/platforms/${books.platformId}/privacy-requests/${deletionId}/complete`,
        {},
      );
      await section(page, '/privacy', '[data-testid="portal-deletion-answer"]');
      const answer = await page.getByTestId('portal-deletion-answer').textContent();
      expect(answer).toContain('Kept, and why');
      expect(answer).toContain('Transactions');
      await saveScreenshot(page, 'portal privacy deletion answer');

      // Proof of liabilities, verified in the browser against the published root.
      await section(page, '/proof-of-balance', '[data-testid="portal-pol-result"]');
      const result = page.getByTestId('portal-pol-result');
      expect(await result.getAttribute('data-ok')).toBe('true');
      expect(await result.textContent()).toContain('250.00 CNY');
      await saveScreenshot(page, 'portal proof of balance');

      // A proof altered on the way (a larger balance) fails in the browser, naming the step.
      await page.route('**/v1/portal/pol/proof', async (route) => {
        const response = await route.fetch();
        const proof = (await response.json()) as { leaf: { balanceMinor: string } };
        proof.leaf.balanceMinor = '2500000';
        await route.fulfill({ response, json: proof });
      });
      await page.reload();
      await page.locator('[data-testid="portal-pol-result"][data-ok="false"]').waitFor();
      expect(await page.getByTestId('portal-pol-result').textContent()).toContain(
        'does not verify',
      );
      await saveScreenshot(page, 'portal proof of balance altered');
      await page.unroute('**/v1/portal/pol/proof');

      // The platform answers the complaint; the customer reads the answer in the timeline.
      const complaintId = listed.items[0]?.id ?? '';
      const moves = `/v1/platforms/${books.platformId}/complaints/${complaintId}/moves`;
      await staff.call('POST', moves, { command: 'acknowledge' });
      await staff.call('POST', moves, {
        command: 'resolve',
        text: 'The transfer was reversed on 2026-11-20; 40.00 CNY is back in your account.',
      });

      // The same pages in Chinese. A new notice version is acknowledged in Chinese: the hash
      // of the Chinese text shown is what the server accepts.
      await staff.call('POST', `/v1/platforms/${books.platformId}/risk-notices`, {
        productCode: PRODUCT,
        riskLevel: 'high',
        titleEn: 'Fund A1 — risk disclosure, second edition',
        bodyEn: 'The fund may suspend redemptions for up to 10 business days.',
        titleZh: 'A1 基金风险揭示书（第二版）',
        bodyZh: '基金可能暂停赎回，最长十个工作日。',
      });
      await page.locator('select[name="language"]').selectOption('zh-CN');
      await section(page, '/complaints', '[data-testid="portal-complaint-row"]');
      await page.getByText('我的投诉').waitFor();
      await saveScreenshot(page, 'portal complaints zh-CN');
      await page.getByTestId('portal-complaint-row').last().locator('a').click();
      await page.getByTestId('portal-complaint-outcome').waitFor();
      expect(await page.getByTestId('portal-complaint-outcome').textContent()).toContain(
        '40.00 CNY is back',
      );
      expect(await page.getByTestId('portal-complaint-timeline').textContent()).toContain('已解决');
      await saveScreenshot(page, 'portal complaint detail zh-CN');
      await section(page, '/risk-notices', '[data-testid="portal-notice"]');
      expect(await page.getByTestId('portal-notice').first().textContent()).toContain(
        'A1 基金风险揭示书（第二版）',
      );
      await saveScreenshot(page, 'portal risk notices zh-CN');
      await page.locator('input[name="understood"]').check();
      await page.getByTestId('portal-notice-acknowledge').click();
      await page.getByTestId('portal-notices-none-pending').waitFor();
      const second = await staff.call<{ acknowledged: boolean; acknowledgedVersion: number }>(
        'GET',
        `/v1/platforms/${books.platformId}/customers/${customerId}/risk-notices?productCode=${PRODUCT}`,
      );
      expect(second).toMatchObject({ acknowledged: true, acknowledgedVersion: 2 });
      await saveScreenshot(page, 'portal risk notice acknowledged zh-CN');
      await section(page, '/privacy', '[data-testid="portal-deletion-answer"]');
      await saveScreenshot(page, 'portal privacy zh-CN');
      await section(page, '/proof-of-balance', '[data-testid="portal-pol-result"]');
      await saveScreenshot(page, 'portal proof of balance zh-CN');

      // The console shell's staff-only reads answer 403 to a customer; no portal route may.
      expect(forbidden.filter((pathname) => pathname.startsWith('/v1/portal/'))).toEqual([]);
      expect(
        browser.pageErrors.filter(
          (e) => !e.includes('429') && !e.includes('Too Many') && !e.includes('403'),
        ),
      ).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );
});
