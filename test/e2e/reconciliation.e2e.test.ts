/**
 * The reconciliation console end to end: the real server in-process on a fresh database, the
 * built console, and Debian's Chromium. Deposits and a withdrawal go through the API; an MT940
 * statement quoting their instruction ids (plus one line nobody can explain) is uploaded in the
 * browser, matched (dry run, then commit), the unexplained line shows up as a break in the
 * aging chart, an adjusting entry is requested for it, and the safeguarding check runs.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleBuildDir } from './console-build.js';
import { startServer } from '../../src/api/index.js';
import { authorizationMessage } from '../../src/custody/index.js';
import {
  ed25519GenerateRaw,
  ed25519PrivateKeyFromSeed,
  ed25519Sign,
} from '../../src/crypto/index.js';
import type { Database } from '../../src/store/index.js';
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
import {
  confirmWithReason,
  openPlatform,
  screenshotBothLanguages,
  signIn,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';

/** Amounts in the books and on the statement, in CNY. */
const DEPOSITS = ['1000.00', '500.00'] as const;
const WITHDRAWAL = '200.00';
const UNEXPLAINED = '12.34';

interface ReconBooks {
  platformId: string;
  depositIds: string[];
  withdrawalId: string;
}

/** A platform with two CNY customers, two posted deposits and one signed withdrawal. */
async function seedReconBooks(baseUrl: string, staffKey: string): Promise<ReconBooks> {
  const staff = apiCaller(baseUrl, staffKey);
  const created = await staff.call<{ platform: { id: string }; apiKey: string }>(
    'POST',
    '/v1/platforms',
    { name: 'Hehua Custody', currencies: ['CNY'] },
  );
  const platformId = created.platform.id;
  const platform = apiCaller(baseUrl, created.apiKey);
  const base = `/v1/platforms/${platformId}`;
  const customers = [];
  for (const [index, name] of ['Wang Fang', 'Li Wei'].entries()) {
    const customer = await platform.call<{ id: string }>('POST', `${base}/customers`, {
      kind: 'person',
      externalRef: `recon-${index}-${randomUUID().slice(0, 8)}`,
      name,
      idNumber: `11010119900101${String(index).padStart(4, '0')}`,
    });
    const account = await platform.call<{ id: string }>(
      'POST',
      `${base}/customers/${customer.id}/accounts`,
      { currency: 'CNY' },
    );
    customers.push({ customerId: customer.id, accountId: account.id });
  }
  const depositIds: string[] = [];
  for (const [index, amount] of DEPOSITS.entries()) {
    const deposit = await submit(platform, base, {
      type: 'deposit',
      amount,
      currency: 'CNY',
      purpose: 'top_up',
      payeeAccountId: customers[index]?.accountId,
    });
    depositIds.push(deposit.id);
  }
  const payer = customers[0];
  if (payer === undefined) throw new Error('no customer');
  const withdrawalId = await signedWithdrawal(platform, base, platformId, payer);
  return { platformId, depositIds, withdrawalId };
}

async function submit(
  platform: ApiCaller,
  base: string,
  body: Record<string, unknown>,
): Promise<{ id: string; status: string }> {
  const created = await platform.call<{ id: string; status: string }>(
    'POST',
    `${base}/instructions`,
    body,
    { 'idempotency-key': randomUUID() },
  );
  if (created.status !== 'posted')
    throw new Error(`instruction ${created.id} is ${created.status}`);
  return created;
}

