/**
 * The complaints area end to end: the real server on a fresh database, the built console and
 * Debian's Chromium. A platform lodges complaints through its API (one alleging an
 * unauthorized transaction, which opens a case; one already overdue), a customer asks for
 * deletion of their data, and a compliance officer works the queue in the console: answers a
 * complaint, reads the statistics, answers the deletion request and publishes a risk notice.
 * Screenshots of every page in both languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import type { Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { apiCaller } from './api-caller.js';
import { chromiumAvailable, launchBrowser, openPage, type BrowserSession } from './browser.js';
import { consoleBuildDir } from './console-build.js';
import {
  openPlatform,
  screenshotBothLanguages,
  signIn,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';

const FLOW_TIMEOUT_MS = 180_000;
const DAY_MS = 86_400_000;

describe.skipIf(!chromiumAvailable())('complaints console end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let books: ConsoleBooks;
  let browser: BrowserSession;
  let page: Page;
  let unauthorizedId = '';
  let overdueId = '';
  let deletionId = '';
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  beforeAll(async () => {
    db = await createTestDatabase();
    const seeder = await bootstrapStaff(db, 'Seeding Admin');
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
    });
    books = await seedConsoleBooks(server.url, seeder.apiKey);
    const platform = apiCaller(server.url, books.platformKey);
    const base = `/v1/platforms/${books.platformId}`;
    const lodge = (body: Record<string, unknown>) =>
      platform.call<{ complaintId: string; caseId: string | null }>('POST', `${base}/complaints`, {
        customerId: books.customerId,
        ...body,
      });
    const unauthorized = await lodge({
      category: 'unauthorized_transaction',
      subject: 'A deposit I do not recognise',
      description: 'I never arranged this payment and want it investigated.',
      instructionIds: [books.depositId],
    });
    expect(unauthorized.caseId).toMatch(/^cas_/);
    unauthorizedId = unauthorized.complaintId;
    await lodge({
      category: 'fees',
      subject: '手续费重复收取',
      description: '本月手续费被收取了两次，请退还。',
    });
    const overdue = await lodge({
      category: 'service',
      subject: 'No reply',
      description: 'Nobody answered my calls.',
    });
    overdueId = overdue.complaintId;
    // Received three weeks ago and never acknowledged: both deadlines missed.
    const weeksAgo = Date.now() - 21 * DAY_MS;
    await db.query(
      `UPDATE complaints SET created_at = $2, acknowledge_due_at = $3, resolve_due_at = $4 WHERE id = $1`,
      [
        overdueId,
        new Date(weeksAgo),
        new Date(weeksAgo + 2 * DAY_MS),
        new Date(weeksAgo + 15 * DAY_MS),
      ],
    );
    const deletion = await platform.call<{ requestId: string }>(
      'POST',
      `${base}/privacy-requests`,
      {
        customerId: books.customerId,
        kind: 'deletion',
      },
    );
    deletionId = deletion.requestId;
    const officer = await db.transaction((tx) =>
      createPrincipalWithKey(tx, {
        kind: 'staff',
        platformId: null,
        role: 'compliance_officer',
        name: 'Chen Jing',
      }),
    );
    browser = await launchBrowser({ locale: 'en-US' });
    page = await openPage(browser, at('/console/complaints'));
    await page.waitForURL(/\/console\/sign-in/);
    await signIn(page, officer.apiKey);
    await openPlatform(page, books.platformId);
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it(
    'shows the queue with deadlines, the overdue complaint marked',
    async () => {
      await page.goto(at('/console/complaints'));
      await waitForHeading(page, 'Complaints');
      const rows = page.locator('[data-testid="complaint-queue"] tbody tr[data-complaint-id]');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(3);
      const overdue = page.locator(`tr[data-complaint-id="${overdueId}"]`);
      expect(await overdue.getAttribute('data-overdue')).toBe('resolve');
      expect(await overdue.innerText()).toContain('Answer overdue');
      await page.locator('input[type="checkbox"]').check();
      await page.waitForURL(/overdue=true/);
      await page
        .locator(`tr[data-complaint-id="${unauthorizedId}"]`)
        .waitFor({ state: 'detached' });
      await overdue.waitFor();
      expect(await rows.count()).toBe(1);
      await page.goto(at('/console/complaints'));
      await rows.nth(2).waitFor();
      await screenshotBothLanguages(page, 'complaints-queue', '投诉');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'answers the unauthorized-transaction complaint: case linked, acknowledged, resolved, on the timeline',
    async () => {
      await page.locator(`a[href="/console/complaints/${unauthorizedId}"]`).click();
      await waitForHeading(page, `Complaint ${unauthorizedId}`);
      expect(await page.locator('[data-testid="complaint-text"]').innerText()).toContain(
        'I never arranged this payment',
      );
      expect(await page.locator('a[href^="/console/cases/cas_"]').count()).toBe(1);
      const actions = page.locator('[data-testid="complaint-actions"]');
      await actions.locator('button', { hasText: 'Acknowledge' }).click();
      await page
        .locator('[data-testid="complaint-timeline"] li[data-kind="acknowledge"]')
        .waitFor();
      const resolve = actions.locator('button', { hasText: 'Resolve' });
      expect(await resolve.isDisabled()).toBe(true);
      await actions
        .locator('textarea[name="text"]')
        .fill('The deposit was a transfer from your own bank account; statement attached.');
      await resolve.click();
      await page.locator('[data-testid="complaint-answer"]').waitFor();
      const kinds = await page
        .locator('[data-testid="complaint-timeline"] li[data-kind]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
      expect(kinds).toEqual(['received', 'case_linked', 'acknowledge', 'resolve']);
      expect(await page.locator('[data-testid="complaint-actions"]').count()).toBe(0);
      await screenshotBothLanguages(page, 'complaint-detail', `投诉 ${unauthorizedId}`);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows statistics by category and month with a chart',
    async () => {
      await page.goto(at('/console/complaint-statistics'));
      await waitForHeading(page, 'Complaint statistics');
      const chart = page.locator('[data-testid="complaint-chart"]');
      await chart.waitFor();
      expect(await chart.getAttribute('data-total')).toBe('3');
      expect(
        await page.locator('[data-testid="complaint-chart"] .recharts-bar-rectangle').count(),
      ).toBeGreaterThan(0);
      expect(
        await page.locator('[data-testid="complaint-stats"] tbody tr').count(),
      ).toBeGreaterThanOrEqual(2);
      await screenshotBothLanguages(page, 'complaint-statistics', '投诉统计');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'answers a deletion request with what was kept and why',
    async () => {
      await page.goto(at('/console/privacy-requests'));
      await waitForHeading(page, 'Privacy requests');
      const row = page.locator(`tr[data-request-id="${deletionId}"]`);
      await row.waitFor();
      await screenshotBothLanguages(page, 'privacy-requests-open', '个人信息请求');
      await row.locator('button', { hasText: 'Erase what the law allows' }).click();
      await row.waitFor({ state: 'detached' });
      await page.locator('select[name="state"]').selectOption('completed');
      const done = page.locator(`tr[data-request-id="${deletionId}"]`);
      await done.waitFor();
      expect(await done.locator('li[data-kept="identity"]').innerText()).toContain(
        'AML Law Art. 34',
      );
      expect(await done.locator('li[data-kept="transactions"]').count()).toBe(1);
      // The answered complaint alleged an unauthorized transaction: it belongs to a case file.
      expect(await done.locator('li[data-kept="case_complaint_text"]').count()).toBe(1);
      expect(await done.innerText()).toContain('Erased:');
      await screenshotBothLanguages(page, 'privacy-requests-answered', '个人信息请求');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'publishes a risk notice in both languages',
    async () => {
      await page.goto(at('/console/risk-notices'));
      await waitForHeading(page, 'Product risk notices');
      await waitForIdle(page);
      const editor = page.locator('[data-testid="notice-editor"]');
      await editor.locator('input[name="productCode"]').fill('loan-12m');
      await editor.locator('select[name="riskLevel"]').selectOption('high');
      await editor.locator('input[name="titleEn"]').fill('Risks of the 12-month loan note');
      await editor
        .locator('textarea[name="bodyEn"]')
        .fill('Borrowers may default; you may lose part or all of the principal.');
      await editor.locator('input[name="titleZh"]').fill('12个月借款标的风险提示');
      await editor
        .locator('textarea[name="bodyZh"]')
        .fill('借款人可能违约，出借人可能损失部分或全部本金。');
      await editor.locator('button[type="submit"]').click();
      const row = page.locator('[data-testid="risk-notices"] tr[data-product="loan-12m"]');
      await row.waitFor();
      expect(await row.innerText()).toContain('v1');
      await screenshotBothLanguages(page, 'risk-notices', '产品风险提示');
    },
    FLOW_TIMEOUT_MS,
  );
});
