import fs from 'node:fs';
import type { Command } from 'commander';
import {
  minorToDecimal,
  parseStatementFile,
  statementToJson,
  validateStatements,
} from '../recon/index.js';
import { table } from './output.js';
import { itemsTable, platformOf, runCall, type GlobalOptions } from './run-command.js';
import { CliError } from './transport.js';

const P = ['-p, --platform <id>', 'platform id (or CUSTOS_PLATFORM)'] as const;
const recon = (platform: string | undefined) =>
  `/v1/platforms/${platformOf(platform)}/reconciliation`;

/**
 * `custos statements parse|import`, `custos recon run`, `custos breaks list`,
 * `custos safeguarding run|history|return`. Parsing is pure and needs no database; the rest
 * go through the API like every other command.
 */
export function registerReconCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const statements = program.command('statements').description('custodian bank statements');
  statements
    .command('parse <file>')
    .description('parse a camt.05x or MT940 file and print the normalized statements')
    .option('--json', 'print the statements as JSON (amounts as minor-unit strings)')
    .action((file: string, o: { json?: boolean }) => {
      const parsed = parseStatementFile(readFile(file));
      if (!parsed.ok) {
        const where = parsed.error.line ?? parsed.error.path;
        throw new CliError(
          `${parsed.error.code}: ${parsed.error.message}${where === undefined ? '' : ` (${where})`}`,
        );
      }
      const issues = validateStatements(parsed.statements).map((issue) => ({
        severity: issue.severity,
        code: issue.code,
        message: issue.message,
      }));
      if (o.json === true || global().json === true) {
        const json = {
          format: parsed.format,
          contentSha256: parsed.contentSha256,
          warnings: parsed.warnings,
          issues,
          statements: parsed.statements.map(statementToJson),
        };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const rows = parsed.statements.map((s) => ({
        statement: s.statementId,
        account: s.account.iban ?? s.account.otherId,
        currency: s.account.currency,
        opening: s.openingBalance
          ? minorToDecimal(s.openingBalance.amountMinor, s.openingBalance.currency)
          : '',
        closing: s.closingBalance
          ? minorToDecimal(s.closingBalance.amountMinor, s.closingBalance.currency)
          : '',
        entries: s.entries.length,
      }));
      const cols = ['statement', 'account', 'currency', 'opening', 'closing', 'entries'];
      const notes = issues.map((issue) => `${issue.severity}: ${issue.message}`).join('\n');
      process.stdout.write(`${table(rows, cols)}${notes === '' ? '' : `\n${notes}`}\n`);
    });
  statements
    .command('import <file>')
    .description('import a statement file for the platform (a repeat changes nothing)')
    .option(...P)
    .action((file: string, o: { platform?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${recon(o.platform)}/imports`,
          body: { format: 'auto', encoding: 'base64', content: readFile(file).toString('base64') },
        },
        (body) => {
          const b = body as Record<string, unknown>;
          const head = b.duplicateFile === true ? 'already imported, nothing changed' : 'imported';
          return `${head}: ${String(b.importId)}, ${String(b.linesImported)} new lines, ${String(b.linesDuplicate)} duplicate`;
        },
      ),
    );

  program
    .command('recon')
    .description('reconciliation runs')
    .command('run')
    .description('match bank lines against the journal up to a date')
    .option(...P)
    .requiredOption('--date <YYYY-MM-DD>', 'items up to and including this day')
    .option('--dry-run', 'show what would match; store nothing')
    .action((o: { platform?: string; date: string; dryRun?: boolean }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${recon(o.platform)}/runs`,
          body: { asOf: o.date, dryRun: o.dryRun === true },
        },
        (body) => {
          const b = body as Record<string, unknown>;
          const keys = ['runId', 'bankItemCount', 'bookItemCount', 'confirmedCount'];
          const more = ['suggestedCount', 'unmatchedBankCount', 'unmatchedBookCount'];
          const all = [...keys, ...more, 'breaksOpened', 'breaksResolved', 'breaksEscalated'];
          return table(
            all.map((field) => ({
              field,
              value: b[field] ?? (field === 'runId' ? 'dry run' : ''),
            })),
            ['field', 'value'],
          );
        },
      ),
    );

  program
    .command('breaks')
    .description('reconciliation breaks')
    .command('list')
    .option(...P)
    .option('--state <state>', 'open, escalated, awaiting_approval, resolved or unresolved')
    .action((o: { platform?: string; state?: string }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${recon(o.platform)}/breaks${o.state === undefined ? '' : `?state=${o.state}`}`,
        },
        itemsTable(['id', 'side', 'amount', 'itemDate', 'ageDays', 'state', 'owner', 'reference']),
      ),
    );

  const safeguarding = program.command('safeguarding').description('safeguarding checks');
  const checkColumns = ['asOf', 'currency', 'status', 'severity', 'bankClosing', 'required'];
  safeguarding
    .command('run')
    .option(...P)
    .option('--date <YYYY-MM-DD>', 'the day to check (default today, UTC)')
    .action((o: { platform?: string; date?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${recon(o.platform)}/safeguarding`,
          body: o.date === undefined ? {} : { asOf: o.date },
        },
        itemsTable([...checkColumns, 'drift', 'reserveAdequate']),
      ),
    );
  safeguarding
    .command('history')
    .option(...P)
    .action((o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'GET', path: `${recon(o.platform)}/safeguarding` },
        itemsTable([...checkColumns, 'drift']),
      ),
    );
}

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message : ''}`);
  }
}
