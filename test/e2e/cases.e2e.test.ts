/**
 * The cases area end to end: the real server on a fresh database, the built console and
 * Debian's Chromium. Large deposits go through the API and monitoring alerts are raised on
 * them (as the monitoring service does, with the same explanations); a risk analyst signed in
 * with password and TOTP works one medium case to closure (start, note, evidence with a refused
 * file first, false positive with a reason) and closes a high one, which waits for a
 * compliance officer who approves it in the approvals inbox in a second browser. Then both of
 * them run a drill through a playbook to its review and closing. Screenshots in both languages.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { raiseAlerts, type AlertInput } from '../../src/cases/index.js';
import type { Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { apiCaller } from './api-caller.js';
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
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';
import { activeStaff, type ActiveStaff } from './staff-fixtures.js';

/** Two people sign in once each; TOTP steps and the build may take a while. */
const FLOW_TIMEOUT_MS = 180_000;
const LARGE_DEPOSIT = '520000.00';
const NEAR_THRESHOLD = ['450000.00', '470000.00', '490000.00'] as const;
const FALSE_POSITIVE_REASON =
  'Salary and property sale proceeds, documented by the bank statement attached.';

interface CaseSeed {
  books: ConsoleBooks;
  largeDepositId: string;
  secondCustomerId: string;
  nearThresholdIds: string[];
}

/** A second customer and the deposits the alerts are about, through the platform's API key. */
async function seedDeposits(baseUrl: string, books: ConsoleBooks): Promise<CaseSeed> {
  const platform = apiCaller(baseUrl, books.platformKey);
  const base = `/v1/platforms/${books.platformId}`;
  const deposit = async (accountId: string, amount: string, purpose: string) => {
    const made = await platform.call<{ id: string; status: string }>(
      'POST',
      `${base}/instructions`,
      { type: 'deposit', amount, currency: 'CNY', purpose, payeeAccountId: accountId },
      { 'idempotency-key': randomUUID() },
    );
    if (made.status !== 'posted') throw new Error(`deposit ${made.id} is ${made.status}`);
    return made.id;
  };
  const largeDepositId = await deposit(books.accountId, LARGE_DEPOSIT, 'Property sale proceeds');
  const customer = await platform.call<{ id: string }>('POST', `${base}/customers`, {
    kind: 'person',
    externalRef: `bo-${randomUUID().slice(0, 8)}`,
    name: 'Bo Chen',
    idNumber: '310101198503150021',
  });
  const account = await platform.call<{ id: string }>(
    'POST',
    `${base}/customers/${customer.id}/accounts`,
    { currency: 'CNY' },
  );
  const nearThresholdIds: string[] = [];
  for (const amount of NEAR_THRESHOLD)
    nearThresholdIds.push(await deposit(account.id, amount, 'Top-up'));
  return { books, largeDepositId, secondCustomerId: customer.id, nearThresholdIds };
}

/** The alerts the CN rule pack raises on those deposits, with explanations in its format. */
function monitoringAlerts(seed: CaseSeed, nowMs: number): AlertInput[] {
  const { books } = seed;
  const windowStartMs = nowMs - (nowMs % 86_400_000);
  return [
    {
      alertKey: `${books.customerId}:in:cn.lvtr_person_domestic:${seed.largeDepositId}`,
      platformId: books.platformId,
      source: 'rule',
      ruleId: 'cn.lvtr_person_domestic',
      ruleVersion: 1,
      severity: 'medium',
      customerId: books.customerId,
      score: 1.04,
      atMs: nowMs,
      explanation: {
        summary: `cn.lvtr_person_domestic for customer ${books.customerId} (in) over the CST day: sum 521,550.50 CNY (at least 500,000.00 CNY).`,
        values: { sum: '521,550.50 CNY', count: 3, windowStartMs },
        thresholds: { sum: '500,000.00 CNY', windowMs: 86_400_000 },
        eventIds: [books.depositId, books.heldDepositId, seed.largeDepositId],
      },
    },
    {
      alertKey: `${seed.secondCustomerId}:in:cn.structuring_person_transfer_24h:${seed.nearThresholdIds.at(-1) ?? ''}`,
      platformId: books.platformId,
      source: 'rule',
      ruleId: 'cn.structuring_person_transfer_24h',
      ruleVersion: 1,
      severity: 'high',
      customerId: seed.secondCustomerId,
      score: 2.82,
      atMs: nowMs,
      explanation: {
        summary: `cn.structuring_person_transfer_24h for customer ${seed.secondCustomerId} (in) over 24 h: count 3 (at least 3); sum 1,410,000.00 CNY (at least 500,000.00 CNY); each between 80 % and 99.9 % of the threshold.`,
        values: { count: 3, sum: '1,410,000.00 CNY', windowStartMs: nowMs - 3_600_000 },
        thresholds: { count: 3, sum: '500,000.00 CNY', windowMs: 86_400_000 },
        eventIds: seed.nearThresholdIds,
      },
    },
  ];
}