/** The customer registers a key and a bank account, then signs a withdrawal to it. */
async function signedWithdrawal(
  platform: ApiCaller,
  base: string,
  platformId: string,
  payer: { customerId: string; accountId: string },
): Promise<string> {
  const customerPath = `${base}/customers/${payer.customerId}`;
  const { seed, publicKey } = ed25519GenerateRaw();
  const key = await platform.call<{ id: string }>('POST', `${customerPath}/keys`, {
    publicKey: publicKey.toString('base64'),
  });
  const bank = await platform.call<{ id: string }>('POST', `${customerPath}/bank-accounts`, {
    currency: 'CNY',
    accountNumber: '6222020200556677889',
    bankName: 'Bank of China Hangzhou',
    holderName: 'Wang Fang',
  });
  const nonce = randomUUID();
  const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
  const purpose = 'cash_out';
  const message = authorizationMessage({
    platformId,
    type: 'withdrawal',
    payerAccountId: payer.accountId,
    bankAccountId: bank.id,
    amountMinor: BigInt(WITHDRAWAL.replace('.', '')),
    currency: 'CNY',
    purpose,
    nonce,
    expiresAt,
  });
  const signature = ed25519Sign(ed25519PrivateKeyFromSeed(seed), message).toString('base64');
  const withdrawal = await submit(platform, base, {
    type: 'withdrawal',
    amount: WITHDRAWAL,
    currency: 'CNY',
    purpose,
    payerAccountId: payer.accountId,
    bankAccountId: bank.id,
    authorization: { kind: 'signature', keyId: key.id, nonce, expiresAt, signature },
  });
  return withdrawal.id;
}

interface Mt940Line {
  /** Decimal amount, negative for money leaving the bank. */
  amount: string;
  bankReference: string;
  /** The `:86:` text; the matcher finds an instruction id anywhere in it. */
  information: string;
}

/** An MT940 statement for today (UTC) whose closing balance is opening + Σ lines. */
function mt940Statement(lines: readonly Mt940Line[]): string {
  const day = new Date().toISOString().slice(0, 10);
  const yymmdd = day.slice(2).replace(/-/g, '');
  const mmdd = yymmdd.slice(2);
  const toMinor = (amount: string) => BigInt(amount.replace('-', '').replace('.', ''));
  const mt = (minor: bigint) => `${minor / 100n},${(minor % 100n).toString().padStart(2, '0')}`;
  let closing = 0n;
  const body = lines.flatMap((line) => {
    const debit = line.amount.startsWith('-');
    const minor = toMinor(line.amount);
    closing += debit ? -minor : minor;
    return [
      `:61:${yymmdd}${mmdd}${debit ? 'D' : 'C'}${mt(minor)}NTRFNONREF//${line.bankReference}`,
      `:86:${line.information}`,
    ];
  });
  if (closing < 0n) throw new Error('the test statement must not close negative');
  return [
    ':20:CUSTOS-E2E',
    ':25:NL91ABNA0417164300',
    ':28C:1/1',
    `:60F:C${yymmdd}CNY0,00`,
    ...body,
    `:62F:C${yymmdd}CNY${mt(closing)}`,
    '-',
    '',
  ].join('\r\n');
}

