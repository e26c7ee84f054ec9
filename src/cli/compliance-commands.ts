import type { Command } from 'commander';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { table } from './output.js';
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

function retentionTable(body: unknown): string {
  const run = body as {
    dryRun: boolean;
    policy: { retentionYears: number; jurisdictions: string[] };
    customers: Record<string, unknown>[];
    truncated: boolean;
  };
  const head = `${run.dryRun ? 'dry run: would anonymize' : 'anonymized'} ${run.customers.length} customer(s); retention ${run.policy.retentionYears} years (${run.policy.jurisdictions.join(', ')})${run.truncated ? '; more are due, run again' : ''}`;
  return `${head}\n${table(run.customers, ['customerId', 'relationshipEndedAt', 'lastTransactionAt', 'dueAt', 'bankAccounts'])}`;
}

/**
 * `custos compliance obligations|controls run|controls history` and `custos retention run`:
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
  program
    .command('retention')
    .description('record retention: anonymize customers whose retention has run out')
    .command('run')
    .description('list (--dry-run) or anonymize the customers that are due')
    .option(...PLATFORM_OPTION)
    .option('--dry-run', 'list who is due and change nothing')
    .action((o: { platform?: string; dryRun?: boolean }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/retention/runs`,
          body: { dryRun: o.dryRun === true },
        },
        retentionTable,
      ),
    );
}
