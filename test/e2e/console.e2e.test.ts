/**
 * The console end to end: the real server in-process on a fresh database, the built console,
 * and Debian's Chromium. Data is created through the API the way a platform would, then every
 * console page is visited and checked for real content, in English and in Chinese, with a
 * screenshot of each in screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
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
import {
  confirmWithReason,
  openPlatform,
  screenshotBothLanguages,
  signIn,
  signOut,
  switchLanguage,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { consoleBuildDir } from './console-build.js';
import { seedConsoleBooks, seedMoreCustomers, type ConsoleBooks } from './seed-console-books.js';

const CUSTOMER_PAGE_SIZE = 50;

describe.skipIf(!chromiumAvailable())('console end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let browser: BrowserSession;
  let page: Page;
  let staffKey: string;
  let reviewerKey: string;
  let books: ConsoleBooks;
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  beforeAll(async () => {
    db = await createTestDatabase();
    staffKey = (await bootstrapStaff(db, 'Operations Admin')).apiKey;
    reviewerKey = (await bootstrapStaff(db, 'Compliance Reviewer')).apiKey;
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
    });
    books = await seedConsoleBooks(server.url, staffKey);
    // One page holds 50; 50 more make a second page of one.
    await seedMoreCustomers(server.url, books, CUSTOMER_PAGE_SIZE);
    browser = await launchBrowser({ locale: 'en-US' });
    page = await openPage(browser, at('/'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('sends / to the sign-in page and shows the problem for a bad key', async () => {
    await page.waitForURL(/\/console\/sign-in/);
    await waitForHeading(page, 'Sign in to the console');
    expect(await page.locator('.sign-in-note').innerText()).toContain('TOTP');
    await screenshotBothLanguages(page, 'sign-in', '登录控制台');
    await signIn(page, 'not-a-real-key-0000000000000000');
    const problem = page.locator('[role="alert"]');
    await problem.waitFor();
    expect(await problem.getAttribute('data-problem-status')).toBe('401');
    expect(await problem.locator('.problem-title').innerText()).not.toBe('');
    await saveScreenshot(page, 'sign-in-refused-en');
  });

  it('signs staff in, then asks which platform to open', async () => {
    await signIn(page, staffKey);
    await page.waitForURL(/\/console\/platforms/);
    const row = page.locator(`tr[data-platform-id="${books.platformId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(books.platformName);
    expect(await page.locator('[data-testid="principal"]').innerText()).toContain(
      'Operations Admin',
    );
    await screenshotBothLanguages(page, 'platforms', '平台');
    await row.locator('button').click();
    await page.waitForURL(/\/console\/customers$/);
    expect(await page.locator('[data-testid="current-platform"]').innerText()).toBe(
      books.platformId,
    );
  });

  it('switches to zh-CN, keeps it across a reload, and switches back', async () => {
    await switchLanguage(page, 'zh-CN');
    await waitForHeading(page, '客户');
    expect(await page.locator('.sidebar nav').innerText()).toContain('试算平衡');
    await page.reload();
    await waitForHeading(page, '客户');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await switchLanguage(page, 'en');
    await waitForHeading(page, 'Customers');
    expect(await page.locator('.sidebar nav').innerText()).toContain('Balances');
  });

  it('lists the customer created through the API', async () => {
    const row = page.locator(`tr[data-customer-id="${books.customerId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(books.customerExternalRef);
    expect(text).toContain('Al*******ng');
    expect(text).not.toContain('Alice Zhang');
    await screenshotBothLanguages(page, 'customers', '客户');
  });

  it('pages through customers with next and previous', async () => {
    const rows = page.locator('[data-testid="customers-table"] tbody tr');
    expect(await rows.count()).toBe(CUSTOMER_PAGE_SIZE);
    await page.locator('.pager button', { hasText: 'Next' }).click();
    await page.locator('.pager-page', { hasText: 'Page 2' }).waitFor();
    await waitForIdle(page);
    expect(await rows.count()).toBe(1);
    expect(await page.locator('.pager button', { hasText: 'Next' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'customers-page-2-en');
    await page.locator('.pager button', { hasText: 'Previous' }).click();
    await page.locator(`tr[data-customer-id="${books.customerId}"]`).waitFor();
    expect(await rows.count()).toBe(CUSTOMER_PAGE_SIZE);
  });

  it('shows the customer with balance, key and masked bank account', async () => {
    await page.locator(`tr[data-customer-id="${books.customerId}"] a`).first().click();
    await page.waitForURL(new RegExp(`/console/customers/${books.customerId}$`));
    const account = page.locator(`tr[data-account-id="${books.accountId}"]`);
    await account.waitFor();
    expect(await account.locator('[data-balance="posted"]').innerText()).toBe('1,250.50');
    expect(await account.locator('[data-balance="pending"]').innerText()).toBe('300.00');
    const bank = await page.locator('[data-testid="bank-accounts-table"]').innerText();
    expect(bank).toContain('ICBC Shanghai');
    expect(bank).not.toContain(books.bankAccountNumber);
    expect(await page.locator('[data-testid="keys-table"] tbody tr').count()).toBe(1);
    await screenshotBothLanguages(page, 'customer-detail', 'Al*******ng');
  });

  it('filters accounts by type and shows a statement with running balance', async () => {
    await page.locator('.sidebar a', { hasText: 'Accounts' }).click();
    await waitForHeading(page, 'Accounts');
    await waitForIdle(page);
    expect(await page.locator('[data-testid="accounts-table"] tbody tr').count()).toBeGreaterThan(
      1,
    );
    await page.locator('select[name="type"]').selectOption('customer');
    await page.waitForURL(/type=customer/);
    await waitForIdle(page);
    const rows = page.locator('[data-testid="accounts-table"] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-account-id')).toBe(books.accountId);
    await screenshotBothLanguages(page, 'accounts', '账户');
    await rows.first().locator('a').first().click();
    await page.waitForURL(new RegExp(`/console/accounts/${books.accountId}$`));
    const lines = page.locator('[data-testid="statement-table"] tbody tr');
    await lines.first().waitFor();
    const running = await page.locator('[data-balance="running"]').allInnerTexts();
    expect(running).toContain('1,250.50');
    await screenshotBothLanguages(page, 'account-statement', `账户 ${books.accountId}`);
  });

  it('releases a held instruction from its page', async () => {
    await page.locator('.sidebar a', { hasText: 'Instructions' }).click();
    await waitForHeading(page, 'Instructions');
    await page.locator('select[name="status"]').selectOption('pending');
    await page.waitForURL(/status=pending/);
    await waitForIdle(page);
    const rows = page.locator('[data-testid="instructions-table"] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-instruction-id')).toBe(books.heldDepositId);
    await screenshotBothLanguages(page, 'instructions', '指令');

    await rows.first().locator('a').first().click();
    await page.waitForURL(new RegExp(`/console/instructions/${books.heldDepositId}$`));
    await page.locator('.page-header [data-status="pending"]').waitFor();
    await screenshotBothLanguages(page, 'instruction-held', `指令 ${books.heldDepositId}`);
    await page.locator('.page-actions button', { hasText: 'Release' }).click();
    await saveScreenshot(page, 'instruction-release-dialog-en');
    await confirmWithReason(page, 'Source of funds verified');
    await page.locator('.page-header [data-status="posted"]').waitFor();
    expect(await page.locator('[role="status"]').innerText()).toContain('released');
    const timeline = await page.locator('[data-testid="instruction-timeline"]').innerText();
    expect(timeline).toContain('Released');
    expect(timeline).toContain('Source of funds verified');
    expect(await page.locator('[data-testid="journal-table"] tbody tr').count()).toBe(2);
    expect(await page.locator('.page-actions button').count()).toBe(0);
    await screenshotBothLanguages(page, 'instruction-released', `指令 ${books.heldDepositId}`);

    await page.goto(at(`/console/accounts/${books.accountId}`));
    await page.locator('[data-testid="statement-table"] tbody tr').first().waitFor();
    expect(await page.locator('.facts').innerText()).toContain('1,550.50');
  });

  it('shows a balanced trial balance', async () => {
    await page.locator('.sidebar a', { hasText: 'Balances' }).click();
    await waitForHeading(page, 'Balances');
    const card = page.locator('[data-currency="CNY"]');
    await card.waitFor();
    expect(await card.getAttribute('data-balanced')).toBe('true');
    expect(await card.locator('.check-ok').innerText()).toContain('✓');
    expect(await card.locator('[data-account-type="customer"]').innerText()).toContain('1,550.50');
    await screenshotBothLanguages(page, 'balances', '试算平衡');
  });

  it('requests an unfreeze, waits for a second person, who approves', async () => {
    await page.locator('.sidebar a', { hasText: 'Freezes' }).click();
    await waitForHeading(page, 'Freezes');
    const freeze = page.locator(`tr[data-freeze-id="${books.freezeId}"]`);
    await freeze.waitFor();
    expect(await freeze.innerText()).toContain('AML investigation');
    await screenshotBothLanguages(page, 'freezes', '冻结');
    await freeze.locator('button', { hasText: 'Request unfreeze' }).click();
    await confirmWithReason(page, 'Investigation closed, no findings');
    expect(await page.locator('[role="status"]').innerText()).toContain('second person');

    await page.locator('.sidebar a', { hasText: 'Approvals' }).click();
    await waitForHeading(page, 'Approvals');
    const approval = page.locator('[data-testid="approvals-table"] tbody tr[data-approval-id]');
    await approval.waitFor();
    expect(await approval.innerText()).toContain('Investigation closed, no findings');
    await screenshotBothLanguages(page, 'approvals', '审批');
    // The requester cannot decide their own request: the inbox says who it waits for.
    await approval.locator('[data-testid="awaiting-second-person"]').waitFor();
    expect(await approval.locator('button', { hasText: 'Approve' }).count()).toBe(0);

    await signOut(page);
    await signIn(page, reviewerKey);
    await openPlatform(page, books.platformId);
    await page.goto(at('/console/approvals'));
    await approval.waitFor();
    await approval.locator('button', { hasText: 'Approve' }).click();
    await confirmWithReason(page, 'Second review done');
    await page.locator('[data-testid="approvals-table"] .empty-row').waitFor();
    await page.locator('.sidebar a', { hasText: 'Freezes' }).click();
    await page.locator('[data-testid="freezes-table"] .empty-row').waitFor();
  });

  it('keeps a platform principal on its own platform', async () => {
    await signOut(page);
    await signIn(page, books.platformKey);
    await page.waitForURL(/\/console\/customers$/);
    await waitForHeading(page, 'Customers');
    expect(await page.locator('[data-testid="current-platform"]').innerText()).toBe(
      books.platformId,
    );
    expect(await page.locator('.top-bar-switch').count()).toBe(0);
    expect(await page.locator('.sidebar a', { hasText: 'Approvals' }).count()).toBe(0);
    await page.goto(at('/console/no-such-page'));
    await waitForHeading(page, 'Page not found');
  });

  it('raised no script errors', () => {
    // Refused requests (the bad key, the signed-out check at start) are logged by Chromium as
    // failed resource loads; those are expected. Anything else is a console bug.
    const errors = browser.pageErrors.filter((line) => !line.includes('Failed to load resource'));
    expect(errors).toEqual([]);
  });
});
