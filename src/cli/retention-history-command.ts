import type { Command } from 'commander';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { table } from './output.js';
import { runCall, type GlobalOptions } from './run-command.js';

const RUN_COLUMNS = [
  'runId',
  'ranAt',
  'trigger',
  'actor',
  'approvedBy',
  'retentionYears',
  'customersAnonymized',
  'reportFilesPurged',
];

interface RunDetail extends Record<string, unknown> {
  runId: string;
  ranAt: string;
  trigger: string;
  approvedBy: string | null;
  customers: Record<string, unknown>[];
  reportFiles: Record<string, unknown>[];
}

function runsTable(body: unknown): string {
  return table((body as { runs: Record<string, unknown>[] }).runs, RUN_COLUMNS);
}

function runTable(body: unknown): string {
  const run = body as RunDetail;
  const by = run.approvedBy === null ? run.trigger : `approved by ${run.approvedBy}`;
  return [
    `retention run ${run.runId} at ${run.ranAt} (${by}): anonymized ${run.customers.length} customer(s), purged ${run.reportFiles.length} report file(s)`,
    table(run.customers, ['customerId', 'dueAt']),
    table(run.reportFiles, ['reportId', 'format', 'fileId', 'version', 'sha256', 'purgedAt']),
  ].join('\n');
}

/**
 * `… retention history`: the executions that anonymized or purged something, newest first;
 * with --run, one of them (the daily job's rtn_… id, or an approved request's approval id)
 * with its customers and files.
 */
export function addRetentionHistory(retention: Command, global: () => GlobalOptions): void {
  retention
    .command('history')
    .description(
      'what retention executions carried out: the runs, or with --run one run with its customers and files',
    )
    .option(...PLATFORM_OPTION)
    .option('--run <id>', 'one run: its id, or the approval id of an approved request')
    .option('--limit <n>', 'runs to show (default 20, at most 100)')
    .action((o: { platform?: string; run?: string; limit?: string }) => {
      const runs = `${platformPath(o.platform)}/retention/runs`;
      if (o.run !== undefined)
        return runCall(
          global(),
          { method: 'GET', path: `${runs}/${encodeURIComponent(o.run)}` },
          runTable,
        );
      const query = o.limit === undefined ? '' : `?limit=${encodeURIComponent(o.limit)}`;
      return runCall(global(), { method: 'GET', path: `${runs}${query}` }, runsTable);
    });
}
