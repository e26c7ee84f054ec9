import { describe, expect, it } from 'vitest';
import { freshDataDir, runCustosCli as custos } from '../support/cli-harness.js';

// `custos incidents …` and `custos cases …` over a data folder, as an operator runs them.

describe('custos incidents and cases', () => {
  it('runs a drill from a playbook, lists it, and lists a platform’s cases', () => {
    const dataDir = freshDataDir('cli-cases');
    const playbooks = custos(dataDir, ['--json', 'incidents', 'playbooks']);
    expect(playbooks.status, playbooks.stderr).toBe(0);
    const types = (JSON.parse(playbooks.stdout) as { items: { incidentType: string }[] }).items.map(
      (p) => p.incidentType,
    );
    expect(types).toEqual(
      expect.arrayContaining(['misappropriation', 'withdrawal_run', 'safeguarding_shortfall']),
    );
    const drill = custos(dataDir, [
      '--json',
      'incidents',
      'drill',
      'withdrawal_run',
      '--title',
      'Quarterly run drill',
      '--summary',
      'Rehearse a withdrawal run on demo data',
    ]);
    expect(drill.status, drill.stderr).toBe(0);
    const listed = custos(dataDir, ['--json', 'incidents', 'list']);
    expect(listed.stdout).toContain('Quarterly run drill');
    const platform = custos(dataDir, ['--json', 'platforms', 'create', 'Case CLI Platform']);
    const platformId = (JSON.parse(platform.stdout) as { platform: { id: string } }).platform.id;
    const cases = custos(dataDir, ['--json', 'cases', 'list', '-p', platformId, '--open']);
    expect(cases.status, cases.stderr).toBe(0);
    expect(JSON.parse(cases.stdout)).toMatchObject({ items: [] });
    const unknown = custos(dataDir, ['cases', 'show', 'cas_unknown', '-p', platformId]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('not found');
  }, 120_000);
});
