import { describe, expect, it } from 'vitest';
import { runRetention } from '../../src/compliance/index.js';
import { openConfiguredVault } from '../../src/security/field-encryption/index.js';
import { openDatabase } from '../../src/store/index.js';
import { createTestBooks } from '../support/books.js';
import { freshDataDir, runCustosCli as custos } from '../support/cli-harness.js';
import { DAY_MS } from './compliance-harness.js';
import { seedEndedRelationship } from './compliance-seed.js';

/**
 * A platform of two customers, one whose retention ran out eleven years ago, anonymized by the
 * daily job's run, written in the folder no process holds; returns the platform, both
 * customers and the run.
 */
async function seedRetentionRun(dataDir: string) {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    // The folder's own master key, as the CLI opens it.
    await openConfiguredVault(db, {
      masterKeyBase64: undefined,
      masterKeyFile: undefined,
      previousMasterKeysBase64: [],
      dataDir,
    });
    const books = await createTestBooks(db, 2);
    const customerId = books.customers[0]?.customerId ?? '';
    await seedEndedRelationship(db, customerId, Date.now() - 11 * 366 * DAY_MS);
    const run = await runRetention(db, 'system', books.platformId, { dryRun: false });
    const stayingId = books.customers[1]?.customerId ?? '';
    return { platformId: books.platformId, customerId, stayingId, runId: String(run.runId) };
  } finally {
    await db.close();
  }
}

describe('custos compliance and retention', () => {
  it('lists obligations, runs controls, shows history, previews retention by default', () => {
    const dataDir = freshDataDir('cli-compliance');
    const platform = custos(dataDir, ['--json', 'platforms', 'create', 'Compliance CLI Platform']);
    expect(platform.status, platform.stderr).toBe(0);
    const platformId = (JSON.parse(platform.stdout) as { platform: { id: string } }).platform.id;
    const obligations = custos(dataDir, ['compliance', 'obligations', '-p', platformId]);
    expect(obligations.status, obligations.stderr).toBe(0);
    expect(obligations.stdout).toContain('Art. 34');
    expect(obligations.stdout).toContain('never run');
    const run = custos(dataDir, [
      'compliance',
      'controls',
      'run',
      '-p',
      platformId,
      '--code',
      'CTL-FOUR-EYES',
      'CTL-RECON-DAILY',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('running CTL-FOUR-EYES, CTL-RECON-DAILY');
    expect(run.stdout).toMatch(/CTL-RECON-DAILY\s+fail\s+reconciliation_ran\s+fail/);
    const history = custos(dataDir, [
      '--json',
      'compliance',
      'controls',
      'history',
      'CTL-RECON-DAILY',
      '-p',
      platformId,
    ]);
    expect(history.status, history.stderr).toBe(0);
    expect(
      (JSON.parse(history.stdout) as { runs: { outcome: string }[] }).runs.map((r) => r.outcome),
    ).toEqual(['fail']);
    const retention = custos(dataDir, ['retention', 'run', '--dry-run', '-p', platformId]);
    expect(retention.status, retention.stderr).toBe(0);
    expect(retention.stdout).toContain(
      'dry run: would anonymize 0 customer(s); retention 10 years (CN)',
    );
    expect(retention.stdout).toContain('dry run: would purge 0 report file(s)');
    expect(retention.stdout).toContain(
      'held past their period (retention holds, open cases): 0 customer(s), 0 report file(s)',
    );
    // Without flags it is a dry run too; executing is asked for explicitly, with a reason.
    const plain = custos(dataDir, ['compliance', 'retention', 'run', '-p', platformId]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('dry run: would anonymize 0 customer(s)');
    const unexplained = custos(dataDir, ['retention', 'run', '--execute', '-p', platformId]);
    expect(unexplained.status).toBe(2);
    expect(unexplained.stderr).toContain('--execute needs --reason');
    const nothingDue = custos(dataDir, [
      'retention',
      'run',
      '--execute',
      '--reason',
      'retention over',
      '-p',
      platformId,
    ]);
    expect(nothingDue.status).not.toBe(0);
    expect(nothingDue.stderr).toContain('no customer is due');
  }, 180_000);

  it('shows what retention runs carried out, places a hold and asks to release it', async () => {
    const dataDir = freshDataDir('cli-retention-history');
    const { platformId, customerId, stayingId, runId } = await seedRetentionRun(dataDir);
    const history = (...args: string[]) =>
      custos(dataDir, ['retention', 'history', ...args, '-p', platformId]);
    const runs = history();
    expect(runs.status, runs.stderr).toBe(0);
    expect(runs.stdout).toMatch(
      new RegExp(`${runId}\\s+\\S+\\s+scheduled\\s+system\\s+\\S*\\s*10\\s+1\\s+0`),
    );
    // The same command under `compliance`, for one run.
    const one = custos(dataDir, [
      'compliance',
      'retention',
      'history',
      '--run',
      runId,
      '-p',
      platformId,
    ]);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain(`retention run ${runId}`);
    expect(one.stdout).toContain('anonymized 1 customer(s), purged 0 report file(s)');
    expect(one.stdout).toContain(customerId);
    const unknown = history('--run', 'rtn_none');
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('no retention run rtn_none');

    const hold = (...args: string[]) => custos(dataDir, ['retention', ...args, '-p', platformId]);
    const unnamed = hold('hold', '--reason', 'litigation hold, case 88');
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toContain('exactly one of --customer <id> and --report <id>');
    const placed = hold('hold', '--customer', stayingId, '--reason', 'litigation hold, case 88');
    expect(placed.status, placed.stderr).toBe(0);
    const holdId = /hold (hld_\w+) placed/.exec(placed.stdout)?.[1] ?? '';
    expect(placed.stdout).toContain(`customer ${stayingId} is kept until released`);
    const listed = hold('holds');
    expect(listed.stdout).toMatch(new RegExp(`${holdId}\\s+customer\\s+${stayingId}`));
    // A release is asked for; the hold stays until a second person approves.
    const asked = hold('release', holdId, '--reason', 'case 88 settled out of court');
    expect(asked.status, asked.stderr).toBe(0);
    const approvalId = /approval (apr_\w+) awaits a second person/.exec(asked.stdout)?.[1];
    expect(asked.stdout).toContain(`release of hold ${holdId} requested`);
    expect(approvalId).toBeDefined();
    expect(hold('holds').stdout).toMatch(new RegExp(`${holdId}.*${approvalId ?? 'apr_'}`));
    const again = hold('release', holdId, '--reason', 'case 88 settled out of court');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain(`${approvalId ?? ''}) is awaiting a decision`);
  }, 120_000);
});
