import { describe, expect, it } from 'vitest';
import { freshDataDir, runCustosCli as custos } from '../support/cli-harness.js';

// `custos risks|losses|partners …` over a data folder, as a risk officer runs them.

describe('custos risks, losses and partners', () => {
  it('seeds a register, lists it, assesses a risk and records a loss', () => {
    const dataDir = freshDataDir('cli-risks');
    const platform = custos(dataDir, ['--json', 'platforms', 'create', 'Risk CLI Platform']);
    expect(platform.status, platform.stderr).toBe(0);
    const platformId = (JSON.parse(platform.stdout) as { platform: { id: string } }).platform.id;
    const seeded = custos(dataDir, ['risks', 'seed', '-p', platformId]);
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/^created 14 /);
    const listed = custos(dataDir, ['--json', 'risks', 'list', '-p', platformId]);
    const items = (JSON.parse(listed.stdout) as { items: { id: string; code: string }[] }).items;
    const mis = items.find((r) => r.code === 'MIS-01');
    expect(mis).toBeDefined();
    const assessed = custos(dataDir, [
      'risks',
      'assess',
      String(mis?.id),
      '-p',
      platformId,
      '--likelihood',
      '2',
      '--impact',
      '4',
      '--note',
      'quarterly review',
    ]);
    expect(assessed.status, assessed.stderr).toBe(0);
    expect(assessed.stdout).toContain('assessed: residual 2×4');
    const loss = custos(dataDir, [
      'losses',
      'add',
      '-p',
      platformId,
      '--title',
      'Wrong payee',
      '--cause-category',
      'operational',
      '--cause',
      'keying error',
      '--occurred',
      '2026-10-01',
      '--discovered',
      '2026-10-02',
      '--currency',
      'CNY',
      '--gross',
      '1000.00',
      '--recovered-insurance',
      '400',
      '--risk',
      String(mis?.id),
    ]);
    expect(loss.status, loss.stderr).toBe(0);
    expect(loss.stdout).toContain('net loss 600.00 CNY');
  }, 300_000);
});
