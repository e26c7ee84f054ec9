/**
 * The console's compliance area end to end: the real server on a fresh database, the built
 * console and Debian's Chromium. The seeded platform has one four-eyes violation (a freeze
 * lift approved by the person who lifted it), one customer whose relationship ended eleven
 * years ago, a large-value report of eleven years ago whose stored goAML and CAMLMAC files are
 * due for purging, and a recent suspicious transaction report whose files are not. A
 * compliance officer, signed in with password and TOTP, reads the obligations register, runs
 * every control, opens a failing control's history with its pass-rate chart, runs it again,
 * and on the retention page previews the customer and the two files that are due and requests
 * their anonymization and purge; the approvals inbox names both, and the page shows what was
 * carried out once a second person approves. Then it holds the recent report past its period
 * (a hold on the anonymized customer is refused) and releases the hold. Screenshots in English and Chinese go to
 * screenshots/ (or CUSTOS_SCREENSHOTS_DIR).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { newId, type Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { apiCaller } from './api-caller.js';
import {
  seedReportWithFiles,
  storedFileRows,
  type SeededReport,
} from '../compliance/report-file-seed.js';
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
  signInWithPassword,
  switchLanguage,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';
import { activeStaff, type ActiveStaff } from './staff-fixtures.js';

const E2E_TIMEOUT_MS = 180_000;
const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

async function shot(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `compliance-${name}`);
}

/** Screenshots of the page in English and in Chinese, whose headings read as given. */
async function shotBoth(
  page: Page,
  name: string,
  headings: { en: string; zh: string } = { en: 'Compliance', zh: '合规' },
): Promise<void> {
  await waitForIdle(page);
  await page.mouse.move(0, 0);
  await shot(page, `${name}-en`);
  await switchLanguage(page, 'zh-CN');
  await waitForHeading(page, headings.zh);
  await waitForIdle(page);
  await shot(page, `${name}-zh-CN`);
  await switchLanguage(page, 'en');
  await waitForHeading(page, headings.en);
}

