/**
 * The risk register end to end: the real server on a fresh database, the built console and
 * Debian's Chromium. The default register is seeded for a platform, a compliance control is
 * linked to one risk and then fails its test, losses and a partner with an expiring licence
 * are recorded; an admin then reads the register, drills into a heat-map cell, records an
 * assessment on a risk, and reads the loss events, partners and their own responsibilities.
 * Screenshots of every page, in both languages for the register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { linkControl } from '../../src/risk-register/index.js';
import { newId, type Database } from '../../src/store/index.js';
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

const FLOW_TIMEOUT_MS = 240_000;
const DAY_MS = 86_400_000;

interface RiskItem {
  id: string;
  code: string;
}

describe.skipIf(!chromiumAvailable())('risk register console end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let books: ConsoleBooks;
  let staffKey: string;
  let misId: string;
  const browsers: BrowserSession[] = [];
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  beforeAll(async () => {
    db = await createTestDatabase();
    const admin = await bootstrapStaff(db, 'Risk Admin');
    staffKey = admin.apiKey;
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
    });
    books = await seedConsoleBooks(server.url, staffKey);
    const staff = apiCaller(server.url, staffKey);
    const base = `/v1/platforms/${books.platformId}`;
    await staff.call('POST', `${base}/risks/seed`, {});
    const risks = await staff.call<{ items: RiskItem[] }>('GET', `${base}/risks`);
    misId = risks.items.find((r) => r.code === 'MIS-01')?.id ?? '';
    const controlId = newId('ctl');
    await db.query(
      `INSERT INTO compliance_controls (id, code, title, description, frequency)
       VALUES ($1, 'E2E-AUTH', 'Every customer debit carries the customer''s authorization',
         'Signed instruction or mandate on every debit', 'daily')`,
      [controlId],
    );
    const linked = await linkControl(
      db,
      books.platformId,
      misId,
      controlId,
      { kind: 'preventive', declaredEffectiveness: 'effective' },
      admin.principal.id,
    );
    expect(linked.ok).toBe(true);
    await db.query(
      `INSERT INTO compliance_control_runs (id, control_id, platform_id, ran_at, outcome, evidence)
       VALUES ($1, $2, $3, now(), 'fail', '{"unauthorized": 1}'::jsonb)`,
      [newId('crn'), controlId, books.platformId],
    );
    // A reconciliation control that passes its test takes two steps off three risks' impact.
    const reconControl = newId('ctl');
    await db.query(
      `INSERT INTO compliance_controls (id, code, title, description, frequency)
       VALUES ($1, 'E2E-RECON', 'Daily reconciliation with the custody bank',
         'Every bank line matched or a break raised', 'daily')`,
      [reconControl],
    );
    for (const code of ['OPR-01', 'OPR-02', 'LIQ-02']) {
      const riskId = risks.items.find((r) => r.code === code)?.id ?? '';
      const done = await linkControl(
        db,
        books.platformId,
        riskId,
        reconControl,
        { kind: 'detective', declaredEffectiveness: 'effective' },
        admin.principal.id,
      );
      expect(done.ok).toBe(true);
    }
    await db.query(
      `INSERT INTO compliance_control_runs (id, control_id, platform_id, ran_at, outcome, evidence)
       VALUES ($1, $2, $3, now(), 'pass', '{}'::jsonb)`,
      [newId('crn'), reconControl, books.platformId],
    );
    await staff.call('POST', `${base}/risk-register/sweep`);
    await staff.call('POST', `${base}/loss-events`, {
      title: 'Withdrawal paid to a wrong account',
      kind: 'loss',
      causeCategory: 'operational',
      cause: 'Bank account keyed in by hand',
      occurredOn: '2026-09-14',
      discoveredOn: '2026-09-16',
      currency: 'CNY',
      grossLoss: '86000.00',
      recoveryInsurance: '50000.00',
      recoveryOther: '6000.00',
      riskIds: [misId],
    });
    await staff.call('POST', `${base}/loss-events`, {
      title: 'Duplicate payout stopped at release',
      kind: 'near_miss',
      causeCategory: 'technical',
      cause: 'Retry after a timeout',
      occurredOn: '2026-10-02',
      discoveredOn: '2026-10-02',
      currency: 'CNY',
      potentialLoss: '240000.00',
    });
    const partner = await staff.call<{ id: string }>('POST', `${base}/partners`, {
      name: 'Huaxia Custody Bank',
      kind: 'bank',
      services: 'Custody account and payments',
      ownerId: admin.principal.id,
    });
    await staff.call('POST', `${base}/partners/${partner.id}/qualifications`, {
      name: 'Fund custody qualification',
      issuer: 'NFRA',
      validFrom: '2023-01-01',
      expiresOn: new Date(Date.now() + 12 * DAY_MS).toISOString().slice(0, 10),
    });
    // One risk past its review date, so the owner's page has something overdue.
    await db.query(
      "UPDATE risks SET next_review_on = current_date - 3 WHERE platform_id = $1 AND code = 'LIQ-01'",
      [books.platformId],
    );
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
    await db?.close();
  });

  it(
    'reads the register, drills into the heat map, assesses a risk, and reads losses, partners and my page',
    async () => {
      const browser = await launchBrowser({ locale: 'en-GB' });
      browsers.push(browser);
      const page = await openPage(browser, at('/console'));
      await page.waitForURL(/\/console\/sign-in/);
      await signIn(page, staffKey);
      await openPlatform(page, books.platformId);

      await page.goto(at('/console/risk-register'));
      await waitForHeading(page, 'Risk register');
      await waitForIdle(page);
      expect(await page.locator('[data-testid="risk-table"] tbody tr').count()).toBe(14);
      await screenshotBothLanguages(page, 'risk register', '风险登记册');

      await page.goto(at('/console/risk-register/heat-map'));
      await waitForIdle(page);
      const cell = page.locator('[data-cell="inherent-2-5"]');
      await expect(cell.textContent()).resolves.toBe('4');
      await saveScreenshot(page, 'risk-heat-map-en');
      await cell.click();
      await page.locator('[data-testid="cell-filter"]').waitFor();
      await waitForIdle(page);
      expect(page.url()).toContain('likelihood=2');
      expect(await page.locator('[data-testid="risk-table"] tbody tr').count()).toBe(4);
      await saveScreenshot(page, 'risk-register-cell-en');

      await page.goto(at(`/console/risk-register/risks/${misId}`));
      await waitForHeading(page, 'MIS-01');
      await waitForIdle(page);
      const control = page.locator('tr[data-control-code="E2E-AUTH"]');
      await expect(control.textContent()).resolves.toContain('Fail');
      await expect(control.textContent()).resolves.toContain('Ineffective');
      const history = page.locator('[data-testid="risk-history"] tbody tr');
      const before = await history.count();
      await page.locator('select[name="likelihood"]').selectOption('2');
      await page.locator('select[name="impact"]').selectOption('4');
      await page.locator('input[name="note"]').fill('Authorization control repaired and retested');
      await page.locator('[data-testid="assess-form"] button[type="submit"]').click();
      await page.locator('[data-testid="risk-history"] tbody tr').nth(before).waitFor();
      await expect(history.first().textContent()).resolves.toContain(
        'Authorization control repaired',
      );
      await saveScreenshot(page, 'risk-detail-en');

      await page.goto(at('/console/risk-register/losses'));
      await waitForIdle(page);
      await expect(page.locator('[data-testid="net-total"]').textContent()).resolves.toContain(
        '30,000.00',
      );
      await page.locator('[data-testid="loss-chart"] svg').first().waitFor();
      await saveScreenshot(page, 'risk-loss-events-en');

      await page.goto(at('/console/risk-register/partners'));
      await waitForIdle(page);
      await expect(page.locator('[data-testid="expiring-count"]').textContent()).resolves.toBe('1');
      await page.locator('tr[data-partner="Huaxia Custody Bank"] button').click();
      await page.locator('[data-testid="qualifications"]').waitFor();
      await expect(page.locator('[data-testid="qualifications"]').textContent()).resolves.toContain(
        'expiring',
      );
      await saveScreenshot(page, 'risk-partners-en');

      await page.goto(at('/console/responsibilities'));
      await waitForHeading(page, 'My responsibilities');
      await waitForIdle(page);
      await expect(page.locator('[data-testid="my-overdue"]').textContent()).resolves.toContain(
        'LIQ-01',
      );
      await screenshotBothLanguages(page, 'risk my responsibilities', '我的职责');
    },
    FLOW_TIMEOUT_MS,
  );
});