describe.skipIf(!chromiumAvailable())('reconciliation console end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let browser: BrowserSession;
  let page: Page;
  let staffKey: string;
  let books: ReconBooks;
  let workDir: string;
  let statementFile: string;
  let malformedFile: string;
  const at = (pathname: string) => new URL(pathname, server.url).toString();

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-recon-e2e-'));
    const webDir = consoleBuildDir();
    db = await createTestDatabase();
    staffKey = (await bootstrapStaff(db, 'Reconciliation Officer')).apiKey;
    server = await startServer({ database: db, port: 0, host: '127.0.0.1', webDir });
    books = await seedReconBooks(server.url, staffKey);
    const [first, second] = books.depositIds;
    statementFile = path.join(workDir, 'custody-cny.sta');
    fs.writeFileSync(
      statementFile,
      mt940Statement([
        { amount: DEPOSITS[0], bankReference: 'BK0001', information: `TOP UP ${first}` },
        { amount: DEPOSITS[1], bankReference: 'BK0002', information: `TOP UP ${second}` },
        {
          amount: `-${WITHDRAWAL}`,
          bankReference: 'BK0003',
          information: `PAYOUT ${books.withdrawalId}`,
        },
        { amount: UNEXPLAINED, bankReference: 'BK0004', information: 'CREDIT INTEREST Q2' },
      ]),
    );
    malformedFile = path.join(workDir, 'not-a-statement.sta');
    fs.writeFileSync(malformedFile, ':20:BROKEN\r\n:61:this is not a statement line\r\n-\r\n');
    browser = await launchBrowser({ locale: 'en-US' });
    page = await openPage(browser, at('/'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
    if (workDir !== undefined) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('signs staff in and opens the reconciliation page of the platform', async () => {
    await page.waitForURL(/\/console\/sign-in/);
    await signIn(page, staffKey);
    await openPlatform(page, books.platformId);
    await page.waitForURL(/\/console\/customers$/);
    await page.locator('.sidebar a', { hasText: 'Reconciliation' }).click();
    await page.waitForURL(/\/console\/reconciliation$/);
    await waitForHeading(page, 'Reconciliation');
    await waitForIdle(page);
    await page.locator('[data-testid="imports-table"] .empty-row').waitFor();
  });

  it('refuses a malformed file and shows the server problem', async () => {
    await page.locator('input[name="statementFile"]').setInputFiles(malformedFile);
    await page.locator('select[name="format"]').selectOption('mt940');
    await page.locator('[data-testid="statement-upload"] button[type="submit"]').click();
    const refusal = page.locator('[data-testid="upload-refused"] [role="alert"]');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-problem-status')).toBe('400');
    expect(await refusal.locator('.problem-title').innerText()).not.toBe('');
    expect(await refusal.locator('.problem-detail').innerText()).not.toBe('');
    await page.locator('[data-testid="imports-table"] .empty-row').waitFor();
    await saveScreenshot(page, 'reconciliation-upload-refused-en');
  });

  it('uploads the MT940 statement and lists the import', async () => {
    await page.locator('input[name="statementFile"]').setInputFiles(statementFile);
    await page.locator('select[name="format"]').selectOption('mt940');
    await page.locator('[data-testid="statement-upload"] button[type="submit"]').click();
    const result = page.locator('[data-testid="upload-result"]');
    await result.waitFor();
    expect(await result.innerText()).toContain('4 new line(s)');
    expect(await page.locator('[data-testid="upload-refused"]').count()).toBe(0);
    const row = page.locator('[data-testid="imports-table"] tbody tr[data-import-id]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('custody-cny.sta');
    expect(await row.locator('[data-count="imported"]').innerText()).toBe('4');
    expect(await row.locator('[data-count="duplicate"]').innerText()).toBe('0');
    const unmatched = page.locator('[data-testid="unmatched-bank-table"] tbody tr[data-line-id]');
    await unmatched.nth(3).waitFor();
    expect(await unmatched.count()).toBe(4);
  });

  it('runs matching as a dry run first, then commits', async () => {
    await page.locator('[data-action="dry-run"]').click();
    const proposal = page.locator('[data-testid="run-proposal"]');
    await proposal.waitFor();
    expect(
      await proposal.locator('[data-testid="proposed-matches"] tbody tr[data-match-id]').count(),
    ).toBe(3);
    expect(await proposal.locator('[data-count="unmatched-bank"]').innerText()).toBe('1');
    expect(await proposal.locator('[data-count="unmatched-book"]').innerText()).toBe('0');
    await saveScreenshot(page, 'reconciliation-dry-run-en');
    // Nothing is stored by a dry run: every line is still unmatched.
    expect(
      await page.locator('[data-testid="unmatched-bank-table"] tbody tr[data-line-id]').count(),
    ).toBe(4);

    await page.locator('[data-action="commit"]').click();
    const committed = page.locator('[data-testid="run-committed"]');
    await committed.waitFor();
    expect(await committed.innerText()).toContain('breaks opened 1');
    const unmatched = page.locator('[data-testid="unmatched-bank-table"] tbody tr[data-line-id]');
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="unmatched-bank-table"] tbody tr[data-line-id]')
          .length === 1,
    );
    expect(await unmatched.innerText()).toContain(UNEXPLAINED);
    expect(await unmatched.innerText()).toContain('CREDIT INTEREST');
    await page.locator('[data-testid="suggested-matches"] .empty-row').waitFor();
    await screenshotBothLanguages(page, 'reconciliation-statements', '对账');
  });

  it('shows the unexplained bank line as a break in the list and the aging chart', async () => {
    await page.locator('[data-testid="recon-tabs"] a', { hasText: 'Breaks' }).click();
    await page.waitForURL(/\/console\/reconciliation\/breaks$/);
    await waitForIdle(page);
    const row = page.locator('[data-testid="breaks-table"] tbody tr[data-break-id]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-break-side')).toBe('bank');
    expect(await row.getAttribute('data-break-state')).toBe('open');
    expect(await row.innerText()).toContain(UNEXPLAINED);
    expect(await row.innerText()).toContain('0 days');
    const chart = page.locator('[data-testid="break-aging-chart"]');
    expect(await chart.locator('[data-bucket="0-1"]').getAttribute('data-count')).toBe('1');
    expect(await chart.locator('[data-bucket="2-5"]').getAttribute('data-count')).toBe('0');
    expect(await chart.locator('[data-bucket="11+"]').getAttribute('data-count')).toBe('0');
    expect(await chart.locator('svg').getAttribute('aria-label')).toContain('0–1 days: 1');
    await screenshotBothLanguages(page, 'reconciliation-breaks', '对账');
  });

  it('requests an adjusting entry, which waits for a second person', async () => {
    const row = page.locator('[data-testid="breaks-table"] tbody tr[data-break-id]');
    await row.locator('button', { hasText: 'Request adjusting entry' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('select[name="counterAccountType"]').selectOption('reserve');
    await saveScreenshot(page, 'reconciliation-adjust-dialog-en');
    await confirmWithReason(page, 'Bank interest belongs to the reserve');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('[role="status"]').innerText()).toContain('second person');
    await page.locator('tr[data-break-state="awaiting_approval"]').waitFor();
    expect(await row.innerText()).toContain('Waiting for a second person');
    expect(await row.locator('button').count()).toBe(0);
    await saveScreenshot(page, 'reconciliation-break-awaiting-en');
  });

  it('runs the safeguarding check and shows the result and the reserve adequacy', async () => {
    await page.locator('[data-testid="recon-tabs"] a', { hasText: 'Safeguarding' }).click();
    await page.waitForURL(/\/console\/reconciliation\/safeguarding$/);
    await waitForIdle(page);
    await page.locator('[data-testid="safeguarding-table"] .empty-row').waitFor();
    await page.locator('[data-action="run-safeguarding"]').click();
    const row = page.locator('[data-testid="safeguarding-table"] tbody tr[data-check-id]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    // Bank 1,312.34 less the unexplained 12.34 still in flight = 1,300.00 owed to customers.
    expect(await row.getAttribute('data-status')).toBe('ok');
    expect(await row.innerText()).toContain('1,312.34');
    expect(await row.innerText()).toContain('1,300.00');
    expect(await row.locator('[data-drift]').innerText()).toContain('0.00');
    const adequacy = page.locator('[data-testid="reserve-adequacy"] [data-currency="CNY"]');
    expect(
      await adequacy.locator('[data-reserve-adequate]').getAttribute('data-reserve-adequate'),
    ).toBe('false');
    expect(await adequacy.innerText()).toContain('26.00');
    await screenshotBothLanguages(page, 'reconciliation-safeguarding', '对账');

    const download = page.waitForEvent('download');
    await page.locator('[data-action="download-return"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^safeguarding-.+-\d{4}-\d{2}\.csv$/);
    const saved = await file.path();
    expect(fs.readFileSync(saved, 'utf8').split('\n')[0]).toMatch(/^record,platformId,month/);
  });

  it('raised no script errors', () => {
    // The refused upload is logged by Chromium as a failed resource load; that is expected.
    const errors = browser.pageErrors.filter((line) => !line.includes('Failed to load resource'));
    expect(errors).toEqual([]);
  });
});
