/**
 * The console's compliance area end to end: the real server on a fresh database, the built
 * console and Debian's Chromium. The seeded platform has one four-eyes violation (a freeze
 * lift approved by the person who lifted it) and one customer whose relationship ended eleven
 * years ago. A compliance officer, signed in with password and TOTP, reads the obligations
 * register, runs every control, opens a failing control's history with its pass-rate chart,
 * runs it again, and on the retention page previews the customer that is due and requests its
 * anonymization, which happens when a second person approves. Screenshots in English and Chinese go to /tmp/shots.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { newId, type Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { apiCaller } from './api-caller.js';
import { chromiumAvailable, launchBrowser, openPage, type BrowserSession } from './browser.js';
import { consoleBuildDir } from './console-build.js';
import {
  openPlatform,
  signInWithPassword,
  switchLanguage,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';
import { activeStaff, type ActiveStaff } from './staff-fixtures.js';

const SHOTS_DIR = '/tmp/shots';
const E2E_TIMEOUT_MS = 180_000;

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SHOTS_DIR, `compliance-${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

async function shotBoth(page: Page, name: string): Promise<void> {
  await waitForIdle(page);
  await page.mouse.move(0, 0);
  await shot(page, `${name}-en`);
  await switchLanguage(page, 'zh-CN');
  await waitForHeading(page, '合规');
  await waitForIdle(page);
  await shot(page, `${name}-zh-CN`);
  await switchLanguage(page, 'en');
  await waitForHeading(page, 'Compliance');
}

describe.skipIf(!chromiumAvailable())('console compliance area end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let books: ConsoleBooks;
  let officer: ActiveStaff;
  let leaverId: string;
  let approverKey: string;
  const browsers: BrowserSession[] = [];
  let page: Page;

  beforeAll(async () => {
    db = await createTestDatabase();
    const seeder = await bootstrapStaff(db, 'Seeding Admin');
    const approver = await bootstrapStaff(db, 'Second Admin');
    approverKey = approver.apiKey;
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
    'previews retention without changing anything, then requests anonymization for a second person',
    async () => {
      await page.locator('a', { hasText: 'Retention' }).click();
      await page.waitForURL(/\/console\/compliance\/retention$/);
      await waitForIdle(page);
      expect(await page.locator('[data-testid="retention-policy"]').innerText()).toContain(
        '10 years',
      );
      await page.locator('button[data-action="dry-run"]').click();
      const result = page.locator('[data-testid="retention-result"]');
      await result.locator(`tr[data-customer="${leaverId}"]`).waitFor();
      expect(await result.locator('tr[data-customer]').count()).toBe(1);
      const before = await db.query<{ anonymized_at: Date | null }>(
        'SELECT anonymized_at FROM customers WHERE id = $1',
        [leaverId],
      );
      expect(before[0]?.anonymized_at).toBeNull();
      await shotBoth(page, 'retention-preview');
      page.once('dialog', (dialog) => void dialog.accept('relationship ended eleven years ago'));
      await page.locator('button[data-action="execute"]').click();
      await page.locator('[data-testid="retention-requested"]').waitFor();
      const requested = await db.query<{ id: string; anonymized_at: Date | null }>(
        `SELECT a.id, c.anonymized_at FROM approvals a JOIN customers c ON c.id = $1
         WHERE a.action = 'retention.execute' AND a.status = 'open'`,
        [leaverId],
      );
      expect(requested).toHaveLength(1);
      expect(requested[0]?.anonymized_at).toBeNull();
      await shot(page, 'retention-requested-en');
      await apiCaller(server.url, approverKey).call(
        'POST',
        `/v1/approvals/${requested[0]?.id ?? ''}/approve`,
        { reason: 'checked against the closures' },
      );
      const after = await db.query<{ anonymized_at: Date | null; fields: object }>(
        "SELECT anonymized_at, personal_data -> 'fields' AS fields FROM customers WHERE id = $1",
        [leaverId],
      );
      expect(after[0]?.anonymized_at).not.toBeNull();
      expect(after[0]?.fields).toEqual({});
      await page.locator('button[data-action="dry-run"]').click();
      await result.locator('tr[data-customer]').first().waitFor({ state: 'detached' });
      await shot(page, 'retention-done-en');
    },
    E2E_TIMEOUT_MS,
  );
});
