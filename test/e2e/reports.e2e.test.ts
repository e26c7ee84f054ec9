/**
 * The reports and risk-rating pages end to end: the real server on a fresh database, the
 * built console and Debian's Chromium. Through the API a large deposit is made, the large-
 * value batch run, a suspicious transaction report started and an entity customer given
 * owners; an admin signed in with an API key then lists the reports (one overdue), edits the
 * STR into a new version, downloads its goAML and CAMLMAC exports, asks for submission, reads
 * the request in the approvals inbox, withdraws it while the request awaits approval, reads
 * and overrides a customer's risk rating with its factor chart, and edits the customer's risk
 * attributes through the form (a figure the form refuses, one the server refuses, then a
 * change that re-rates). Screenshots in both languages.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { CHANNELS, PEP_STATUSES, RiskAttributesSchema } from '../../src/customer-risk/index.js';
import { runLvtrBatch } from '../../src/reports/index.js';
import type { Database } from '../../src/store/index.js';
import {
  ONBOARDING_CHANNELS,
  PEP_STATUSES as WEB_PEP_STATUSES,
} from '../../web/src/reports/reports-types.js';
import { declaredCnyValid } from '../../web/src/reports/risk-attributes-draft.js';
import { bootstrapStaff } from '../support/books.js';
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
import {
  confirmWithReason,
  openPlatform,
  screenshotBothLanguages,
  signIn,
  switchLanguage,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';

const FLOW_TIMEOUT_MS = 180_000;

interface Seed {
  books: ConsoleBooks;
  strId: string;
  lvtrId: string;
  entityId: string;
}

/** Runs the large-value batch of an ended CST day; answers its (first) report's id. */
type RunLvtr = (date: string) => Promise<string>;

