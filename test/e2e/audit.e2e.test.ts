/**
 * The console's audit log page end to end: the real server in-process on a fresh database,
 * activity created through the API, a registered witness that cosigns the checkpoint, and
 * Debian's Chromium verifying records in the page (WebCrypto) against the signed checkpoint.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import { httpWitnessLogClient, witnessOnce } from '../../src/audit/audit-log.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  bytesToHex,
  base64ToBytes,
  generateNoteKeys,
  parseSignerKey,
  parseVerifierKey,
} from '../../src/audit/index.js';
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
  openPlatform,
  screenshotBothLanguages,
  signIn,
  waitForHeading,
  waitForIdle,
} from './console-driver.js';
import { consoleBuildDir } from './console-build.js';
import { seedConsoleBooks, type ConsoleBooks } from './seed-console-books.js';

const WITNESS_NAME = 'regulator.example/witness';

interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: string;
}

/** Registers a witness (staff) and lets it cosign the latest checkpoint over HTTP. */
async function cosignByWitness(baseUrl: string, staff: ApiCaller): Promise<void> {
  const keys = generateNoteKeys(WITNESS_NAME, SIGNATURE_TYPE_COSIGNATURE_V1);
  await staff.call('POST', '/v1/audit/witnesses', { verifierKey: keys.verifierKey });
  await staff.call('POST', '/v1/audit/checkpoint');
  const logKey = parseVerifierKey(
    (await staff.call<{ verifierKey: string }>('GET', '/v1/audit/log-key')).verifierKey,
  );
  const witness = parseSignerKey(keys.signerKey);
  if (!logKey.ok || !witness.ok) throw new Error('witness or log key did not parse');
  const client = httpWitnessLogClient(async (method, pathname, body) => {
    const response = await fetch(new URL(pathname, baseUrl), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  });
  const cosigned = await witnessOnce(
    client,
    { log: logKey.value, witness: witness.value },
    null,
    Math.floor(Date.now() / 1000),
  );
  if (!cosigned.ok) throw new Error(`witness refused: ${JSON.stringify(cosigned)}`);
}

describe.skipIf(!chromiumAvailable())('audit log page end to end', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let browser: BrowserSession;
  let page: Page;
  let staff: ApiCaller;
  let staffKey: string;
  let books: ConsoleBooks;
  let checkpoint: Checkpoint;
  let seqs: string[];
  const at = (pathname: string) => new URL(pathname, server.url).toString();
  const verdict = () => page.locator('[data-testid="audit-verdict"]');

  async function verifySeq(seq: string): Promise<void> {
    await page.locator('input[name="seq"]').fill(seq);
    await page.locator('form.audit-verify-form button[type="submit"]').click();
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    staffKey = (await bootstrapStaff(db, 'Audit Officer')).apiKey;
    server = await startServer({
      database: db,
      port: 0,
      host: '127.0.0.1',
      webDir: consoleBuildDir(),
    });
    staff = apiCaller(server.url, staffKey);
    books = await seedConsoleBooks(server.url, staffKey);
    await cosignByWitness(server.url, staff);
    checkpoint = await staff.call<Checkpoint>('GET', '/v1/audit/checkpoint');
    const entries = await staff.call<{ items: { seq: string | null }[] }>(
      'GET',
      `/v1/audit/entries?start=0&end=${checkpoint.treeSize}`,
    );
    seqs = entries.items.map((item) => item.seq ?? '');
    browser = await launchBrowser({ locale: 'en-US' });
    page = await openPage(browser, at('/console/sign-in'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('shows the signed checkpoint, its cosignature and the witness to staff', async () => {
    expect(checkpoint.treeSize).toBeGreaterThan(5);
    await signIn(page, staffKey);
    await openPlatform(page, books.platformId);
    await page.waitForURL(/\/console\/customers$/);
    await page.locator('.sidebar a', { hasText: 'Audit log' }).click();
    await page.waitForURL(/\/console\/audit$/);
    await waitForHeading(page, 'Audit log');
    await waitForIdle(page);
    const size = page.locator('[data-testid="checkpoint-tree-size"]');
    expect(await size.innerText()).toBe(String(checkpoint.treeSize));
    const rootHex = bytesToHex(base64ToBytes(checkpoint.rootHash)!);
    expect(await page.locator('[data-testid="checkpoint-root-hex"]').innerText()).toBe(rootHex);
    const note = await page.locator('[data-testid="checkpoint-note"]').innerText();
    expect(note.split('\n').slice(0, 3)).toEqual([
      checkpoint.origin,
      String(checkpoint.treeSize),
      checkpoint.rootHash,
    ]);
    expect(note).toContain(`— ${WITNESS_NAME} `);
    const cosignatures = await page.locator('[data-testid="audit-cosignatures"]').innerText();
    expect(cosignatures).toContain(WITNESS_NAME);
    expect(cosignatures).toMatch(/\b[0-9a-f]{8}\b/);
    expect(await page.locator('[data-testid="audit-witnesses"]').innerText()).toContain(
      WITNESS_NAME,
    );
    expect(await page.locator('[data-testid="issue-checkpoint"]').count()).toBe(1);
    await screenshotBothLanguages(page, 'audit', '审计日志');
  });

  it('verifies a record in the browser and shows the path', async () => {
    const seq = seqs[3]!;
    await verifySeq(seq);
    await page.locator('[data-verdict="verified"]').waitFor();
    expect(await verdict().innerText()).toContain(`Verified: record ${seq}`);
    const steps = page.locator('[data-testid="audit-path"] tbody tr');
    // Leaf row, one row per proof hash, root row.
    expect(await steps.count()).toBeGreaterThan(3);
    const cells = await steps.last().locator('td').last().innerText();
    expect(cells).toBe(bytesToHex(base64ToBytes(checkpoint.rootHash)!));
    expect(await page.locator('[data-testid="audit-entry"]').innerText()).toContain('"action"');
    await screenshotBothLanguages(page, 'audit-verified', '审计日志');
  });

  it('verifies a record picked from the recent list', async () => {
    const row = page.locator('[data-testid="audit-recent"] tbody tr[data-seq]').first();
    const seq = (await row.getAttribute('data-seq'))!;
    await row.locator('button').click();
    await page.locator('[data-verdict="verified"]', { hasText: `record ${seq}` }).waitFor();
    expect(await page.locator('input[name="seq"]').inputValue()).toBe(seq);
  });

  it('says clearly when a seq does not exist or is not a seq', async () => {
    await verifySeq('999999');
    await page.locator('[data-verdict="missing"]').waitFor();
    expect(await verdict().innerText()).toContain('No audit record 999999');
    expect(await page.locator('[role="alert"]').getAttribute('data-problem-status')).toBe('404');
    await screenshotBothLanguages(page, 'audit-missing', '审计日志');
    await verifySeq('abc');
    await page.locator('[data-verdict="invalid"]').waitFor();
  });

  it('issues a checkpoint from the button', async () => {
    // New activity after the checkpoint: the next one covers more records.
    await staff.call('POST', `/v1/platforms/${books.platformId}/customers`, {
      kind: 'entity',
      externalRef: 'audit-e2e-late',
      name: 'Late Entity Ltd',
      idNumber: '91310000MA1FL0000X',
    });
    await page.locator('[data-testid="issue-checkpoint"]').click();
    await page.locator('[role="status"].notice').waitFor();
    const size = Number(await page.locator('[data-testid="checkpoint-tree-size"]').innerText());
    expect(size).toBeGreaterThan(checkpoint.treeSize);
    await saveScreenshot(page, 'audit-issued-en');
  });

  it('raised no script errors', () => {
    // The refused lookup of seq 999999 is logged by Chromium as a failed resource load.
    const errors = browser.pageErrors.filter((line) => !line.includes('Failed to load resource'));
    expect(errors).toEqual([]);
  });
});
