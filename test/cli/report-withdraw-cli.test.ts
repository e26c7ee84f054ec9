import { describe, expect, it } from 'vitest';
import { createStr } from '../../src/reports/index.js';
import { openDatabase } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { freshDataDir, runCustosCli as custos } from '../support/cli-harness.js';

// Goal: `custos reports withdraw` withdraws a suspicious transaction report with the reason
// given, and refuses, changing nothing, without a reason or for a report that does not exist.
// Method: the CLI on a PGlite data folder, as an operator runs it. The CLI cannot start an
// STR (the console and the API do), so the test starts one in the folder between CLI runs.

/** Eleven CLI runs, each starting Node and opening the data folder. */
const CLI_FLOW_TIMEOUT_MS = 300_000;

interface ShownReport {
  report: {
    status: string;
    withdrawnBy: string | null;
    withdrawnAt: string | null;
    withdrawalReason: string | null;
  };
}

/** Starts a draft STR about `customerId` directly in the folder no process holds. */
async function startStr(dataDir: string, platformId: string, customerId: string) {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const officer = await bootstrapStaff(db, 'Compliance Officer');
    const created = await createStr(db, officer.principal, platformId, {
      content: {
        reason: 'Repeated round-sum deposits just under the large-value threshold.',
        action: '',
        indicators: ['0101'],
        subjects: [{ customerId }],
        transactions: [],
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    return created.value.reportId;
  } finally {
    await db.close();
  }
}

describe('custos reports withdraw', () => {
  it(
    'withdraws an STR with a reason; without one, or for an unknown report, changes nothing',
    async () => {
      const dataDir = freshDataDir('cli-reports');
      const platform = custos(dataDir, ['--json', 'platforms', 'create', 'Reports CLI Platform']);
      expect(platform.status, platform.stderr).toBe(0);
      const platformId = (JSON.parse(platform.stdout) as { platform: { id: string } }).platform.id;
      const customer = custos(dataDir, [
        '--json',
        'customers',
        'create',
        '-p',
        platformId,
        '--ref',
        'str-subject',
        '--name',
        'Zhang Wei',
      ]);
      expect(customer.status, customer.stderr).toBe(0);
      const customerId = (JSON.parse(customer.stdout) as { id: string }).id;
      const reportId = await startStr(dataDir, platformId, customerId);
      const show = (): ShownReport => {
        const shown = custos(dataDir, ['--json', 'reports', 'show', reportId, '-p', platformId]);
        expect(shown.status, shown.stderr).toBe(0);
        return JSON.parse(shown.stdout) as ShownReport;
      };
      const withdraw = (id: string, reason: string) =>
        custos(dataDir, ['reports', 'withdraw', id, '-p', platformId, '--reason', reason]);
      const untouched = {
        status: 'draft',
        withdrawnBy: null,
        withdrawnAt: null,
        withdrawalReason: null,
      };

      // Without --reason the command stops before any request and says what is missing.
      const unexplained = custos(dataDir, ['reports', 'withdraw', reportId, '-p', platformId]);
      expect(unexplained.status).not.toBe(0);
      expect(unexplained.stderr).toContain("required option '--reason <text>' not specified");
      // An empty reason reaches the API, which refuses it.
      const empty = withdraw(reportId, '');
      expect(empty.status).toBe(1);
      expect(empty.stderr).toContain('validation_failed');
      expect(empty.stderr).toContain('reason');
      const unknown = withdraw('rpt_unknown', 'started for the wrong customer');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('report rpt_unknown not found');
      expect(show().report).toMatchObject(untouched);

      const withdrawn = withdraw(reportId, 'started for the wrong customer');
      expect(withdrawn.status, withdrawn.stderr).toBe(0);
      expect(withdrawn.stdout).toMatch(/status\s+withdrawn/);
      expect(withdrawn.stdout).toMatch(/withdrawnBy\s+stf_/);
      const after = show().report;
      expect(after).toMatchObject({
        status: 'withdrawn',
        withdrawalReason: 'started for the wrong customer',
      });
      expect(after.withdrawnBy).toMatch(/^stf_/);
      expect(Number.isNaN(Date.parse(after.withdrawnAt ?? ''))).toBe(false);
      // Once withdrawn it stays so: a second withdrawal is refused and keeps the first reason.
      const again = withdraw(reportId, 'another reason');
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already withdrawn');
      expect(show().report).toEqual(after);
      const listed = custos(dataDir, [
        'reports',
        'list',
        '-p',
        platformId,
        '--status',
        'withdrawn',
      ]);
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout).toContain(reportId);
    },
    CLI_FLOW_TIMEOUT_MS,
  );
});