/** The kinds on the case's timeline, in order. */
async function timelineKinds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="case-timeline"] [data-event-kind]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-event-kind') ?? ''));
}

/** Clicks a toolbar action and confirms its dialog (after `fill`, if given). */
async function act(
  page: Page,
  action: string,
  fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>,
) {
  await page.locator(`[data-testid="action-${action}"]`).click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  if (fill !== undefined) await fill(dialog);
  await dialog.locator('button[type="submit"]').click();
  await dialog.waitFor({ state: 'detached' });
}

describe.skipIf(!chromiumAvailable())('cases console end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let seed: CaseSeed;
  let mediumCaseId: string;
  let highCaseId: string;
  let analyst: ActiveStaff;
  let officer: ActiveStaff;
  const browsers: BrowserSession[] = [];
  let analystPage: Page;
  let officerPage: Page;
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  async function signedIn(person: ActiveStaff, locale: string, pathname: string) {
    const browser = await launchBrowser({ locale });
    browsers.push(browser);
    const page = await openPage(browser, at(pathname));
    await page.waitForURL(/\/console\/sign-in/);
    await signInWithPassword(page, person.login, person.password, () => person.totp.nextCode());
    await openPlatform(page, seed.books.platformId);
    return page;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const seeder = await bootstrapStaff(db, 'Seeding Admin');
    const approver = await bootstrapStaff(db, 'Second Admin');
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
      signInAttemptsPerMinute: 1_000,
    });
    const books = await seedConsoleBooks(server.url, seeder.apiKey);
    seed = await seedDeposits(server.url, books);
    const raised = await db.transaction((tx) =>
      raiseAlerts(tx, monitoringAlerts(seed, Date.now())),
    );
    expect(raised.alertsNew).toBe(2);
    expect(raised.casesOpened).toHaveLength(2);
    const admins = { requester: seeder.principal, approver: approver.principal };
    analyst = await activeStaff(db, server.url, admins, {
      login: 'li.wei',
      name: 'Li Wei',
      role: 'risk_analyst',
      password: 'quiet-maple-orbit-73',
    });
    officer = await activeStaff(db, server.url, admins, {
      login: 'chen.jing',
      name: 'Chen Jing',
      role: 'compliance_officer',
      password: 'amber-kite-harbour-19',
    });
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
    await db?.close();
  });

  it(
    'shows the queue in priority order with SLA countdowns and metrics',
    async () => {
      analystPage = await signedIn(analyst, 'en-US', '/console/cases');
      const page = analystPage;
      await page.waitForURL(/\/console\/cases$/);
      await waitForHeading(page, 'Cases');
      const nav = await page.locator('.sidebar nav').innerText();
      expect(nav).toContain('Cases');
      expect(nav).toContain('Incidents');
      const rows = page.locator('[data-testid="case-queue"] tbody tr[data-case-id]');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(2);
      // High severity (priority 2) before medium (priority 3).
      expect(await rows.nth(0).getAttribute('data-severity')).toBe('high');
      expect(await rows.nth(1).getAttribute('data-severity')).toBe('medium');
      highCaseId = (await rows.nth(0).getAttribute('data-case-id')) ?? '';
      mediumCaseId = (await rows.nth(1).getAttribute('data-case-id')) ?? '';
      expect(await rows.nth(0).innerText()).toContain('P2');
      const sla = rows.nth(0).locator('[data-sla-status]');
      expect(await sla.getAttribute('data-sla-status')).toBe('on_time');
      expect(await sla.innerText()).toMatch(/^left 2\dh( \d+m)?$/);
      await page.locator('[data-testid="queue-metrics"] tr[data-queue="rules"]').waitFor();

      await page.locator('select[name="severity"]').selectOption('medium');
      await page.waitForURL(/severity=medium/);
      await page.locator(`tr[data-case-id="${highCaseId}"]`).waitFor({ state: 'detached' });
      // The filtered list renders after the old one leaves; wait for it rather than race it.
      await page.locator(`tr[data-case-id="${mediumCaseId}"]`).waitFor();
      await expect.poll(() => rows.count()).toBe(1);
      await page.locator('input[name="mine"]').check();
      await page.locator('[data-testid="case-queue"] .empty-row').waitFor();
      await page.goto(at('/console/cases'));
      await rows.nth(1).waitFor();
      await screenshotBothLanguages(page, 'cases-queue', '案件');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'works the medium case to closure: investigate, note, evidence, false positive',
    async () => {
      const page = analystPage;
      await page.locator(`a[href="/console/cases/${mediumCaseId}"]`).click();
      await waitForHeading(page, `Case ${mediumCaseId}`);
      const alert = page.locator('.case-alert[data-rule-id="cn.lvtr_person_domestic"]');
      expect(await alert.locator('[data-testid="alert-summary"]').innerText()).toContain(
        'sum 521,550.50 CNY (at least 500,000.00 CNY)',
      );
      const sum = alert.locator('tr[data-measure="sum"]');
      expect(await sum.innerText()).toMatch(/sum\s+521,550\.50 CNY\s+500,000\.00 CNY/);
      const involved = alert.locator(`a[href="/console/instructions/${seed.largeDepositId}"]`);
      expect(await involved.count()).toBe(1);
      expect(
        await page.locator(`[data-testid="case-instructions"] tr[data-instruction-id]`).count(),
      ).toBe(3);
      // The held deposit can be decided from the case by an operator, not by an analyst.
      expect(await page.locator('[data-testid="action-hold-release"]').count()).toBe(0);
      await screenshotBothLanguages(page, 'cases-workspace-open', '案件');

      await act(page, 'assign-me');
      await page.locator('[data-testid="case-notice"]', { hasText: 'assigned to you' }).waitFor();
      await act(page, 'start_investigation', (dialog) =>
        dialog.locator('textarea[name="note"]').fill('Checking the source of funds.'),
      );
      await page.locator('[data-testid="case-header"] [data-case-state="investigating"]').waitFor();
      await act(page, 'add-note', (dialog) =>
        dialog
          .locator('textarea[name="text"]')
          .fill('Customer sold an apartment in Pudong; the platform sent the sale contract.'),
      );
      await page.locator('[data-testid="case-notice"]', { hasText: 'Note added' }).waitFor();

      // A program is refused before it is sent; a "PDF" that is text is refused by the server.
      await page.locator('[data-testid="action-upload-evidence"]').click();
      const dialog = page.locator('dialog[open]');
      const fileInput = dialog.locator('input[name="file"]');
      await fileInput.setInputFiles({
        name: 'statement.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('MZ\x90\x00'),
      });
      await dialog.locator('[data-evidence-problem="typeRefused"]').waitFor();
      expect(await dialog.locator('button[type="submit"]').isDisabled()).toBe(true);
      await fileInput.setInputFiles({
        name: 'contract.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('not really a pdf\n'),
      });
      await dialog.locator('button[type="submit"]').click();
      const refused = dialog.locator('[role="alert"][data-problem-status="415"]');
      await refused.waitFor();
      expect(await refused.innerText()).toContain('contract.pdf is named .pdf');
      await saveScreenshot(page, 'cases-evidence-refused-en');
      await fileInput.setInputFiles({
        name: 'bank-statement.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('date,amount,payer\n2025-03-02,520000.00,Shanghai Property Registry\n'),
      });
      await dialog.locator('input[name="description"]').fill('Bank statement showing the sale');
      await dialog.locator('button[type="submit"]').click();
      await dialog.waitFor({ state: 'detached' });
      const evidence = page.locator('[data-testid="case-evidence"] [data-evidence-id]');
      await evidence.waitFor();
      expect(await evidence.innerText()).toContain('bank-statement.csv');
      expect(await evidence.innerText()).toMatch(/sha256 [0-9a-f]{64}/);

      await page.locator('[data-testid="action-close"]').click();
      const close = page.locator('dialog[open]');
      await close.locator('select[name="disposition"]').selectOption('false_positive');
      await close.locator('textarea[name="reason"]').fill('Too short');
      expect(await close.locator('button[type="submit"]').isDisabled()).toBe(true);
      expect(await close.locator('[data-testid="close-four-eyes"]').count()).toBe(0);
      await close.locator('textarea[name="reason"]').fill(FALSE_POSITIVE_REASON);
      await saveScreenshot(page, 'cases-close-dialog-en');
      await close.locator('button[type="submit"]').click();
      await page
        .locator('[data-testid="case-notice"]', { hasText: 'The case is closed' })
        .waitFor();
      await page.locator('[data-testid="case-header"] [data-case-state="closed"]').waitFor();
      expect(
        await page
          .locator('[data-testid="case-header"] [data-sla-status]')
          .getAttribute('data-sla-status'),
      ).toBe('met');
      expect(await page.locator('.facts').innerText()).toContain(FALSE_POSITIVE_REASON);
      // Once closed, only notes remain.
      expect(await page.locator('[data-testid="action-close"]').count()).toBe(0);
      expect(await page.locator('[data-testid="action-add-note"]').count()).toBe(1);

      expect(await timelineKinds(page)).toEqual([
        'opened',
        'alert_added',
        'assigned',
        'state_changed',
        'note',
        'evidence_added',
        'closed',
      ]);
      const timeline = await page.locator('[data-testid="case-timeline"]').innerText();
      expect(timeline).toContain('Checking the source of funds.');
      expect(timeline).toContain('bank-statement.csv');
      expect(timeline).toContain('False positive');
      await screenshotBothLanguages(page, 'cases-workspace-closed', '案件');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'sends the high case to a second person, who approves the closure in the inbox',
    async () => {
      const page = analystPage;
      await page.goto(at(`/console/cases/${highCaseId}`));
      await waitForHeading(page, `Case ${highCaseId}`);
      await act(page, 'start_investigation');
      await page.locator('[data-testid="case-header"] [data-case-state="investigating"]').waitFor();
      await act(page, 'add-note', (dialog) =>
        dialog
          .locator('textarea[name="text"]')
          .fill('Three top-ups from the customer’s own salary account; no third party involved.'),
      );
      await page.locator('[data-testid="case-notice"]', { hasText: 'Note added' }).waitFor();
      await page.locator('[data-testid="action-close"]').click();
      const close = page.locator('dialog[open]');
      await close.locator('[data-testid="close-four-eyes"]').waitFor();
      await close.locator('textarea[name="reason"]').fill(FALSE_POSITIVE_REASON);
      await close.locator('button[type="submit"]').click();
      await page.locator('[data-testid="close-pending"]').waitFor();
      expect(await page.locator('[data-testid="case-notice"]').innerText()).toContain(
        'second person',
      );
      expect(await page.locator('[data-testid="action-close"]').count()).toBe(0);
      expect((await timelineKinds(page)).at(-1)).toBe('close_requested');
      await screenshotBothLanguages(page, 'cases-close-pending', '案件');

      // The compliance officer approves in the inbox, in Chinese.
      officerPage = await signedIn(officer, 'zh-CN', '/console/cases');
      const b = officerPage;
      await waitForHeading(b, '案件');
      await b.locator('.sidebar a', { hasText: '审批' }).click();
      await b.waitForURL(/\/console\/approvals$/);
      await waitForHeading(b, '审批');
      const request = b.locator('tr[data-action="case.close"]');
      await request.waitFor();
      expect(await request.innerText()).toContain(FALSE_POSITIVE_REASON);
      await saveScreenshot(b, 'cases-approval-inbox-zh-CN');
      await request.locator('button', { hasText: '批准' }).click();
      await confirmWithReason(b, 'Read the file; the funds are the customer’s own.');
      await b.locator('tr[data-action="case.close"]').waitFor({ state: 'detached' });

      await b.goto(at(`/console/cases/${highCaseId}`));
      await b.locator('[data-testid="case-header"] [data-case-state="closed"]').waitFor();
      const facts = await b.locator('.facts').innerText();
      expect(facts).toContain('Chen Jing');
      await saveScreenshot(b, 'cases-closed-by-second-person-zh-CN');

      await page.reload();
      await page.locator('[data-testid="case-header"] [data-case-state="closed"]').waitFor();
      expect(await timelineKinds(page)).toEqual([
        'opened',
        'alert_added',
        'state_changed',
        'note',
        'close_requested',
        'closed',
      ]);
      const closedEvent = page.locator('[data-event-kind="closed"]');
      expect(await closedEvent.innerText()).toContain('Li Wei');
      expect(await page.locator('[data-testid="close-pending"]').count()).toBe(0);

      // Both closures count as false positives of their rules.
      await page.goto(at('/console/cases?state=closed'));
      const closedRows = page.locator('[data-testid="case-queue"] tbody tr[data-case-id]');
      await closedRows.nth(1).waitFor();
      expect(await closedRows.count()).toBe(2);
      const rule = page.locator(
        '[data-testid="rule-metrics"] tr[data-rule-id="cn.lvtr_person_domestic"]',
      );
      await rule.waitFor();
      expect(await rule.innerText()).toContain('100%');
      await page.locator('[data-testid="false-positive-chart"] svg').waitFor();
      await screenshotBothLanguages(page, 'cases-queue-closed', '案件');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'runs a drill through a playbook: steps by their owners, review, close',
    async () => {
      const a = analystPage;
      await a.locator('.sidebar a', { hasText: 'Incidents' }).click();
      await waitForHeading(a, 'Incidents and playbooks');
      const playbook = a.locator('[data-playbook-id="pbk_compliance_violation"]');
      await playbook.waitFor();
      await screenshotBothLanguages(a, 'cases-incidents', '突发事件与应急预案');
      await playbook.locator('[data-testid="action-run-drill"]').click();
      const dialog = a.locator('dialog[open]');
      expect(await dialog.locator('input[name="title"]').inputValue()).toBe(
        'Drill: Compliance violation',
      );
      await dialog
        .locator('textarea[name="summary"]')
        .fill('Quarterly rehearsal: a large-value report was filed late.');
      await dialog.locator('select[name="severity"]').selectOption('medium');
      await dialog.locator('button[type="submit"]').click();
      await a.waitForURL(/\/console\/incidents\/inc_/);
      const incidentUrl = a.url();
      await waitForHeading(a, 'Drill: Compliance violation');
      await a.locator('[data-testid="drill-badge"]').waitFor();
      const steps = a.locator('[data-testid="incident-steps-table"] tbody tr');
      expect(await steps.count()).toBe(4);
      // The analyst may only finish the step the playbook gives to risk analysts.
      expect(await a.locator('[data-testid="action-step-done"]').count()).toBe(1);
      await a.locator('tr[data-step-no="2"] [data-testid="action-step-done"]').click();
      await a.locator('dialog[open] textarea[name="note"]').fill('Threshold check moved to T+0.');
      await a.locator('dialog[open] button[type="submit"]').click();
      await a.locator('tr[data-step-no="2"][data-step-status="done"]').waitFor();

      const b = officerPage;
      await b.goto(incidentUrl);
      await b.locator('[data-testid="drill-badge"]').waitFor();
      for (const stepNo of [1, 4]) {
        await b.locator(`tr[data-step-no="${stepNo}"] [data-testid="action-step-done"]`).click();
        await b.locator('dialog[open] button[type="submit"]').click();
        await b.locator(`tr[data-step-no="${stepNo}"][data-step-status="done"]`).waitFor();
      }
      await b.locator('tr[data-step-no="3"] [data-testid="action-step-skipped"]').click();
      const skip = b.locator('dialog[open]');
      expect(await skip.locator('button[type="submit"]').isDisabled()).toBe(true);
      await skip.locator('textarea[name="note"]').fill('Drill: no report is actually late.');
      await skip.locator('button[type="submit"]').click();
      await b.locator('tr[data-step-no="3"][data-step-status="skipped"]').waitFor();

      const review = b.locator('[data-testid="review-form"]');
      await review
        .locator('textarea[name="causes"]')
        .fill('Report deadline tracked by hand\nNo reminder before day 5');
      await review.locator('textarea[name="lessons"]').fill('Deadlines belong in the system');
      await review.locator('[data-testid="add-follow-up"]').click();
      await review.locator('input[name="followUpAction"]').fill('Add LVTR deadline reminders');
      await review.locator('select[name="followUpOwner"]').selectOption('compliance_officer');
      await review.locator('input[name="followUpDue"]').fill('2030-06-30');
      await saveScreenshot(b, 'cases-incident-review-zh-CN');
      await review.locator('button[type="submit"]').click();
      await b.locator('[data-testid="incident-review-recorded"]').waitFor();
      expect(await b.locator('[data-testid="incident-review-recorded"]').innerText()).toContain(
        'Add LVTR deadline reminders',
      );

      await b.locator('[data-testid="action-close-incident"]').click();
      await b.locator('dialog[open] button[type="submit"]').click();
      await b.locator('[data-incident-state="closed"]').first().waitFor();
      await waitForIdle(b);
      await saveScreenshot(b, 'cases-incident-closed-zh-CN');

      await a.reload();
      await a.locator('[data-incident-state="closed"]').first().waitFor();
      await screenshotBothLanguages(a, 'cases-incident-closed', 'Drill: Compliance violation');
      await a.locator('.breadcrumb a').click();
      const row = a.locator('[data-testid="incidents-table"] tr[data-drill="true"]');
      await row.waitFor();
      expect(await row.locator('[data-incident-state]').getAttribute('data-incident-state')).toBe(
        'closed',
      );
    },
    FLOW_TIMEOUT_MS,
  );

  it('raised no script errors in either browser', () => {
    // Refused requests (the signed-out check before sign-in, the refused evidence file) are
    // logged by Chromium as failed resource loads; they are expected. Anything else is a bug.
    const errors = browsers
      .flatMap((browser) => browser.pageErrors)
      .filter((line) => !line.includes('Failed to load resource'));
    expect(errors).toEqual([]);
  });
});
