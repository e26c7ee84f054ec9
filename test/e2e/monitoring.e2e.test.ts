/**
 * The console's monitoring area end to end: the real server with real-time monitoring on a
 * fresh database, the built console and Debian's Chromium. A platform posts deposits through
 * the API (one large enough for a large-value report, one from a third-party account that the
 * sync gate holds); a risk analyst, signed in with password and TOTP, reads the KRIs, reads the
 * dashboard, edits a rule's threshold (first a bad value, then a good one), backtests the draft
 * and asks for its activation; a second person approves it in the approvals inbox, and the
 * rule is then in force. Screenshots in English and Chinese go to /tmp/shots.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { KRI_DEFINITIONS } from '../../src/monitor-service/kri-definitions.js';
import { MonitorService } from '../../src/monitor-service/monitor-service.js';
import type { Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { apiCaller } from './api-caller.js';
import { chromiumAvailable, launchBrowser, openPage, type BrowserSession } from './browser.js';
import { consoleBuildDir } from './console-build.js';
import {
  confirmWithReason,
  openPlatform,
  signIn,
  signInWithPassword,
  switchLanguage,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';
import { activeStaff, type ActiveStaff } from './staff-fixtures.js';

const SHOTS_DIR = '/tmp/shots';
const TOTP_TEST_TIMEOUT_MS = 120_000;
const MONITOR_WAIT_MS_MAX = 20_000;
/** Raised live by the large deposit: over CNY 500,000 for a natural person's transfers. */
const LVTR_RULE_ID = 'cn.lvtr_person_domestic';
const LARGE_DEPOSIT = '600000.00';
/** The rule the analyst edits: cash at or above CNY 50,000 per customer and day. */
const RULE_ID = 'cn.lvtr_cash';
/** A stored version numbers above the built-in one (cn.lvtr_cash is version 2). */
const DRAFT_VERSION = 3;
const LARGE_CASH = '60000.00';
/** Under the cash threshold in force, over the lowered one of the draft. */
const SMALL_CASH = '20000.00';
const DRAFT_THRESHOLD_CNY = '10000';

/** A long list is shot as the first screen only; everything else as the whole page. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SHOTS_DIR, `monitoring-${name}.png`),
    fullPage,
    animations: 'disabled',
  });
}

/** Screenshots the page in English and in Chinese (waiting for `zhHeading`), then English. */
async function shotBoth(
  page: Page,
  name: string,
  zhHeading: string,
  enHeading: string,
  fullPage = true,
) {
  await waitForIdle(page);
  await shot(page, `${name}-en`, fullPage);
  await switchLanguage(page, 'zh-CN');
  await waitForHeading(page, zhHeading);
  await waitForIdle(page);
  await shot(page, `${name}-zh-CN`, fullPage);
  await switchLanguage(page, 'en');
  await waitForHeading(page, enHeading);
}

