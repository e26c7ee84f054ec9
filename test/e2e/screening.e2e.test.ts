/**
 * The screening area end to end: the real server with screening on, the UN consolidated list
 * imported through the API, a customer named as a listed person registered by the platform
 * (screened at onboarding), and a compliance officer signed in with password and TOTP who
 * screens a name ad hoc, reads the explanation, and clears the review as a false positive.
 * Screenshots in both languages.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { ScreeningService } from '../../src/screening/index.js';
import type { Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { apiCaller } from './api-caller.js';
import { chromiumAvailable, launchBrowser, openPage, type BrowserSession } from './browser.js';
import { consoleBuildDir } from './console-build.js';
import {
  openPlatform,
  screenshotBothLanguages,
  signInWithPassword,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';
import { activeStaff, type ActiveStaff } from './staff-fixtures.js';

const FLOW_TIMEOUT_MS = 180_000;
const UN_LIST = new URL('../../../shared/fixtures/sanctions/UN_consolidated.xml', import.meta.url);

describe.skipIf(!chromiumAvailable())('screening console end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let books: ConsoleBooks;
  let officer: ActiveStaff;
  let listedCustomerId: string;
  const browsers: BrowserSession[] = [];
  let page: Page;
  const at = (pathname: string) => new URL(pathname, server.url).toString();

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
      screening: new ScreeningService(db),
    });
    books = await seedConsoleBooks(server.url, seeder.apiKey);
    const admin = apiCaller(server.url, seeder.apiKey);
    await admin.call('POST', '/v1/screening/lists/imports', {
      kind: 'un',
      files: [{ name: 'UN_consolidated.xml', content: fs.readFileSync(UN_LIST, 'utf8') }],
      rescreen: false,
    });
    const platform = apiCaller(server.url, books.platformKey);
    const customer = await platform.call<{ id: string }>(
      'POST',
      `/v1/platforms/${books.platformId}/customers`,
      {
        kind: 'person',
        externalRef: `listed-${randomUUID().slice(0, 8)}`,
        name: 'Eric Badege',
      },
    );
    listedCustomerId = customer.id;
    officer = await activeStaff(
      db,
      server.url,
      { requester: seeder.principal, approver: approver.principal },
      {
        login: 'zhou.min',
        name: 'Zhou Min',
        role: 'compliance_officer',
        password: 'linen-harbor-quartz-58',
      },
    );
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
    await db?.close();
  });

  it(
    'screens a name with its explanation and clears an onboarding hit as a false positive',
    async () => {
      const browser = await launchBrowser({ locale: 'en-US' });
      browsers.push(browser);
      page = await openPage(browser, at('/console/screening'));
      await page.waitForURL(/\/console\/sign-in/);
      await signInWithPassword(page, officer.login, officer.password, () =>
        officer.totp.nextCode(),
      );
      await openPlatform(page, books.platformId);
      await page.goto(at('/console/screening'));
      await waitForHeading(page, 'Sanctions screening');
      await waitForIdle(page);

      const row = page.locator('[data-testid="screening-review-row"]').first();
      await row.waitFor();
      expect(await row.textContent()).toContain(listedCustomerId);
      expect(await row.textContent()).toContain('un:CDi.001');
      expect(await page.locator('[data-testid="screening-lists"]').textContent()).toContain('1003');

      await page.locator('input[name="screenName"]').fill('Badege Eric');
      await page.locator('input[name="screenDob"]').fill('1971-05-01');
      await page.locator('[data-testid="screening-ad-hoc"] button[type="submit"]').click();
      const hits = page.locator('[data-testid="screening-hits"]');
      await hits.waitFor();
      const hitText = (await hits.textContent()) ?? '';
      expect(hitText).toContain('ERIC BADEGE');
      expect(hitText).toContain('Birth year matches');
      await screenshotBothLanguages(page, 'screening', '制裁名单筛查');

      await row.locator('input').fill('Different person: born 1990, Shanghai resident');
      await row.locator('button', { hasText: 'False positive' }).click();
      // Exact name: a strong hit, so the first decision only proposes the release.
      await page.locator('p[role="status"]', { hasText: 'second person' }).waitFor();
      const review = await db.query<{ status: string }>(
        "SELECT status FROM screening_reviews WHERE subject_id = $1 AND entry_key = 'un:CDi.001'",
        [listedCustomerId],
      );
      expect(review).toEqual([{ status: 'release_proposed' }]);
      await waitForIdle(page);
      await screenshotBothLanguages(page, 'screening-proposed', '制裁名单筛查');
    },
    FLOW_TIMEOUT_MS,
  );
});
