import { describe, expect, it } from 'vitest';
import { freshDataDir, runCustosCli as custos } from '../support/cli-harness.js';

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
});