describe.skipIf(!chromiumAvailable())('console monitoring area end to end', () => {
  let db: Database;
  let monitor: MonitorService;
  let server: { url: string; close(): Promise<void> };
  let books: ConsoleBooks;
  let secondAdminKey: string;
  let analyst: ActiveStaff;
  let heldDepositId: string;
  const browsers: BrowserSession[] = [];
  let page: Page;
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  /** Waits until the monitor has read every leaf of the log, then catches up once more. */
  async function monitorCaughtUp(): Promise<void> {
    const deadlineMs = Date.now() + MONITOR_WAIT_MS_MAX;
    for (;;) {
      const rows = await db.query<{ last: string | number | null }>(
        'SELECT max(leaf_index) AS last FROM audit_records',
      );
      if (monitor.stats().leafIndex >= Number(rows[0]?.last ?? -1)) break;
      if (Date.now() > deadlineMs) throw new Error('the monitor did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await monitor.catchUp();
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const seeder = await bootstrapStaff(db, 'Seeding Admin');
    const approver = await bootstrapStaff(db, 'Second Admin');
    secondAdminKey = approver.apiKey;
    monitor = new MonitorService(db, { consumer: 'console-e2e' });
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
      signInAttemptsPerMinute: 1_000,
      monitor,
    });
    books = await seedConsoleBooks(server.url, seeder.apiKey);
    const platform = apiCaller(server.url, books.platformKey);
    const base = `/v1/platforms/${books.platformId}`;
    const post = (body: Record<string, unknown>) =>
      platform.call<{ id: string; status: string }>(
        'POST',
        `${base}/instructions`,
        { currency: 'CNY', ...body },
        { 'idempotency-key': randomUUID() },
      );
    const large = await post({
      type: 'deposit',
      amount: LARGE_DEPOSIT,
      purpose: 'Large top-up',
      payeeAccountId: books.accountId,
    });
    expect(large.status).toBe('posted');
    await post({
      type: 'deposit',
      amount: LARGE_CASH,
      purpose: 'Cash at the branch',
      payeeAccountId: books.accountId,
      channel: { cash: true },
    });
    const thirdParty = await post({
      type: 'deposit',
      amount: '20000.00',
      purpose: 'Top-up from a relative',
      payeeAccountId: books.accountId,
      channel: { fundingAccountOwnName: false },
    });
    expect(thirdParty.status).toBe('pending');
    heldDepositId = thirdParty.id;
    const second = await platform.call<{ id: string }>('POST', `${base}/customers`, {
      kind: 'person',
      externalRef: `bob-${randomUUID().slice(0, 8)}`,
      name: 'Bob Li',
    });
    const secondAccount = await platform.call<{ id: string }>(
      'POST',
      `${base}/customers/${second.id}/accounts`,
      { currency: 'CNY' },
    );
    await post({
      type: 'deposit',
      amount: SMALL_CASH,
      purpose: 'Cash savings',
      payeeAccountId: secondAccount.id,
      channel: { cash: true },
    });
    await post({ type: 'reserve_contribution', amount: '5000.00', purpose: 'Risk reserve' });
    await monitorCaughtUp();
    // A first KRI reading through the API, so the trend lines have two points after the
    // analyst reads them again in the console.
    await apiCaller(server.url, seeder.apiKey).call('POST', `${base}/monitoring/kris/read`);
    analyst = await activeStaff(
      db,
      server.url,
      { requester: seeder.principal, approver: approver.principal },
      {
        login: 'chen.jing',
        name: 'Chen Jing',
        role: 'risk_analyst',
        password: 'amber-kite-valley-61',
      },
    );
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
    await db?.close();
  });

  async function browserPage(locale: string, pathname: string): Promise<Page> {
    const browser = await launchBrowser({ locale });
    browsers.push(browser);
    return openPage(browser, at(pathname));
  }

  /**
   * The second admin, in a browser of their own (zh-CN), approves the open request of `action`
   * in the approvals inbox after checking that its row shows `shows`.
   */
  async function approveInInbox(action: string, shows: string, shotName: string): Promise<void> {
    const second = await browserPage('zh-CN', '/console/approvals');
    await second.waitForURL(/\/console\/sign-in/);
    await signIn(second, secondAdminKey);
    await second.waitForURL(/\/console\/approvals/);
    await waitForHeading(second, '审批');
    const request = second.locator(`tr[data-action="${action}"]`);
    await request.waitFor();
    expect(await request.innerText()).toContain(shows);
    await shot(second, shotName);
    await request.locator('button', { hasText: '批准' }).click();
    await confirmWithReason(second, 'Reviewed');
    await second.locator(`tr[data-action="${action}"]`).waitFor({ state: 'detached' });
  }

  it('held the third-party deposit before posting and raised a large-value alert', async () => {
    const held = await db.query<{ status: string; hold_reason: string }>(
      'SELECT status, hold_reason FROM instructions WHERE id = $1',
      [heldDepositId],
    );
    expect(held[0]).toEqual({ status: 'pending', hold_reason: 'monitoring_review' });
    const alerts = await db.query<{ rule_id: string }>(
      'SELECT rule_id FROM alerts WHERE platform_id = $1',
      [books.platformId],
    );
    expect(alerts.map((a) => a.rule_id)).toEqual(expect.arrayContaining([LVTR_RULE_ID, RULE_ID]));
    expect(monitor.stats().gateHolds).toBe(1);
  });

  it(
    'shows the analyst the dashboard: funds, KRI lights with trends, alerts per day and rule',
    async () => {
      page = await browserPage('en-US', '/console/monitoring');
      await page.waitForURL(/\/console\/sign-in/);
      await signInWithPassword(page, analyst.login, analyst.password, () =>
        analyst.totp.nextCode(),
      );
      await openPlatform(page, books.platformId);
      await page.waitForURL(/\/console\/monitoring$/);
      await waitForHeading(page, 'Monitoring');
      const firstNav = page.locator('.sidebar nav a').first();
      expect(await firstNav.innerText()).toBe('Monitoring');
      expect(await firstNav.getAttribute('aria-current')).toBe('page');

      await page.locator('[data-kri-id="concentration"][data-kri-status]').waitFor();
      await page.locator('button[data-action="read-kris"]').click();
      await page
        .locator('[role="status"]', { hasText: `Read ${KRI_DEFINITIONS.length} indicators` })
        .waitFor();
      await waitForIdle(page);

      const funds = page.locator('[data-testid="custody-funds"] [data-currency="CNY"]');
      // 1,250.50 + 600,000 + 60,000 + 20,000 posted to customers; held deposits are not funds.
      expect(await funds.locator('[data-total="custody"]').innerText()).toContain('681,250.50');
      expect(await funds.locator('[data-total="reserve"]').innerText()).toContain('5,000.00');
      expect(await funds.locator('[data-total="bank"]').innerText()).toContain('686,250.50');

      const concentration = page.locator('[data-kri-id="concentration"]');
      expect(await concentration.getAttribute('data-kri-status')).toBe('red');
      expect(await concentration.locator('[data-testid="kri-value"]').innerText()).toMatch(/%$/);
      expect(await concentration.innerText()).toContain('≥ 10 %');
      expect(
        await concentration.locator('[data-testid="kri-sparkline"]').getAttribute('data-points'),
      ).toBe('2');
      expect(
        await concentration.locator('.kri-sparkline path.recharts-line-curve').count(),
      ).toBeGreaterThan(0);
      const coverage = page.locator('[data-kri-id="reserve_coverage"]');
      expect(await coverage.innerText()).toContain('≤ 1 %');
      expect(await page.locator('[data-kri-status="green"]').count()).toBeGreaterThan(0);

      const chart = page.locator('[data-testid="alerts-by-day-chart"]');
      expect(Number(await chart.getAttribute('data-total'))).toBeGreaterThan(0);
      expect(await chart.locator('.recharts-bar-rectangle path').count()).toBeGreaterThan(0);
      const lvtrRow = page.locator(`[data-testid="top-rules"] tr[data-rule-id="${LVTR_RULE_ID}"]`);
      expect(Number(await lvtrRow.getAttribute('data-total'))).toBeGreaterThanOrEqual(1);
      const stats = page.locator('[data-testid="monitor-stats"]');
      expect(await stats.getAttribute('data-running')).toBe('true');
      expect(await stats.locator('[data-stat="gateHolds"]').getAttribute('data-value')).toBe('1');
      const unrecorded = stats.locator('[data-stat="gateRejectsUnrecorded"]');
      expect(await unrecorded.getAttribute('data-value')).toBe('0');
      expect(await unrecorded.innerText()).toContain('Refusals not recorded');
      expect(
        Number(await stats.locator('[data-stat="events"]').getAttribute('data-value')),
      ).toBeGreaterThan(0);
      await shotBoth(page, 'overview', '监控', 'Monitoring');
    },
    TOTP_TEST_TIMEOUT_MS,
  );

  it('lists the pack with templates, modes and bases', async () => {
    await page.locator('[data-testid="monitoring-tabs"] a', { hasText: 'Rules' }).click();
    await page.waitForURL(/\/console\/monitoring\/rules$/);
    const row = page.locator(`[data-testid="rules-table"] tr[data-rule-id="${RULE_ID}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('PBOC Order [2016] No. 3');
    expect(await row.innerText()).toContain('Aggregate over a window');
    expect(await row.innerText()).toContain('Default pack');
    const gate = page.locator('tr[data-rule-id="cn.third_party_funding"] [data-mode]');
    expect(await gate.getAttribute('data-mode')).toBe('sync');
    expect(await gate.innerText()).toContain('Holds the instruction');
    expect(await page.locator('tr[data-kind="typology"]').count()).toBeGreaterThan(0);
    await shotBoth(page, 'rules', '监控', 'Monitoring', false);
  });

  it('refuses a bad threshold by field, saves a good one as a draft and backtests it', async () => {
    await page.locator(`tr[data-rule-id="${RULE_ID}"] a`).click();
    await waitForHeading(page, RULE_ID);
    const amountField = page.locator('[data-field="params.conditions.0.atLeast"]');
    const cny = amountField.locator('input[name="params.conditions.0.atLeast.CNY"]');
    expect(await cny.inputValue()).toBe('50000');
    await cny.fill('-5');
    await page.locator('button[data-action="save-draft"]').click();
    const issue = amountField.locator('[data-issue-path="params.conditions.0.atLeast.CNY"]');
    await issue.waitFor();
    expect((await issue.innerText()).length).toBeGreaterThan(0);
    expect(await page.locator('[role="alert"][data-problem-status="400"]').count()).toBe(1);
    await shotBoth(page, 'rule-invalid', RULE_ID, RULE_ID);

    await cny.fill(DRAFT_THRESHOLD_CNY);
    await page.locator('button[data-action="save-draft"]').click();
    await page
      .locator('[role="status"]', { hasText: `Saved as draft version ${DRAFT_VERSION}` })
      .waitFor();
    await page
      .locator(
        `[data-testid="rule-versions"] tr[data-version="${DRAFT_VERSION}"][data-status="draft"]`,
      )
      .waitFor();
    expect(await page.locator('input[name="params.conditions.0.atLeast.CNY"]').inputValue()).toBe(
      DRAFT_THRESHOLD_CNY,
    );

    await page.locator('button[data-action="run-backtest"]').click();
    const result = page.locator('[data-testid="backtest-result"]');
    await result.waitFor();
    // The 20,000 in cash reaches the draft's 10,000 but not the 50,000 in force.
    expect(Number(await result.getAttribute('data-new-alerts'))).toBeGreaterThanOrEqual(1);
    expect(Number(await result.getAttribute('data-overlap'))).toBeGreaterThanOrEqual(1);
    expect(await result.innerText()).toContain('per 1,000 customers');
    const chart = result.locator('[data-testid="backtest-chart"]');
    expect(await chart.locator('.recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    const byRule = result.locator(`[data-testid="backtest-by-rule"] tr[data-rule-id="${RULE_ID}"]`);
    expect(await byRule.innerText()).toMatch(/1\s+2/);
    await result.scrollIntoViewIfNeeded();
    await shot(page, 'backtest-en');
    await switchLanguage(page, 'zh-CN');
    await page.locator('[data-testid="backtest-result"]', { hasText: '每千名客户' }).waitFor();
    await shot(page, 'backtest-zh-CN');
    await switchLanguage(page, 'en');
  });

  it(
    'asks for activation, and a second person approves it in the approvals inbox',
    async () => {
      const draftRow = page.locator(
        `[data-testid="rule-versions"] tr[data-version="${DRAFT_VERSION}"]`,
      );
      await draftRow.locator('button', { hasText: 'Request activation' }).click();
      await confirmWithReason(page, 'Lower threshold for the pilot after backtest');
      await page.locator('[role="status"]', { hasText: 'second person' }).waitFor();
      await page
        .locator(
          `[data-testid="rule-versions"] tr[data-version="${DRAFT_VERSION}"][data-status="pending_activation"]`,
        )
        .waitFor();

      await approveInInbox('rule.activate', 'Lower threshold for the pilot', 'approval-zh-CN');

      await page.reload();
      await page
        .locator(
          `[data-testid="rule-versions"] tr[data-version="${DRAFT_VERSION}"][data-status="active"]`,
        )
        .waitFor();
      await waitForIdle(page);
      await shotBoth(page, 'rule-active', RULE_ID, RULE_ID);
      await page.locator('[data-testid="monitoring-tabs"] a', { hasText: 'Rules' }).click();
      const row = page.locator(`tr[data-rule-id="${RULE_ID}"]`);
      await row.locator('[data-overridden="true"]').waitFor();
      expect(await row.innerText()).toContain(`Stored v${DRAFT_VERSION} in force`);
    },
    TOTP_TEST_TIMEOUT_MS,
  );

  it(
    'sets a KRI threshold of the platform’s own, approved in the approvals inbox',
    async () => {
      await page.locator('[data-testid="monitoring-tabs"] a', { hasText: 'Overview' }).click();
      const breaks = page.locator('[data-kri-id="open_recon_breaks"]');
      await breaks.locator('button[data-action="change-kri-thresholds"]').click();
      const dialog = page.locator('dialog[open]');
      await dialog.locator('input[name="amberAt"]').fill('3');
      await dialog.locator('input[name="redAt"]').fill('2.5');
      await dialog.locator('textarea[name="reason"]').fill('The nightly import leaves a few open');
      expect(await dialog.locator('button[type="submit"]').isDisabled()).toBe(true);
      await dialog.locator('input[name="redAt"]').fill('2');
      await shot(page, 'kri-thresholds-dialog-en', false);
      await dialog.locator('button[type="submit"]').click();
      // Amber above red: the server refuses, and the dialog says why.
      await dialog.locator('[role="alert"]', { hasText: 'amberAt' }).waitFor();
      await dialog.locator('input[name="redAt"]').fill('20');
      await dialog.locator('button[type="submit"]').click();
      await page.locator('[role="status"]', { hasText: 'sent for approval' }).waitFor();
      const pending = breaks.locator('.kri-threshold-pending');
      await pending.waitFor();
      expect(await pending.innerText()).toContain('amber ≥ 3, red ≥ 20');

      await approveInInbox('kri.thresholds', '黄灯 ≥ 3，红灯 ≥ 20', 'kri-threshold-approval-zh-CN');

      await page.reload();
      await breaks.locator('.kri-thresholds[data-custom="true"]').waitFor();
      expect(await breaks.innerText()).toContain('≥ 3');
      expect(await breaks.locator('.kri-threshold-pending').count()).toBe(0);
      await shotBoth(page, 'kri-thresholds', '监控', 'Monitoring');
    },
    TOTP_TEST_TIMEOUT_MS,
  );

  it('raised no script errors', () => {
    const errors = browsers
      .flatMap((browser) => browser.pageErrors)
      .filter((line) => !line.includes('Failed to load resource'));
    expect(errors).toEqual([]);
  });
});
