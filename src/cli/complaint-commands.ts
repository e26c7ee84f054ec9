import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { describeProblem, table } from './output.js';
import { itemsTable, runCall, type GlobalOptions } from './run-command.js';
import { CliError, openTransport, type Transport } from './transport.js';

const COMPLAINT_COLUMNS = [
  'id',
  'customerId',
  'category',
  'state',
  'overdue',
  'acknowledgeDueAt',
  'resolveDueAt',
  'caseId',
  'createdAt',
];

function renderComplaint(body: unknown): string {
  const detail = body as {
    complaint: Record<string, unknown>;
    subject: string | null;
    events: { at: string; kind: string; actor: string }[];
  };
  const fields = Object.entries(detail.complaint)
    .filter(([, value]) => typeof value !== 'object' || value === null)
    .map(([field, value]) => ({ field, value }));
  if (detail.subject !== null) fields.push({ field: 'subject', value: detail.subject });
  return `${table(fields, ['field', 'value'])}\n\n${table(detail.events, ['at', 'kind', 'actor'])}`;
}

function renderStatistics(body: unknown): string {
  const rows = (body as { rows: Record<string, unknown>[] }).rows.map((row) => ({
    ...row,
    overdueShare: `${(Number(row.overdueShare) * 100).toFixed(1)} %`,
    medianHoursToResolve:
      row.medianHoursToResolve === null ? '' : Number(row.medianHoursToResolve).toFixed(1),
  }));
  return table(rows, [
    'platformId',
    'month',
    'category',
    'received',
    'closed',
    'overdue',
    'overdueShare',
    'medianHoursToResolve',
  ]);
}

/**
 * `custos complaints list|show|stats` and `custos privacy export CUSTOMER`: complaint queues
 * and statistics, and a customer's copy of their data (PIPL Art. 45), through the API.
 */
export function registerComplaintCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const P = PLATFORM_OPTION;
  const complaints = program
    .command('complaints')
    .description('customer complaints: queue, timeline, statistics');
  complaints
    .command('list')
    .option(...P)
    .option(
      '--state <state>',
      'received, acknowledged, investigating, escalated, resolved, rejected',
    )
    .option(
      '--category <category>',
      'unauthorized_transaction, service, fees, privacy, restriction_objection, other',
    )
    .option('--overdue', 'only complaints past a deadline')
    .option('--open', 'only complaints not yet answered')
    .action(
      (o: {
        platform?: string;
        state?: string;
        category?: string;
        overdue?: boolean;
        open?: boolean;
      }) => {
        const query = new URLSearchParams();
        if (o.state !== undefined) query.set('state', o.state);
        if (o.category !== undefined) query.set('category', o.category);
        if (o.overdue === true) query.set('overdue', 'true');
        if (o.open === true) query.set('open', 'true');
        return runCall(
          global(),
          { method: 'GET', path: `${platformPath(o.platform)}/complaints?${query.toString()}` },
          itemsTable(COMPLAINT_COLUMNS),
        );
      },
    );
  complaints
    .command('show <complaintId>')
    .option(...P)
    .action((complaintId: string, o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/complaints/${complaintId}` },
        renderComplaint,
      ),
    );
  complaints
    .command('stats')
    .description('by category and month: counts, overdue share, median hours to answer')
    .option(...P)
    .option('--all', 'every platform the caller may see')
    .option('--months <n>', 'how far back (default 12)')
    .action((o: { platform?: string; all?: boolean; months?: string }) => {
      const query = o.months === undefined ? '' : `?months=${encodeURIComponent(o.months)}`;
      const target =
        o.all === true
          ? '/v1/complaint-statistics'
          : `${platformPath(o.platform)}/complaint-statistics`;
      return runCall(global(), { method: 'GET', path: `${target}${query}` }, renderStatistics);
    });
  program
    .command('privacy')
    .description("customers' PIPL requests")
    .command('export <customerId>')
    .description("record an export request, carry it out and download the customer's data once")
    .option(...P)
    .requiredOption('--out <file>', 'where to write the JSON bundle')
    .action((customerId: string, o: { platform?: string; out: string }) =>
      exportCustomer(global(), platformPath(o.platform), customerId, o.out),
    );
}

async function call(
  transport: Transport,
  method: string,
  target: string,
  body?: unknown,
): Promise<unknown> {
  const reply = await transport.request(method, target, body);
  if (reply.status >= 400) throw new CliError(describeProblem(reply.body, reply.status));
  return reply.body;
}

async function exportCustomer(
  options: GlobalOptions,
  base: string,
  customerId: string,
  out: string,
): Promise<void> {
  const transport = await openTransport(options.as ?? 'cli');
  try {
    process.stderr.write(`custos: using ${transport.description}\n`);
    const opened = (await call(transport, 'POST', `${base}/privacy-requests`, {
      customerId,
      kind: 'export',
    })) as {
      requestId: string;
    };
    process.stderr.write(`custos: request ${opened.requestId} recorded, generating the export\n`);
    const done = (await call(
      transport,
      'POST',
      `${base}/privacy-requests/${opened.requestId}/complete`,
      {},
    )) as {
      answer: { sha256: string; bytes: number };
    };
    process.stderr.write(`custos: ${done.answer.bytes} bytes ready, downloading once\n`);
    const bundle = await call(
      transport,
      'GET',
      `${base}/privacy-requests/${opened.requestId}/export`,
    );
    // The server wrote the bundle as two-space indented JSON: the same text again here.
    const text = JSON.stringify(bundle, null, 2);
    const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
    if (sha256 !== done.answer.sha256)
      throw new CliError(
        `the downloaded export does not match its recorded SHA-256 ${done.answer.sha256}`,
      );
    const target = path.resolve(out);
    fs.writeFileSync(target, text, { encoding: 'utf8', mode: 0o600 });
    const summary = { requestId: opened.requestId, file: target, bytes: done.answer.bytes, sha256 };
    process.stdout.write(
      options.json === true
        ? `${JSON.stringify(summary, null, 2)}\n`
        : `wrote the export of ${customerId} to ${target} (${summary.bytes} bytes, sha256 ${sha256})\n`,
    );
  } finally {
    await transport.close();
  }
}
