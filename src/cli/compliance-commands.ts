import type { Command } from 'commander';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { table } from './output.js';
import { addRetentionHistory } from './retention-history-command.js';
import { addRetentionHoldCommands } from './retention-hold-commands.js';
import { runCall, type GlobalOptions } from './run-command.js';

interface ControlRow {
  code: string;
  title: string;
  ownerId: string | null;
  frequency: string;
  tests: string[];
  latest: { outcome: string; ranAt: string } | null;
}
interface ObligationRow {
  id: string;
  jurisdiction: string;
  source: string;
  article: string;
  title: string;
  controls: ControlRow[];
}

const latestText = (c: ControlRow) =>
  c.latest === null ? 'never run' : `${c.latest.outcome} ${c.latest.ranAt}`;

function obligationsTable(body: unknown): string {
  const items = (body as { items: ObligationRow[] }).items;
  return table(
    items.flatMap((o) =>
      o.controls.map((c, index) => ({
        jurisdiction: index === 0 ? o.jurisdiction : '',
        article: index === 0 ? `${o.article}` : '',
        obligation: index === 0 ? o.title : '',
        control: c.code,
        latest: latestText(c),
      })),
    ),
    ['jurisdiction', 'article', 'obligation', 'control', 'latest'],
  );
}

function runsTable(body: unknown): string {
  const items = (
    body as {
      items: {
        code: string;
        outcome: string;
        evidence: {
          tests: Record<string, { outcome: string; violations?: number; checked?: number }>;
        };
      }[];
    }
  ).items;
  return table(
    items.flatMap((r) =>
      Object.entries(r.evidence.tests).map(([kind, t]) => ({
        control: r.code,
        outcome: r.outcome,
        test: kind,
        testOutcome: t.outcome,
        checked: t.checked ?? '',
        violations: t.violations ?? '',
      })),
    ),
    ['control', 'outcome', 'test', 'testOutcome', 'checked', 'violations'],
  );
}

function historyTable(body: unknown): string {
  const history = body as {
    runs: { id: string; ranAt: string; outcome: string; trigger: string; ranBy: string }[];
  };
  return table(history.runs, ['id', 'ranAt', 'outcome', 'trigger', 'ranBy']);
}

const DUE_COLUMNS = [
  'customerId',
  'relationshipEndedAt',
  'lastTransactionAt',
  'dueAt',
  'bankAccounts',
] as const;

const DUE_FILE_COLUMNS = [
  'reportId',
  'format',
  'fileId',
  'version',
  'sha256',
  'retainedFrom',
  'dueAt',
] as const;

interface RetentionLists {
  customers: Record<string, unknown>[];
  truncated: boolean;
  reportFiles: Record<string, unknown>[];
  reportFilesTruncated: boolean;
}

function filesPart(lead: string, lists: RetentionLists, more: string): string {
  const count = `${lead} ${lists.reportFiles.length} report file(s)`;
  const head = `${count}${lists.reportFilesTruncated ? more : ''}`;
  return `${head}\n${table(lists.reportFiles, [...DUE_FILE_COLUMNS])}`;
}

function retentionTable(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'approvalId' in body) {
    const request = body as RetentionLists & { approvalId: string; retentionYears: number };
    const more = '; more are due, request again after the decision';
    const head = `approval ${request.approvalId} requested: a second person must approve anonymizing ${request.customers.length} customer(s); retention ${request.retentionYears} years${request.truncated ? more : ''}`;
    const files = filesPart('and purging', request, more);
    return `${head}\n${table(request.customers, [...DUE_COLUMNS])}\n${files}`;
  }
  const run = body as RetentionLists & {
    dryRun: boolean;
    policy: { retentionYears: number; jurisdictions: string[] };
    held: { customers: number; reportFiles: number; truncated: boolean };
  };
  const more = '; more are due, run again';
  const head = `${run.dryRun ? 'dry run: would anonymize' : 'anonymized'} ${run.customers.length} customer(s); retention ${run.policy.retentionYears} years (${run.policy.jurisdictions.join(', ')})${run.truncated ? more : ''}`;
  const files = filesPart(run.dryRun ? 'dry run: would purge' : 'purged', run, more);
  const held = `held past their period (retention holds, open cases): ${run.held.truncated ? 'at least ' : ''}${run.held.customers} customer(s), ${run.held.reportFiles} report file(s)`;
  return `${head}\n${table(run.customers, [...DUE_COLUMNS])}\n${files}\n${held}`;
}