describe.skipIf(!chromiumAvailable())('console compliance area end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let books: ConsoleBooks;
  let officer: ActiveStaff;
  let leaverId: string;
  let dueReport: SeededReport;
  let recentStr: SeededReport;
  let approverKey: string;
  let approverId: string;
  const browsers: BrowserSession[] = [];
  let page: Page;

  beforeAll(async () => {
    db = await createTestDatabase();
    const seeder = await bootstrapStaff(db, 'Seeding Admin');
    const approver = await bootstrapStaff(db, 'Second Admin');
    approverKey = approver.apiKey;
    approverId = approver.principal.id;
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
      signInAttemptsPerMinute: 1_000,
    });
    books = await seedConsoleBooks(server.url, seeder.apiKey);
    // A freeze lift approved by the person who lifted it: a four-eyes violation.
    await db.query(
      `INSERT INTO freezes (id, platform_id, customer_id, scope, reason_code, created_by, lifted_at, lifted_by, lift_approved_by)
       VALUES ($1, $2, $3, 'debits', 'suspected_fraud', 'ops', now(), 'stf_same', 'stf_same')`,
      [newId('frz'), books.platformId, books.customerId],
    );
    // A customer with no money whose relationship ended eleven years ago.
    const leaver = await apiCaller(server.url, books.platformKey).call<{ id: string }>(
      'POST',
      `/v1/platforms/${books.platformId}/customers`,
      { kind: 'person', externalRef: 'leaver-1', name: 'Zhou Min', idNumber: '110101198001011238' },
    );
    leaverId = leaver.id;
    await db.query(
      `UPDATE customers SET status = 'closed', relationship_ended_at = now() - interval '11 years' WHERE id = $1`,
      [leaverId],
    );
    // Stored report files: a large-value report's goAML and CAMLMAC files, due since its
    // business day ended ten years ago; a suspicious transaction report filed a year ago.
    const elevenYearsAgo = new Date(Date.now() - 11 * YEAR_MS);
    dueReport = await seedReportWithFiles(db, books.platformId, {
      kind: 'lvtr',
      status: 'submitted',
      businessDate: elevenYearsAgo.toISOString().slice(0, 10),
      atMs: elevenYearsAgo.getTime() + 2 * 24 * 60 * 60 * 1000,
    });
    recentStr = await seedReportWithFiles(db, books.platformId, {
      kind: 'str',
      status: 'submitted',
      atMs: Date.now() - YEAR_MS,
    });
    officer = await activeStaff(
      db,
      server.url,
      { requester: seeder.principal, approver: approver.principal },
      {
        login: 'wang.fang',
        name: 'Wang Fang',
        role: 'compliance_officer',
        password: 'cedar-lantern-river-47',
      },
    );
  }, E2E_TIMEOUT_MS);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
    await db?.close();
  });

  it(
    'shows the register, runs the controls and a failing control’s history',
    async () => {
      const browser = await launchBrowser({ locale: 'en-US' });
      browsers.push(browser);
      page = await openPage(
        browser,
        new URL('/console/compliance/obligations', server.url).toString(),
      );
      await page.waitForURL(/\/console\/sign-in/);
      await signInWithPassword(page, officer.login, officer.password, () =>
        officer.totp.nextCode(),
      );
      await openPlatform(page, books.platformId);
      await page.waitForURL(/\/console\/compliance\/obligations$/);
      await waitForHeading(page, 'Compliance');
      await waitForIdle(page);
      const art34 = page.locator('tr[data-obligation="cn-aml-2024-art34"]');
      expect(await art34.innerText()).toContain('Art. 34');
      expect(
        await art34
          .locator('[data-control="CTL-RETENTION"] [data-outcome]')
          .first()
          .getAttribute('data-outcome'),
      ).toBe('never');
      expect(await page.locator('tr[data-obligation]').count()).toBeGreaterThanOrEqual(15);

      await page.locator('button[data-action="run-all"]').click();
      const fourEyes = page
        .locator(
          'tr[data-obligation="cn-aml-2024-art27"] [data-control="CTL-FOUR-EYES"] [data-outcome]',
        )
        .first();
      await page.waitForFunction(
        () =>
          document
            .querySelector('[data-control="CTL-FOUR-EYES"] [data-outcome]')
            ?.getAttribute('data-outcome') === 'fail',
      );
      expect(await fourEyes.getAttribute('data-outcome')).toBe('fail');
      expect(
        await page
          .locator('[data-control="CTL-PD-ENCRYPTED"] [data-outcome]')
          .first()
          .getAttribute('data-outcome'),
      ).toBe('pass');
      expect(
        await page
          .locator('[data-control="CTL-RETENTION"] [data-outcome]')
          .first()
          .getAttribute('data-outcome'),
      ).toBe('fail');

      await page
        .locator(
          'tr[data-obligation="cn-aml-2024-art27"] [data-control="CTL-FOUR-EYES"] button[data-action="run-control"]',
        )
        .click();
      const history = page.locator('[data-testid="control-history"]');
      await history.locator('[data-testid="control-runs"] tr[data-run]').nth(1).waitFor();
      expect(await history.locator('h2').innerText()).toContain('CTL-FOUR-EYES');
      expect(
        await history.locator('[data-testid="pass-rate-chart"]').getAttribute('data-points'),
      ).toBe('1');
      expect(await history.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
      expect(await history.locator('[data-testid="control-runs"]').innerText()).toContain(
        'four_eyes_respected',
      );
      await shotBoth(page, 'obligations');
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'previews the customer and report files due without changing anything, then requests their anonymization and purge',
    async () => {
      await page.locator('a', { hasText: 'Retention' }).click();
      await page.waitForURL(/\/console\/compliance\/retention$/);
      await waitForIdle(page);
      expect(await page.locator('[data-testid="retention-policy"]').innerText()).toContain(
        '10 years',
      );
      expect(await page.locator('button[data-action="execute"]').isDisabled()).toBe(true);
      const runs = page.locator('[data-testid="retention-runs"]');
      expect(await runs.innerText()).toContain('No run has anonymized or purged anything yet.');
      await page.locator('button[data-action="dry-run"]').click();
      const customers = page.locator('[data-testid="retention-result"]');
      await customers.locator(`tr[data-customer="${leaverId}"]`).waitFor();
      expect(await customers.locator('tr[data-customer]').count()).toBe(1);
      await expectDueFiles('Report files due for purging (dry run, nothing changed)');
      expect(await page.locator('[data-testid="retention-held"]').innerText()).toContain(
        '0 customers and 0 report files',
      );
      const before = await db.query<{ anonymized_at: Date | null }>(
        'SELECT anonymized_at FROM customers WHERE id = $1',
        [leaverId],
      );
      expect(before[0]?.anonymized_at).toBeNull();
      expect(await filesHoldingContent()).toBe(4);
      await shotBoth(page, 'retention-preview');

      await page.locator('button[data-action="execute"]').click();
      const summary = page.locator('dialog[open] [data-testid="retention-request-summary"]');
      expect(await summary.locator('li').allInnerTexts()).toEqual([
        'Anonymize the personal data of 1 customer',
        'Purge the content of 2 stored report files (goAML or CAMLMAC XML); their rows and SHA-256 stay',
      ]);
      await shot(page, 'retention-request-dialog-en');
      await confirmWithReason(page, 'relationship ended and report kept eleven years ago');
      const notice = page.locator('[data-testid="retention-requested"]');
      await notice.locator('[role="status"]').waitFor();
      expect(await notice.getAttribute('data-state')).toBe('requested');
      await expectDueFiles('Report files to purge once approved');
      const requested = await db.query<{
        id: string;
        payload: { customerIds: string[]; reportFiles: unknown[] };
      }>(
        `SELECT id, payload FROM approvals
         WHERE action = 'retention.execute' AND status = 'open' AND platform_id = $1`,
        [books.platformId],
      );
      expect(requested).toHaveLength(1);
      const approvalId = requested[0]?.id ?? '';
      expect(requested[0]?.payload.customerIds).toEqual([leaverId]);
      expect(requested[0]?.payload.reportFiles).toHaveLength(2);
      expect(await filesHoldingContent()).toBe(4);
      await shot(page, 'retention-requested-en');
      await expectInboxDescription(approvalId);

      await apiCaller(server.url, approverKey).call('POST', `/v1/approvals/${approvalId}/approve`, {
        reason: 'checked against the closures and the filing record',
      });
      const after = await db.query<{ anonymized_at: Date | null; fields: object }>(
        "SELECT anonymized_at, personal_data -> 'fields' AS fields FROM customers WHERE id = $1",
        [leaverId],
      );
      expect(after[0]?.anonymized_at).not.toBeNull();
      expect(after[0]?.fields).toEqual({});
      const rows = [...(await storedFileRows(db, books.platformId)).values()];
      const purged = rows.filter((row) => row.purged_at !== null);
      expect(purged.map((row) => [row.report_id, row.purge_run_id, row.xml_sealed])).toEqual([
        [dueReport.reportId, approvalId, null],
        [dueReport.reportId, approvalId, null],
      ]);
      expect(await filesHoldingContent()).toBe(2);

      await page.locator('button[data-action="check-request"]').click();
      await page.locator('[data-testid="retention-requested"][data-state="approved"]').waitFor();
      // What the approval carried out, read back from its recorded run, not the request's lists.
      const carriedOut = page.locator('[data-testid="retention-run-detail"]');
      await carriedOut.waitFor();
      expect(await carriedOut.locator('h2').innerText()).toContain(approvalId);
      expect(await carriedOut.innerText()).toContain('Approved request');
      const anonymized = carriedOut.locator('[data-testid="retention-run-customers"] tr');
      expect(
        await anonymized.evaluateAll((rows) => rows.map((r) => r.dataset['customer'])),
      ).toEqual([undefined, leaverId]);
      const purgedFiles = await carriedOut
        .locator('[data-testid="retention-run-files"] tr[data-file]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-file')));
      expect([...purgedFiles].sort()).toEqual([
        `camlmac:${dueReport.approvalId}`,
        `goaml:${dueReport.approvalId}`,
      ]);
      expect(await page.locator('[data-testid="retention-report-files"]').count()).toBe(0);
      const listed = runs.locator(`tr[data-run="${approvalId}"]`);
      await listed.waitFor();
      const listedCells = listed.locator('td');
      expect((await listedCells.allInnerTexts()).slice(2, 6)).toEqual([
        'Approved request',
        expect.stringContaining('approved by'),
        '1',
        '2',
      ]);
      const by = listedCells.nth(3).locator('[title]');
      expect(await by.evaluateAll((ids) => ids.map((id) => id.getAttribute('title')))).toEqual([
        officer.principalId,
        approverId,
      ]);
      await shotBoth(page, 'retention-done');

      await page.locator('button[data-action="dry-run"]').click();
      await customers.locator('tr[data-customer]').first().waitFor({ state: 'detached' });
      expect(await customers.innerText()).toContain('No customer is due.');
      const files = page.locator('[data-testid="retention-report-files"]');
      expect(await files.innerText()).toContain('No stored report file is due.');
      expect(await files.locator('tr[data-file]').count()).toBe(0);
      expect(await page.locator('button[data-action="execute"]').isDisabled()).toBe(true);
      expect(await page.locator('[data-testid="retention-run-detail"]').count()).toBe(0);
      await runs.locator('button[data-action="show-run"]').click();
      await page.locator('[data-testid="retention-run-detail"]').waitFor();
      expect(await page.locator('[data-testid="retention-result"]').count()).toBe(0);
      await shotBoth(page, 'retention-none-due');
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'holds a report past its period, refuses a hold on an anonymized customer, and releases it with four eyes',
    async () => {
      const holds = page.locator('[data-testid="retention-holds"]');
      expect(await holds.innerText()).toContain('Nothing is held.');
      await holds.locator('button[data-action="place-hold"]').click();
      const dialog = page.locator('dialog[open]');
      await dialog.locator('input[name="subjectId"]').fill(leaverId);
      await confirmWithReason(page, 'FIU asked for the original file');
      const refusal = dialog.locator('[role="alert"]');
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('already anonymized');
      const placed = async () =>
        (
          await db.query<{ released_by: string | null }>(
            'SELECT released_by FROM retention_holds WHERE platform_id = $1',
            [books.platformId],
          )
        ).map((row) => row.released_by);
      expect(await placed()).toEqual([]);
      await dialog.locator('select[name="subjectType"]').selectOption('report');
      await dialog.locator('input[name="subjectId"]').fill(recentStr.reportId);
      await dialog.locator('button[type="submit"]').click();
      const row = holds.locator(`tr[data-subject="${recentStr.reportId}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('FIU asked for the original file');
      expect(await row.locator('a').first().getAttribute('href')).toBe(
        `/console/reports/${recentStr.reportId}`,
      );
      expect(await placed()).toEqual([null]);
      await shotBoth(page, 'retention-holds');

      // Releasing asks a second person: the hold stays, and its row names the request.
      await row.locator('button[data-action="release-hold"]').click();
      await confirmWithReason(page, 'FIU confirmed receipt of a copy');
      const pending = row.locator('[data-release-requested]');
      await pending.waitFor();
      expect(await pending.innerText()).toMatch(
        /^Release awaits a second person: apr_\S+\s+asked for by stf_\S+$/,
      );
      expect(await placed()).toEqual([null]);
      const releaseId = (await pending.getAttribute('data-release-requested')) ?? '';
      await shotBoth(page, 'retention-hold-release-requested');
      const inbox = await page.context().newPage();
      await inbox.goto(new URL('/console/approvals', server.url).toString());
      await waitForHeading(inbox, 'Approvals');
      const request = inbox.locator(`tr[data-approval-id="${releaseId}"]`);
      await request.waitFor();
      const description = await request.locator('.approval-description').innerText();
      expect(description).toMatch(/^Release hold \S+ on Report \S+: its records are due again/);
      await inbox.close();
      await apiCaller(server.url, approverKey).call('POST', `/v1/approvals/${releaseId}/approve`, {
        reason: 'FIU receipt seen',
      });
      await page.reload();
      await holds.locator('p', { hasText: 'Nothing is held.' }).waitFor();
      expect(await placed()).toEqual([officer.principalId]);

      // The same from a customer's own page.
      await page.goto(new URL(`/console/customers/${books.customerId}`, server.url).toString());
      const onCustomer = page.locator('[data-testid="customer-retention-hold"]');
      await onCustomer.locator('button[data-action="place-hold"]').waitFor();
      expect(await onCustomer.innerText()).toContain('No retention hold');
      await onCustomer.locator('button[data-action="place-hold"]').click();
      await confirmWithReason(page, 'regulator inquiry 2026-117');
      await onCustomer.locator('button[data-action="release-hold"]').waitFor();
      expect(await onCustomer.innerText()).toContain(
        'Held past the retention period: regulator inquiry 2026-117',
      );
      await shot(page, 'customer-retention-hold-en');
      await onCustomer.locator('button[data-action="release-hold"]').click();
      await confirmWithReason(page, 'inquiry closed without findings');
      const onCustomerPending = onCustomer.locator('[data-release-requested]');
      await onCustomerPending.waitFor();
      await apiCaller(server.url, approverKey).call(
        'POST',
        `/v1/approvals/${(await onCustomerPending.getAttribute('data-release-requested')) ?? ''}/approve`,
        { reason: 'inquiry closure confirmed' },
      );
      await page.reload();
      await onCustomer.locator('button[data-action="place-hold"]').waitFor();
      expect(await placed()).toEqual([officer.principalId, officer.principalId]);
    },
    E2E_TIMEOUT_MS,
  );

  /** The report files section lists the due report's two files, under `title`. */
  async function expectDueFiles(title: string): Promise<void> {
    const files = page.locator('[data-testid="retention-report-files"]');
    await files.locator('tr[data-file]').first().waitFor();
    expect(await files.locator('h2').innerText()).toBe(`${title}\n2`);
    const keys = await files
      .locator('tr[data-file]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-file')));
    expect([...keys].sort()).toEqual([
      `camlmac:${dueReport.approvalId}`,
      `goaml:${dueReport.approvalId}`,
    ]);
    const goaml = files.locator(`tr[data-file="goaml:${dueReport.approvalId}"]`);
    expect(await goaml.locator('a').getAttribute('href')).toBe(
      `/console/reports/${dueReport.reportId}`,
    );
    const cells = await goaml.locator('td').allInnerTexts();
    expect(cells.slice(1, 4)).toEqual(['goAML', 'Large-value (LVTR)', '1']);
    expect(cells[6]).toBe(`${dueReport.goamlSha256.slice(0, 12)}…`);
    const camlmac = files.locator(`tr[data-file="camlmac:${dueReport.approvalId}"]`);
    expect((await camlmac.locator('td').allInnerTexts())[1]).toBe('CAMLMAC');
  }

  /** Stored report files of the platform whose content is still there. */
  async function filesHoldingContent(): Promise<number> {
    const rows = await storedFileRows(db, books.platformId);
    return [...rows.values()].filter((row) => row.xml_sealed !== null).length;
  }

  /** The approvals inbox, in a second tab, says what the open request would do. */
  async function expectInboxDescription(approvalId: string): Promise<void> {
    const inbox = await page.context().newPage();
    await inbox.goto(new URL('/console/approvals', server.url).toString());
    await waitForHeading(inbox, 'Approvals');
    const row = inbox.locator(`tr[data-approval-id="${approvalId}"]`);
    await row.waitFor();
    expect(await row.locator('.approval-description').innerText()).toBe(
      'Anonymize 1 customer past retention; purge the content of 2 stored report files',
    );
    // The request's files are listed one by one, labelled, never as raw JSON.
    const files = row.locator('.detail-entry-nested', { hasText: 'Report files' });
    expect(await files.locator('dl.detail-list-nested').count()).toBe(2);
    expect(await files.innerText()).toContain('goAML');
    expect(await files.innerText()).toContain('CAMLMAC');
    expect(await row.innerText()).not.toContain('"fileId"');
    await shotBoth(inbox, 'retention-approvals', { en: 'Approvals', zh: '审批' });
    await inbox.close();
  }
});