async function seed(
  baseUrl: string,
  adminKey: string,
  books: ConsoleBooks,
  runLvtr: RunLvtr,
): Promise<Seed> {
  const admin: ApiCaller = apiCaller(baseUrl, adminKey);
  const platform = apiCaller(baseUrl, books.platformKey);
  const base = `/v1/platforms/${books.platformId}`;
  const put = async (path: string, body: unknown) => {
    const response = await fetch(new URL(path, baseUrl), {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  await put(`${base}/reports/entity`, {
    rentityId: 4711,
    rentityBranch: '上海分行',
    reportingUserCode: 'CUSTOS01',
    institutionName: 'Custos 存管银行',
    institutionCode: 'C1234567890',
    address: '浦东新区世纪大道 100 号',
    city: '上海',
    countryCode: 'CN',
  });
  const teacher = await platform.call<{ id: string }>('POST', `${base}/customers`, {
    kind: 'person',
    externalRef: `zhang-${randomUUID().slice(0, 8)}`,
    name: '张伟',
    idNumber: '11010519491231002X',
    phone: '13800138000',
  });
  const account = await platform.call<{ id: string }>(
    'POST',
    `${base}/customers/${teacher.id}/accounts`,
    { currency: 'CNY' },
  );
  await put(`${base}/reports/subjects/${teacher.id}`, { occupation: '教师' });
  const large = await platform.call<{ id: string }>(
    'POST',
    `${base}/instructions`,
    {
      type: 'deposit',
      amount: '600000.00',
      currency: 'CNY',
      purpose: 'Property sale proceeds',
      payeeAccountId: account.id,
    },
    { 'idempotency-key': randomUUID() },
  );
  // The deposit's CST day has not ended, so the API refuses its batch: it is run as it will be
  // after midnight CST, with the clock a day ahead.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const lvtrId = await runLvtr(today);
  const str = await admin.call<{ id: string }>('POST', `${base}/reports/str`, {
    content: {
      reason: '',
      action: '',
      indicators: ['0101'],
      subjects: [{ customerId: teacher.id }],
      transactions: [{ instructionId: large.id }],
    },
  });
  const entity = await platform.call<{ id: string }>('POST', `${base}/customers`, {
    kind: 'entity',
    externalRef: `acme-${randomUUID().slice(0, 8)}`,
    name: '上海示例贸易有限公司',
  });
  // Recorded before the owners: with them the entity is rated high, and lowering that by an
  // attribute change would wait for a second person.
  await admin.call('PUT', `${base}/risk-ratings/${entity.id}/attributes`, {
    occupationCategory: null,
    industryCategory: 'manufacturing',
    products: ['lending_borrower'],
    onboardingChannel: 'face_to_face',
    pepStatus: 'none',
    declaredMonthlyCny: '2500000',
  });
  for (const owner of [
    { name: '王五', ownershipPercent: 60, controlType: 'ownership', nationality: 'CN' },
    { name: 'Kamau Otieno', ownershipPercent: 15, controlType: 'ownership', nationality: 'KE' },
  ])
    await admin.call('POST', `${base}/risk-ratings/${entity.id}/beneficial-owners`, owner);
  let after: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const rated = await admin.call<{ done: boolean; lastCustomerId: string | null }>(
      'POST',
      `${base}/risk-ratings/batch`,
      after === undefined ? {} : { after },
    );
    if (rated.done || rated.lastCustomerId === null) break;
    after = rated.lastCustomerId;
  }
  return { books, strId: str.id, lvtrId, entityId: entity.id };
}

// The attributes form refuses what the API refuses and offers what it accepts, so that the
// one can never drift from the other. Runs without a browser, against the server's schema.
describe('the risk attributes form and the API', () => {
  const body = (declaredMonthlyCny: string | null) => ({
    occupationCategory: null,
    industryCategory: null,
    products: [],
    onboardingChannel: 'remote',
    pepStatus: 'none',
    declaredMonthlyCny,
  });
  const apiTakes = (text: string) => RiskAttributesSchema.safeParse(body(text)).success;

  it('offers exactly the channels and PEP statuses the API accepts', () => {
    expect([...ONBOARDING_CHANNELS]).toEqual([...CHANNELS]);
    expect([...WEB_PEP_STATUSES]).toEqual([...PEP_STATUSES]);
  });

  it('takes exactly the declared figures the API takes; empty is none declared', () => {
    for (const text of ['0', '0.5', '12000.00', '999999999999.99']) {
      expect(declaredCnyValid(text), text).toBe(true);
      expect(apiTakes(text), text).toBe(true);
    }
    for (const text of ['18,000', '-1', '1.234', '01', '1000000000000', '1.', '.5']) {
      expect(declaredCnyValid(text), text).toBe(false);
      expect(apiTakes(text), text).toBe(false);
    }
    expect(declaredCnyValid('')).toBe(true);
    expect(RiskAttributesSchema.safeParse(body(null)).success).toBe(true);
    const figure = fc.oneof(
      fc.stringMatching(/^[0-9.,-]{1,16}$/),
      fc
        .tuple(fc.bigInt({ min: 0n, max: 2n * 10n ** 12n }), fc.stringMatching(/^(\.[0-9]{0,3})?$/))
        .map(([whole, fraction]) => `${whole}${fraction}`),
    );
    fc.assert(
      fc.property(figure, (text) => {
        expect(declaredCnyValid(text)).toBe(apiTakes(text));
      }),
    );
  });
});

describe.skipIf(!chromiumAvailable())('reports console end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let adminKey: string;
  let data: Seed;
  let browser: BrowserSession;
  let page: Page;
  let errorsBefore = 0;
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  beforeAll(async () => {
    db = await createTestDatabase();
    const admin = await bootstrapStaff(db, 'Compliance Admin');
    adminKey = admin.apiKey;
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
    });
    const books = await seedConsoleBooks(server.url, adminKey);
    data = await seed(server.url, adminKey, books, async (date) => {
      const run = await runLvtrBatch(db, admin.principal, books.platformId, date, {
        nowMs: Date.now() + 86_400_000,
      });
      if (!run.ok || run.value.reportId === null) throw new Error(`large-value batch of ${date}`);
      return run.value.reportId;
    });
    // The large-value report of a past day, still a draft: overdue.
    await db.query(`UPDATE reports SET deadline_date = '2026-01-05' WHERE id = $1`, [data.lvtrId]);
    browser = await launchBrowser({ locale: 'en-US' });
    page = await openPage(browser, at('/console/reports'));
    await page.waitForURL(/\/console\/sign-in/);
    await signIn(page, adminKey);
    await openPlatform(page, books.platformId);
    await page.waitForURL(/\/console\//);
    // The sign-in page's session probe answers 401 before signing in: not a console fault.
    errorsBefore = browser.pageErrors.length;
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it(
    'lists the reports with their deadlines and the overdue one marked',
    async () => {
      await page.goto(at('/console/reports'));
      await waitForHeading(page, 'Regulatory reports');
      const rows = page.locator('[data-testid="report-list"] tbody tr[data-report-id]');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(2);
      const overdue = page.locator(`tr[data-report-id="${data.lvtrId}"]`);
      expect(await overdue.getAttribute('data-overdue')).toBe('true');
      expect(await overdue.locator('[data-testid="overdue-badge"]').count()).toBe(1);
      expect(await page.locator('.sidebar nav').innerText()).toContain('Risk ratings');
      await screenshotBothLanguages(page, 'reports-list', '监管报告');
      await page.locator('input[name="overdue"]').check();
      await page.waitForURL(/overdue=true/);
      await page.locator(`tr[data-report-id="${data.strId}"]`).waitFor({ state: 'detached' });
      // The filtered list may render empty for a moment while it loads.
      await overdue.waitFor();
      expect(await rows.count()).toBe(1);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'edits the STR into a new version, downloads both exports and asks for submission',
    async () => {
      await page.goto(at(`/console/reports/${data.strId}`));
      await waitForHeading(page, 'Suspicious (STR)');
      const form = page.locator('[data-testid="str-edit-form"]');
      await form
        .locator('textarea[name="reason"]')
        .fill('教师账户单日收到 60 万元房产出售款，与其收入不符，来源待核实。');
      await form.locator('input[name="note"]').fill('grounds written');
      await form.locator('button[type="submit"]').click();
      await page.locator('[data-testid="report-versions"] tbody tr').nth(1).waitFor();
      expect(await page.locator('[data-testid="report-versions"] tbody tr').count()).toBe(2);
      await screenshotBothLanguages(page, 'reports-str-detail', '可疑交易（STR）');
      for (const standard of ['goaml', 'camlmac'] as const) {
        const download = page.waitForEvent('download');
        await page.locator(`[data-testid="export-${standard}"]`).click();
        const file = await download;
        expect(file.suggestedFilename()).toMatch(
          standard === 'goaml' ? /-str\.xml$/ : /^NBSC1234567890-/,
        );
      }
      await page.locator('[data-testid="request-submission"]').click();
      const dialog = page.locator('dialog[open]');
      await dialog.locator('textarea[name="reason"]').fill('Grounds complete, please approve.');
      await saveScreenshot(page, 'reports-submission-dialog-en');
      await dialog.locator('button[type="submit"]').click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('[role="status"]', { hasText: 'Submission of v2 requested' }).waitFor();
      expect(await page.locator('[data-testid="str-edit-form"]').count()).toBe(0);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows the submission request in the approvals inbox, its CAMLMAC file as a nested list',
    async () => {
      await page.goto(at('/console/approvals'));
      await waitForHeading(page, 'Approvals');
      const row = page.locator('tr[data-action="report.submit"]');
      await row.waitFor();
      const sentence = await row.locator('.approval-description').innerText();
      expect(sentence).toMatch(/^Submit report rpt_…\S+ version 2 \(file \S+\.xml\)$/);
      const payload = row.locator('dl.detail-list').first();
      // No raw JSON is left (ids still show in monospace): the CAMLMAC summary is a list.
      const codes = await payload.locator('code').allInnerTexts();
      expect(codes.filter((text) => text.startsWith('{'))).toEqual([]);
      const camlmac = payload.locator('dl.detail-list-nested');
      expect(await camlmac.count()).toBe(1);
      const lines = await camlmac.locator('dt').allInnerTexts();
      expect(lines).toEqual(['SHA-256', 'File']);
      expect(await camlmac.locator('dd').nth(1).innerText()).toMatch(/^NBSC1234567890-.+\.xml$/);
      expect(await payload.innerText()).toContain('CAMLMAC file');
      await screenshotBothLanguages(page, 'approvals-report-submit', '审批');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'withdraws the STR awaiting approval and shows who withdrew it, when and why',
    async () => {
      await page.goto(at(`/console/reports/${data.strId}`));
      await waitForHeading(page, 'Suspicious (STR)');
      await page.locator('[data-action="withdraw-report"]').click();
      await confirmWithReason(page, 'Started for the wrong customer.');
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
      await page.locator('[role="status"]', { hasText: 'Report withdrawn.' }).waitFor();
      await page.locator('[data-status="withdrawn"]').waitFor();
      expect(await page.locator('[data-testid="withdrawal-reason"]').innerText()).toBe(
        'Started for the wrong customer.',
      );
      expect(await page.locator('[data-action="withdraw-report"]').count()).toBe(0);
      await screenshotBothLanguages(page, 'reports-str-withdrawn', '可疑交易（STR）');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows the large-value report with its items',
    async () => {
      await page.goto(at(`/console/reports/${data.lvtrId}`));
      await waitForHeading(page, 'Large-value (LVTR)');
      await page.locator('[data-testid="lvtr-items"] tbody tr').first().waitFor();
      expect(await page.locator('[data-testid="lvtr-items"]').innerText()).toContain('600,000.00');
      await screenshotBothLanguages(page, 'reports-lvtr-detail', '大额交易（LVTR）');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'lists risk ratings, filters the high ones and shows a rating with its factors and owners',
    async () => {
      await page.goto(at('/console/risk-ratings'));
      await waitForHeading(page, 'Customer risk ratings');
      const rows = page.locator('[data-testid="rating-list"] tbody tr[data-customer-id]');
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThanOrEqual(2);
      await screenshotBothLanguages(page, 'risk-ratings-list', '客户风险等级');
      await page.locator(`a[href="/console/risk-ratings/${data.entityId}"]`).click();
      await waitForHeading(page, 'Risk rating of');
      await page.locator('[data-testid="factor-chart"] .recharts-bar-rectangle').first().waitFor();
      const geography = page.locator('[data-testid="factor-table"] tr[data-factor="geography"]');
      expect(await geography.innerText()).toContain('KE');
      const owners = page.locator('[data-testid="owners"] tbody tr[data-owner-id]');
      expect(await owners.count()).toBe(2);
      expect(await owners.nth(0).innerText()).toContain('王五');
      const attributes = page.locator('[data-testid="risk-attributes"]');
      expect(await attributes.innerText()).toContain('Expected monthly turnover');
      expect(await attributes.locator('[data-testid="declared-monthly"]').innerText()).toBe(
        '2,500,000.00CNY',
      );
      await screenshotBothLanguages(page, 'risk-rating-detail', '风险评级');

      const form = page.locator('[data-testid="owner-form"]');
      await form.locator('input[name="ownerName"]').fill('Too Much');
      await form.locator('input[name="ownerPercent"]').fill('30');
      await form.locator('button[type="submit"]').click();
      await page.locator('[role="alert"]').waitFor();
      expect(await page.locator('[role="alert"]').innerText()).toContain('100%');
      expect(await owners.count()).toBe(2);

      await page.locator('[data-testid="override"]').click();
      const dialog = page.locator('dialog[open]');
      await dialog.locator('select[name="overrideLevel"]').selectOption('high');
      await dialog
        .locator('textarea[name="reason"]')
        .fill('Owner in Kenya under review by the platform.');
      await dialog.locator('button[type="submit"]').click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('[role="status"]', { hasText: 'Override applied' }).waitFor();
      await waitForIdle(page);
      expect(await page.locator('h1 [data-level]').getAttribute('data-level')).toBe('high');
      await page
        .locator('[data-testid="edd-checklist"] tr[data-item="source_of_wealth"]')
        .waitFor();
      await saveScreenshot(page, 'risk-rating-overridden-en');
      await page.goto(at('/console/risk-ratings?level=high'));
      await page.locator(`tr[data-customer-id="${data.entityId}"]`).waitFor();
      const levels = await page
        .locator('[data-testid="rating-list"] tbody tr[data-level]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-level')));
      expect(levels.every((level) => level === 'high')).toBe(true);
      // The refused owner (over 100%) is the one failed request on purpose.
      expect(browser.pageErrors.slice(errorsBefore).filter((e) => !e.includes('400'))).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'edits the risk attributes: a figure the form refuses, one the server refuses, then a re-rate',
    async () => {
      await page.goto(at(`/console/risk-ratings/${data.entityId}`));
      await waitForHeading(page, 'Risk rating of');
      await waitForIdle(page);
      const attributes = page.locator('[data-testid="risk-attributes"]');
      const score = page.locator('.fact', { hasText: 'Score' }).locator('dd');
      const scoreBefore = Number(await score.innerText());
      const historyRows = page.locator('[data-testid="rating-history"] tbody tr');
      const ratingsBefore = await historyRows.count();

      const dialog = await openAttributesForm(page);
      // Prefilled with what the seed recorded.
      expect(await dialog.locator('select[name="industryCategory"]').inputValue()).toBe(
        'manufacturing',
      );
      expect(await dialog.locator('select[name="occupationCategory"]').inputValue()).toBe('');
      expect(await dialog.locator('select[name="onboardingChannel"]').inputValue()).toBe(
        'face_to_face',
      );
      expect(await dialog.locator('select[name="pepStatus"]').inputValue()).toBe('none');
      expect(await dialog.locator('input[value="lending_borrower"]').isChecked()).toBe(true);
      const declared = dialog.locator('input[name="declaredMonthlyCny"]');
      expect(await declared.inputValue()).toBe('2500000.00');
      const save = dialog.locator('button[type="submit"]');

      // The form refuses what the API refuses: thousands separators, three decimals.
      for (const refused of ['2,600,000', '2600000.001']) {
        await declared.fill(refused);
        expect(await declared.getAttribute('aria-invalid')).toBe('true');
        expect(await dialog.locator('[data-testid="declared-rule"].field-error').count()).toBe(1);
        expect(await save.isDisabled()).toBe(true);
      }
      await saveScreenshot(page, 'risk-attributes-refused-en');

      // The server's own refusal: the form would not send a bad figure, so a good one is
      // changed on its way out. The 400 names the field, and the form shows it there.
      await declared.fill('2600000');
      expect(await save.isDisabled()).toBe(false);
      const pattern = `**/risk-ratings/${data.entityId}/attributes`;
      await page.route(pattern, (route) =>
        route.continue({
          postData: JSON.stringify({
            ...(route.request().postDataJSON() as Record<string, unknown>),
            declaredMonthlyCny: '2600000.001',
          }),
        }),
      );
      await save.click();
      const fieldIssue = dialog.locator('[data-issue-path="declaredMonthlyCny"]');
      await fieldIssue.waitFor();
      expect(await fieldIssue.innerText()).toContain('CNY amount');
      expect(await dialog.locator('[role="alert"]').getAttribute('data-problem-status')).toBe(
        '400',
      );
      expect(await declared.getAttribute('aria-invalid')).toBe('true');
      await saveScreenshot(page, 'risk-attributes-server-refused-en');
      await page.unroute(pattern);

      // A real change: a riskier industry and product, and a new expected turnover.
      await dialog.locator('select[name="industryCategory"]').selectOption('import_export');
      await dialog.locator('input[value="cross_border_transfer"]').check();
      await declared.fill('3000000');
      await save.click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('[role="status"]', { hasText: 'Attributes saved' }).waitFor();
      await waitForIdle(page);
      expect(await attributes.locator('[data-testid="declared-monthly"]').innerText()).toBe(
        '3,000,000.00CNY',
      );
      const shown = await attributes.innerText();
      expect(shown).toContain('import_export');
      expect(shown).toContain('cross_border_transfer, lending_borrower');
      // Re-rated with the default model: import_export adds 15 points to manufacturing's 0,
      // and cross_border_transfer (25) replaces lending_borrower (10) as the riskiest product.
      expect(Number(await score.innerText())).toBe(scoreBefore + 30);
      const product = page.locator('[data-testid="factor-table"] tr[data-factor="product"]');
      expect(await product.innerText()).toContain('cross_border_transfer');
      expect(await historyRows.count()).toBe(ratingsBefore + 1);
      expect(await historyRows.first().innerText()).toContain('Input changed');
      await screenshotBothLanguages(page, 'risk-attributes-saved', '风险评级');

      // Going back would lower the high rating: that waits for a second officer, and until
      // then the recorded attributes stand.
      const revert = await openAttributesForm(page);
      await revert.locator('select[name="industryCategory"]').selectOption('manufacturing');
      await revert.locator('input[value="cross_border_transfer"]').uncheck();
      await revert.locator('button[type="submit"]').click();
      await revert.waitFor({ state: 'detached' });
      await page.locator('[role="status"]', { hasText: /approval apr_\S+ awaits/ }).waitFor();
      await waitForIdle(page);
      expect(await attributes.innerText()).toContain('import_export');
      expect(await historyRows.count()).toBe(ratingsBefore + 1);

      await switchLanguage(page, 'zh-CN');
      await waitForHeading(page, '风险评级');
      const zhDialog = await openAttributesForm(page);
      await zhDialog.locator('input[name="declaredMonthlyCny"]').fill('3,000,000');
      await saveScreenshot(page, 'risk-attributes-refused-zh-CN');
      await zhDialog.locator('.dialog-actions button[type="button"]').click();
      await zhDialog.waitFor({ state: 'detached' });
      await switchLanguage(page, 'en');
      // The server's refusal above is the one failed request on purpose.
      expect(browser.pageErrors.slice(errorsBefore).filter((e) => !e.includes('400'))).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );
});

/** Opens "Edit attributes" and waits for the form's code lists (the model in force). */
async function openAttributesForm(page: Page) {
  await page.locator('[data-testid="edit-attributes"]').click();
  const dialog = page.locator('dialog[open]');
  await dialog.locator('[data-testid="attributes-form"]').waitFor();
  return dialog;
}
