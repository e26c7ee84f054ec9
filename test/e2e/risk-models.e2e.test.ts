/**
 * The risk-model pages end to end: the real server on a fresh database, the built console and
 * Debian's Chromium. Staff seed the default risk register and give three risks models through
 * the API; in the browser a member of staff runs a seeded Monte Carlo simulation, sees the
 * loss histogram with VaR and ES marked, the convergence chart and the figures, then runs two
 * liquidity stress scenarios against the books and reads the survival horizon. Screenshots of
 * each page in both languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { listRisks, seedDefaultRegister } from '../../src/risk-register/index.js';
import type { Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
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

const MODELS = [
  {
    frequency: { kind: 'poisson', meanPerYear: 4 },
    severity: { kind: 'lognormal', mu: 11, sigma: 1.1 },
    perEventCapMinor: null,
  },
  {
    frequency: { kind: 'negative_binomial', meanPerYear: 1.5, size: 2 },
    severity: { kind: 'lognormal', mu: 12.5, sigma: 1.4 },
    perEventCapMinor: null,
  },
  {
    frequency: { kind: 'poisson', meanPerYear: 0.3 },
    severity: { kind: 'pareto', scaleMinor: 5_000_000, alpha: 2.2 },
    perEventCapMinor: 500_000_000,
  },
] as const;

describe.skipIf(!chromiumAvailable())('risk-model console end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let books: ConsoleBooks;
  let staffKey: string;
  let browser: BrowserSession;
  let page: Page;
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  beforeAll(async () => {
    db = await createTestDatabase();
    const seeder = await bootstrapStaff(db, 'Risk Admin');
    staffKey = seeder.apiKey;
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
    });
    books = await seedConsoleBooks(server.url, staffKey);
    const seeded = await seedDefaultRegister(
      db,
      books.platformId,
      seeder.principal.id,
      seeder.principal.id,
    );
    expect(seeded.ok).toBe(true);
    const risks = await listRisks(db, books.platformId, {});
    for (const [index, model] of MODELS.entries()) {
      const path = `/v1/platforms/${books.platformId}/risk-models/${risks[index]?.id ?? ''}`;
      const response = await fetch(new URL(path, server.url), {
        method: 'PUT',
        headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ currency: 'CNY', ...model }),
      });
      expect(response.status).toBe(200);
    }
    browser = await launchBrowser({ locale: 'en-US' });
    page = await openPage(browser, at('/console/sign-in'));
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it(
    'runs a seeded Monte Carlo simulation and shows its histogram, convergence and figures',
    async () => {
      await signIn(page, staffKey);
      await openPlatform(page, books.platformId);
      await page.waitForURL(/\/console\/customers$/);
      await page.locator('.sidebar a', { hasText: 'Risk models' }).click();
      await page.waitForURL(/\/console\/risk-models\/monte-carlo$/);
      await waitForHeading(page, 'Quantitative risk');
      await waitForIdle(page);
      expect(await page.locator('[data-testid="risk-models"] tbody tr').count()).toBe(3);
      await page.locator('select[name="trials"]').selectOption('100000');
      await page.locator('input[name="seed"]').fill('20261127');
      await page.locator('[data-action="run-monte-carlo"]').click();
      await page.waitForURL(/run=mcr_/);
      await page
        .locator('[data-testid="loss-histogram"] .recharts-bar-rectangle')
        .first()
        .waitFor();
      expect(await page.locator('[data-testid="loss-histogram"]').getAttribute('data-bins')).toBe(
        '41',
      );
      expect(
        await page.locator('[data-testid="convergence-chart"]').getAttribute('data-points'),
      ).toBe('40');
      const figures = await page.locator('[data-testid="monte-carlo-figures"]').innerText();
      expect(figures).toContain('VaR 99.9%');
      expect(figures).toContain('Expected shortfall 99.0%');
      expect(figures).toMatch(/P\(loss > reserve [\d,.]+ CNY\)\s+\d+\.\d{3}%/);
      expect(await page.locator('[data-testid="run-line"]').innerText()).toContain('seed 20261127');
      expect(await page.locator('[data-testid="risk-contributions"] tbody tr').count()).toBe(3);
      await screenshotBothLanguages(page, 'risk-models-monte-carlo', '量化风险');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'runs liquidity stress scenarios against the books and shows the survival horizon',
    async () => {
      await page.locator('.risk-models-tabs a', { hasText: 'Liquidity stress tests' }).click();
      await page.waitForURL(/\/console\/risk-models\/stress$/);
      await waitForIdle(page);
      await page
        .locator('tr[data-scenario="builtin:bank_failure"] [data-action="run-scenario"]')
        .click();
      await page.waitForURL(/run=str_/);
      await page.locator('[data-testid="liquidity-path"] .recharts-line').first().waitFor();
      expect(await page.locator('[data-testid="survival"]').innerText()).toBe('short after 0 days');
      await page
        .locator('tr[data-scenario="builtin:withdrawal_run"] [data-action="run-scenario"]')
        .click();
      await page
        .locator('[data-testid="stress-result"] h2', { hasText: 'Withdrawal run' })
        .waitFor();
      expect(await page.locator('[data-testid="survival"]').innerText()).toBe('survives 30 days');
      expect(await page.locator('[data-testid="stress-runs"] tbody tr').count()).toBe(2);
      await screenshotBothLanguages(page, 'risk-models-stress', '量化风险');
    },
    FLOW_TIMEOUT_MS,
  );
});
