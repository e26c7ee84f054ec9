import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir, runCustosCli as custos } from '../support/cli-harness.js';

// `custos complaints …` and `custos privacy export` over a data folder, as an operator runs them.

describe('custos complaints and privacy', () => {
  it('lists complaints, refuses an unknown one and writes a customer export that matches its hash', () => {
    const dataDir = freshDataDir('cli-complaints');
    const platform = custos(dataDir, ['--json', 'platforms', 'create', 'Complaint CLI Platform']);
    expect(platform.status, platform.stderr).toBe(0);
    const platformId = (JSON.parse(platform.stdout) as { platform: { id: string } }).platform.id;
    const customer = custos(dataDir, [
      '--json',
      'customers',
      'create',
      '-p',
      platformId,
      '--ref',
      'cli-1',
      '--name',
      'Gao Min',
      '--email',
      'gao@example.cn',
    ]);
    expect(customer.status, customer.stderr).toBe(0);
    const customerId = (JSON.parse(customer.stdout) as { id: string }).id;
    const listed = custos(dataDir, ['--json', 'complaints', 'list', '-p', platformId, '--open']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ items: [] });
    const out = path.join(dataDir, 'export.json');
    const exported = custos(dataDir, [
      '--json',
      'privacy',
      'export',
      customerId,
      '-p',
      platformId,
      '--out',
      out,
    ]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('downloading once');
    const summary = JSON.parse(exported.stdout) as { sha256: string; bytes: number };
    const text = fs.readFileSync(out, 'utf8');
    expect(createHash('sha256').update(text).digest('hex')).toBe(summary.sha256);
    const bundle = JSON.parse(text) as {
      customer: { id: string; personalData: { name: string; email: string } };
    };
    expect(bundle.customer).toMatchObject({
      id: customerId,
      personalData: { name: 'Gao Min', email: 'gao@example.cn' },
    });
    const unknown = custos(dataDir, ['complaints', 'show', 'cmp_unknown', '-p', platformId]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('not found');
  }, 300_000);
});
