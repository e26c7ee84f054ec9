import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { cstDayOfMs, isoOfEpochDay } from '../reports/cst-day.js';
import { PLATFORM_OPTION, REASON_OPTION, platformPath } from './command-kit.js';
import { itemsTable, recordTable, runCall, type GlobalOptions } from './run-command.js';
import { CliError } from './transport.js';

const REPORT_COLUMNS = [
  'id',
  'kind',
  'purpose',
  'status',
  'overdue',
  'businessDate',
  'currentVersion',
  'deadlineDate',
  'approvedBy',
  'submittedAt',
];

type ExportOptions = { platform?: string; out: string; version?: string; format: string };

/** Writes the exported XML where the caller asked and says where, with its digest. */
function writeExport(out: string): (body: unknown) => string {
  return (body) => {
    const exported = body as { xml: string; sha256: string; version: number; reportCode: string };
    const target = path.resolve(out);
    fs.writeFileSync(target, exported.xml, 'utf8');
    return `wrote ${exported.reportCode} version ${exported.version} to ${target} (sha256 ${exported.sha256})`;
  };
}

/**
 * `custos reports lvtr run|list|show|export|submit|filed|withdraw|sweep-overdue`: the
 * large-value batch, suspicious transaction reports and their goAML export. All go through the
 * API.
 */
export function registerReportCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const P = PLATFORM_OPTION;
  const reports = program
    .command('reports')
    .description('regulatory reports: large-value (PBOC Order 3) and suspicious, goAML export');
  const reportPath = (o: { platform?: string }, reportId: string, suffix = '') =>
    `${platformPath(o.platform)}/reports/${reportId}${suffix}`;
  reports
    .command('lvtr')
    .description('large-value transaction reports')
    .command('run')
    .description("run the batch over an ended CST day's postings (one line per report part)")
    .option(...P)
    .option('--date <YYYY-MM-DD>', 'the CST calendar day; yesterday in CST by default')
    .action((o: { platform?: string; date?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/reports/lvtr-runs`,
          // The current CST day is refused until it has ended: the day before is the default.
          body: { date: o.date ?? isoOfEpochDay(cstDayOfMs(Date.now()) - 1) },
        },
        (body) => {
          const parts = (body as { parts?: Record<string, unknown>[] }).parts ?? [];
          const summary = recordTable(body);
          if (parts.length === 0) return summary;
          const columns = ['part', 'reportId', 'version', 'items', 'transactions', 'unchanged'];
          return `${summary}\n${itemsTable(columns)({ items: parts })}`;
        },
      ),
    );
  reports
    .command('list')
    .option(...P)
    .option('--kind <kind>', 'lvtr or str')
    .option('--status <status>', 'draft, approved, submitted or withdrawn')
    .option('--overdue', 'only reports past their deadline')
    .action((o: { platform?: string; kind?: string; status?: string; overdue?: boolean }) => {
      const query = new URLSearchParams();
      if (o.kind !== undefined) query.set('kind', o.kind);
      if (o.status !== undefined) query.set('status', o.status);
      if (o.overdue === true) query.set('overdue', 'true');
      return runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/reports?${query.toString()}` },
        itemsTable(REPORT_COLUMNS),
      );
    });
  reports
    .command('show <reportId>')
    .option(...P)
    .action((reportId: string, o: { platform?: string }) =>
      runCall(global(), { method: 'GET', path: reportPath(o, reportId) }, (body) =>
        recordTable((body as { report: unknown }).report),
      ),
    );
  reports
    .command('export <reportId>')
    .description('write the report as goAML or CAMLMAC XML')
    .option(...P)
    .requiredOption('--out <file>', 'where to write the XML')
    .option('--version <n>', 'a version other than the approved (or latest) one')
    .option('--format <standard>', 'goaml (default) or camlmac (HVTR/BSTR)', 'goaml')
    .action((reportId: string, o: ExportOptions) => {
      if (o.format !== 'goaml' && o.format !== 'camlmac')
        throw new CliError(`--format is goaml or camlmac, not ${o.format}`);
      const query = new URLSearchParams({ format: 'json', standard: o.format });
      if (o.version !== undefined) query.set('version', o.version);
      return runCall(
        global(),
        { method: 'GET', path: reportPath(o, reportId, `/export?${query.toString()}`) },
        writeExport(o.out),
      );
    });
  registerReportWorkflow(reports, global);
}

/** The report commands that take only a reason: the verb, what it does, the route it posts to. */
const REASON_COMMANDS = [
  ['submit', 'ask for submission: a second person approves (custos approvals)', '/submission'],
  [
    'withdraw',
    'withdraw an STR never approved; its open submission request is closed',
    '/withdrawal',
  ],
] as const;

function registerReportWorkflow(reports: Command, global: () => GlobalOptions): void {
  const P = PLATFORM_OPTION;
  const reportPath = (o: { platform?: string }, reportId: string, suffix: string) =>
    `${platformPath(o.platform)}/reports/${reportId}${suffix}`;
  for (const [verb, description, suffix] of REASON_COMMANDS)
    reports
      .command(`${verb} <reportId>`)
      .description(description)
      .option(...P)
      .requiredOption(...REASON_OPTION)
      .action((reportId: string, o: { platform?: string; reason: string }) =>
        runCall(
          global(),
          { method: 'POST', path: reportPath(o, reportId, suffix), body: { reason: o.reason } },
          recordTable,
        ),
      );
  reports
    .command('filed <reportId>')
    .description('record that an approved report was filed with the FIU')
    .option(...P)
    .option('--fiu-ref <ref>', "the FIU's reference")
    .action((reportId: string, o: { platform?: string; fiuRef?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: reportPath(o, reportId, '/submitted'),
          body: o.fiuRef === undefined ? {} : { fiuRefNumber: o.fiuRef },
        },
        recordTable,
      ),
    );
  reports
    .command('sweep-overdue')
    .description('raise alerts for reports past their deadline')
    .action(() =>
      runCall(
        global(),
        { method: 'POST', path: '/v1/reports/overdue-sweep' },
        (body) => `alerted ${(body as { alerted: string[] }).alerted.length} overdue reports`,
      ),
    );
}
