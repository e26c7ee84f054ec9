import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/runtime/data-folder-lock.js';
import { freshDataDir, runCustosCli as custos } from '../support/cli-harness.js';
import { testRunDir } from '../support/test-run-dir.js';

// The CLI as an operator uses it: on a data folder no server holds, it opens the folder and
// says so; on a folder a live server holds, it refuses and names the server.

describe('custos CLI on a data folder', () => {
  it('creates a platform and a customer, deposits, and prints tables or JSON', () => {
    const dataDir = freshDataDir('cli');
    const created = custos(dataDir, ['--json', 'platforms', 'create', 'CLI Platform']);
    expect(created.stderr).toContain(`using data folder ${dataDir}`);
    expect(created.status).toBe(0);
    const platformId = JSON.parse(created.stdout).platform.id as string;
    const customer = custos(dataDir, [
      '--json',
      'customers',
      'create',
      '-p',
      platformId,
      '--ref',
      'r1',
      '--name',
      'Wang Fang',
    ]);
    const customerId = JSON.parse(customer.stdout).id as string;
    const account = custos(dataDir, [
      '--json',
      'accounts',
      'open',
      '-p',
      platformId,
      '--customer',
      customerId,
      '--currency',
      'CNY',
    ]);
    const accountId = JSON.parse(account.stdout).id as string;
    const instruction = JSON.stringify({
      type: 'deposit',
      amount: '88.80',
      currency: 'CNY',
      purpose: 'top_up',
      payeeAccountId: accountId,
    });
    const posted = custos(dataDir, ['instructions', 'submit', '-', '-p', platformId], instruction);
    expect(posted.status).toBe(0);
    expect(posted.stdout).toMatch(/status\s+posted/);
    const balances = custos(dataDir, ['balances', '-p', platformId]);
    expect(balances.stdout).toContain('CNY: balanced');
    expect(balances.stdout).toMatch(/customer\s+1\s+88\.80 CNY/);
    const refused = custos(
      dataDir,
      ['instructions', 'submit', '-', '-p', platformId],
      instruction.replace('88.80', '1.234'),
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Bad amount');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('refuses a folder held by a running server and names it', () => {
    const dataDir = path.join(testRunDir(), `cli-${randomBytes(4).toString('hex')}`);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(
      path.join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 1, url: 'http://127.0.0.1:8080', startedAt: '' }),
    );
    const result = custos(dataDir, ['platforms', 'list']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('held by a running server');
    expect(result.stderr).toContain('CUSTOS_URL=http://127.0.0.1:8080');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
