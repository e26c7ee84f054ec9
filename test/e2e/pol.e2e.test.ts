/**
 * Proof of liabilities end to end: the real server on a fresh database, the built console and
 * Debian's Chromium. An admin builds today's roots, verifies a customer's proof in the browser
 * (and sees a tampered copy fail), opens the total against the safeguarding check, and a
 * signed-out visitor reads the public transparency report. Screenshots of every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
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
  openPlatform,
  screenshotBothLanguages,
  signIn,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';

const FLOW_TIMEOUT_MS = 180_000;

describe.skipIf(!chromiumAvailable())('proof of liabilities console end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let books: ConsoleBooks;
  let staffKey: string;
  const browsers: BrowserSession[] = [];
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  beforeAll(async () => {
    db = await createTestDatabase();
    const admin = await bootstrapStaff(db, 'PoL Admin');
    staffKey = admin.apiKey;
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
    });
    books = await seedConsoleBooks(server.url, staffKey);
    await apiCaller(server.url, staffKey).call(
      'POST',
      `/v1/platforms/${books.platformId}/reconciliation/safeguarding`,
      {
        asOf: new Date().toISOString().slice(0, 10),
      },
    );
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
    await db?.close();
  });

  it(
    'builds roots, verifies a proof in the browser, opens the total and shows the public report',
    async () => {
      const browser = await launchBrowser({ locale: 'en-GB' });
      browsers.push(browser);
      const page = await openPage(browser, at('/console'));
      await page.waitForURL(/\/console\/sign-in/);
      await signIn(page, staffKey);
      await openPlatform(page, books.platformId);

      await page.goto(at('/console/pol'));
      await waitForHeading(page, 'Proof of liabilities');
      await page.locator('button', { hasText: 'Build now' }).click();
      const row = page.locator('[data-testid="pol-roots"] tbody tr', { hasText: 'CNY' });
      await row.first().waitFor();
      await screenshotBothLanguages(page, 'pol roots', '负债证明');

      const staff = apiCaller(server.url, staffKey);
      const proof = await staff.call<{ root: { hash: string }; leaf: { balanceMinor: string } }>(
        'GET',
        `/v1/platforms/${books.platformId}/pol/proofs/${books.customerId}`,
      );
      expect(proof.leaf.balanceMinor).toBe('125050');
      await page.goto(at('/console/pol/verify'));
      await waitForHeading(page, 'Verify a proof');
      await page.locator('textarea[name="proof"]').fill(JSON.stringify(proof, null, 2));
      await page.locator('input[name="root"]').fill(proof.root.hash);
      await page.locator('button[type="submit"]', { hasText: 'Verify' }).click();
      const result = page.locator('[data-testid="pol-verify-result"]');
      await expect(result.getAttribute('data-ok')).resolves.toBe('true');
      await expect(result.textContent()).resolves.toContain(books.customerId);
      await saveScreenshot(page, 'pol-verify-ok-en');
      const tampered = { ...proof, leaf: { ...proof.leaf, balanceMinor: '999999' } };
      await page.locator('textarea[name="proof"]').fill(JSON.stringify(tampered, null, 2));
      await page.locator('button[type="submit"]', { hasText: 'Verify' }).click();
      await expect(result.getAttribute('data-ok')).resolves.toBe('false');
      await expect(result.textContent()).resolves.toContain('path to the root');
      await saveScreenshot(page, 'pol-verify-failed-en');

      await page.goto(at('/console/pol'));
      await row.first().locator('a', { hasText: 'Open total' }).click();
      await waitForHeading(page, "Open a tree's total");
      await page.locator('button', { hasText: 'Open total' }).click();
      const opening = page.locator('[data-testid="pol-opening"]');
      await opening.waitFor();
      await expect(opening.textContent()).resolves.toMatch(/1,250\.50/);
      expect(await opening.locator('.pol-check-failed').count()).toBe(0);
      await saveScreenshot(page, 'pol-open-total-en');

      const visitor = await launchBrowser({ locale: 'en-GB' });
      browsers.push(visitor);
      const publicPage = await openPage(visitor, at(`/transparency/${books.platformId}`));
      await waitForHeading(publicPage, books.platformName);
      await waitForIdle(publicPage);
      await expect(
        publicPage.locator('[data-testid="transparency-root"]').textContent(),
      ).resolves.toBe(proof.root.hash);
      expect(publicPage.url()).toContain('/transparency/');
      const text = (await publicPage.textContent('body')) ?? '';
      expect(text).not.toContain('Alice');
      expect(text).not.toContain(books.customerId);
      await screenshotBothLanguages(publicPage, 'pol transparency', books.platformName);
    },
    FLOW_TIMEOUT_MS,
  );
});