/**
 * `custos compliance obligations|controls run|controls history` and `custos [compliance]
 * retention run`:
 * the obligations register, the automated control tests and the retention job, over the API.
 */
export function registerComplianceCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const compliance = program
    .command('compliance')
    .description('obligations register, controls and their automated tests');
  compliance
    .command('obligations')
    .description('obligations with their controls and latest results')
    .option(...PLATFORM_OPTION)
    .action((o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/compliance/obligations` },
        obligationsTable,
      ),
    );
  const controls = compliance.command('controls').description('controls and their automated tests');
  controls
    .command('run')
    .description('run the controls now (all, or --code) and keep the results')
    .option(...PLATFORM_OPTION)
    .option('--code <code...>', 'only these controls, e.g. CTL-AUTH-DEBIT')
    .option('--window-days <n>', 'days the tests look back over (default 1)')
    .action((o: { platform?: string; code?: string[]; windowDays?: string }) => {
      process.stderr.write(
        `custos: running ${o.code === undefined ? 'every control' : o.code.join(', ')}…\n`,
      );
      return runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/compliance/controls/runs`,
          body: {
            ...(o.code === undefined ? {} : { codes: o.code }),
            ...(o.windowDays === undefined ? {} : { windowDays: Number(o.windowDays) }),
          },
        },
        runsTable,
      );
    });
  controls
    .command('history <code>')
    .description("a control's results, newest first")
    .option(...PLATFORM_OPTION)
    .option('--limit <n>', 'runs to show (default 50)')
    .action((code: string, o: { platform?: string; limit?: string }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${platformPath(o.platform)}/compliance/controls/${encodeURIComponent(code)}/history${o.limit === undefined ? '' : `?limit=${encodeURIComponent(o.limit)}`}`,
        },
        historyTable,
      ),
    );
  addRetentionRun(program, global);
  addRetentionRun(compliance, global);
}

/**
 * `… retention run`: a dry run by default; `--execute` opens a four-eyes request. And
 * `… retention history`: what executions carried out.
 */
function addRetentionRun(parent: Command, global: () => GlobalOptions): void {
  const retention = parent
    .command('retention')
    .description(
      'record retention: anonymize customers and purge stored report files whose retention has run out',
    );
  addRetentionHistory(retention, global);
  addRetentionHoldCommands(retention, global);
  retention
    .command('run')
    .description(
      'list the customers and report files that are due (the default, changes nothing); with --execute, ask a second person to approve anonymizing and purging them',
    )
    .option(...PLATFORM_OPTION)
    .option(
      '--execute',
      'request anonymization and purging (four-eyes: it runs when someone else approves)',
    )
    .option('--reason <text>', 'why, for the approver (required with --execute)')
    .option('--dry-run', 'list what is due and change nothing (the default)')
    .action((o: { platform?: string; execute?: boolean; reason?: string; dryRun?: boolean }) => {
      const execute = o.execute === true;
      if (execute && o.dryRun === true) {
        process.stderr.write('custos: --execute and --dry-run exclude each other\n');
        process.exitCode = 2;
        return;
      }
      if (execute && (o.reason === undefined || o.reason.trim() === '')) {
        process.stderr.write('custos: --execute needs --reason <text> for the approver\n');
        process.exitCode = 2;
        return;
      }
      return runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/retention/runs`,
          body: execute ? { dryRun: false, reason: o.reason } : { dryRun: true },
        },
        retentionTable,
      );
    });
}
