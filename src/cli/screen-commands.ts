import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describeProblem, table } from './output.js';
import { itemsTable, runCall, type GlobalOptions } from './run-command.js';
import { CliError, openTransport, type Transport } from './transport.js';

const LIST_KINDS = ['un', 'ofac', 'opensanctions', 'internal'];
const POLL_MS = 250;
/** A rescreen of millions of parties takes a while; the CLI stops waiting after this. */
const RESCREEN_WAIT_MS_MAX = 6 * 60 * 60 * 1000;

interface Pair {
  query: string;
  entry: string;
  score: number;
  kind: string;
}
interface Hit {
  entryKey: string;
  listKind: string;
  entryName: string;
  score: number;
  aboveThreshold: boolean;
  programmes: string[];
  explanation: {
    pairs: Pair[];
    unmatchedQuery: string[];
    unmatchedEntry: string[];
    quality: string;
    qualifiers: { kind: string; adjustment: number; detail: string }[];
  };
}

/** One line per hit: which tokens matched how, what is missing, which qualifiers applied. */
export function explainHit(hit: Hit): string {
  const e = hit.explanation;
  const parts = e.pairs.map((p) =>
    p.kind === 'exact' ? p.entry : `${p.query}≈${p.entry} ${p.kind} ${p.score.toFixed(2)}`,
  );
  if (e.unmatchedEntry.length > 0) parts.push(`not in query: ${e.unmatchedEntry.join(' ')}`);
  if (e.unmatchedQuery.length > 0) parts.push(`not listed: ${e.unmatchedQuery.join(' ')}`);
  if (e.quality === 'weak') parts.push('weak alias');
  for (const q of e.qualifiers)
    parts.push(`${q.kind} ${q.adjustment >= 0 ? '+' : ''}${q.adjustment.toFixed(2)} (${q.detail})`);
  return parts.join('; ');
}

function renderHits(body: unknown): string {
  const { hits, threshold } = body as { hits: Hit[]; threshold: number };
  if (hits.length === 0) return 'no hits';
  return (
    table(
      hits.map((h) => ({
        score: h.score.toFixed(3) + (h.aboveThreshold ? ' ●' : ''),
        list: h.listKind,
        entry: h.entryKey,
        name: h.entryName,
        explanation: explainHit(h),
      })),
      ['score', 'list', 'entry', 'name', 'explanation'],
    ) + `\n● at or above the hold threshold ${threshold}`
  );
}

async function request(
  transport: Transport,
  method: string,
  url: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const reply = await transport.request(method, url, body);
  if (reply.status >= 400) throw new CliError(describeProblem(reply.body, reply.status));
  return reply.body as Record<string, unknown>;
}

/** Follows a rescreen run on stderr until it ends; returns its final state. */
async function followRescreen(
  transport: Transport,
  runId: string,
): Promise<Record<string, unknown>> {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let lastShown = -1;
  let lastLine = '';
  for (;;) {
    const run = await request(transport, 'GET', `/v1/screening/rescreen-runs/${runId}`);
    const done = Number(run.partiesDone);
    const total = Math.max(Number(run.partiesTotal), done);
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    const line = `rescreening ${done}/${total} parties (${pct}%), ${String(run.partiesHit)} with hits, ${String(run.reviewsOpened)} reviews opened`;
    if (tty) process.stderr.write(`\r${line}`);
    else if ((pct >= lastShown + 10 || run.status !== 'running') && line !== lastLine) {
      process.stderr.write(`${line}\n`);
      lastShown = pct;
      lastLine = line;
    }
    if (run.status !== 'running') {
      if (tty) process.stderr.write('\n');
      if (run.status === 'failed')
        throw new CliError(`rescreen ${runId} failed: ${String(run.error)}`);
      return run;
    }
    if (Date.now() - started > RESCREEN_WAIT_MS_MAX)
      throw new CliError(
        `rescreen ${runId} still running; follow it with: custos lists rescreen-status ${runId}`,
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function importFiles(
  global: GlobalOptions,
  kind: string,
  files: string[],
  listName: string | undefined,
  rescreen: boolean,
): Promise<void> {
  if (!LIST_KINDS.includes(kind)) throw new CliError(`--kind is one of ${LIST_KINDS.join(', ')}`);
  const uploads = files.map((file) => {
    if (!fs.existsSync(file)) throw new CliError(`no file ${file}`);
    return { name: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64') };
  });
  const transport = await openTransport(global.as ?? 'cli');
  try {
    process.stderr.write(`custos: using ${transport.description}\n`);
    const body = await request(transport, 'POST', '/v1/screening/lists/imports', {
      kind,
      ...(listName === undefined ? {} : { listName }),
      files: uploads,
      rescreen,
    });
    const version = body.version as Record<string, unknown>;
    const run =
      typeof body.rescreenRunId === 'string'
        ? await followRescreen(transport, body.rescreenRunId)
        : null;
    if (global.json === true) {
      process.stdout.write(`${JSON.stringify({ ...body, rescreen: run }, null, 2)}\n`);
      return;
    }
    const said =
      body.unchanged === true
        ? `${String(version.listKind)}/${String(version.listName)}: same content as version ${String(version.version)}, nothing imported`
        : `${String(version.listKind)}/${String(version.listName)} version ${String(version.version)}: ${String(version.entryCount)} entries, ${String(version.nameCount)} names (sha256 ${String(version.contentSha256).slice(0, 16)}…)`;
    process.stdout.write(`${said}\n`);
    for (const w of (version.warnings as string[] | undefined) ?? [])
      process.stdout.write(`warning: ${w}\n`);
    if (version.licence !== null && version.licence !== undefined)
      process.stdout.write(`licence: ${String(version.licence)}\n`);
  } finally {
    await transport.close();
  }
}

/**
 * `custos screen NAME` (ad-hoc screening with explanations) and `custos lists` (versions,
 * `import --kind un|ofac|opensanctions|internal FILE…`, `rescreen`). All go through the API.
 */
export function registerScreenCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  program
    .command('screen <name>')
    .description('screen a name against the current sanctions and watch lists')
    .option('--dob <YYYY-MM-DD>', 'date of birth (YYYY or YYYY-MM also)')
    .option('--country <CC>', 'country (ISO code or name)')
    .option('--min-score <n>', 'show hits from this score (default 0.7)')
    .option('--limit <n>', 'at most this many hits (default 10)')
    .action(
      (name: string, o: { dob?: string; country?: string; minScore?: string; limit?: string }) =>
        runCall(
          global(),
          {
            method: 'POST',
            path: '/v1/screening/screen',
            body: {
              name,
              ...(o.dob === undefined ? {} : { dob: o.dob }),
              ...(o.country === undefined ? {} : { country: o.country }),
              ...(o.minScore === undefined ? {} : { minScore: Number(o.minScore) }),
              ...(o.limit === undefined ? {} : { limit: Number(o.limit) }),
            },
          },
          renderHits,
        ),
    );
  const lists = program
    .command('lists')
    .description('sanctions and watch list versions (no subcommand: list them)')
    .action(() =>
      runCall(
        global(),
        { method: 'GET', path: '/v1/screening/lists' },
        itemsTable([
          'listKind',
          'listName',
          'version',
          'current',
          'entryCount',
          'nameCount',
          'sourceDate',
          'importedAt',
          'importedBy',
        ]),
      ),
    );
  lists
    .command('import <files...>')
    .description(
      'import list files as a new version (OFAC: sdn.csv alt.csv add.csv), then rescreen with progress',
    )
    .requiredOption('--kind <kind>', 'un, ofac, opensanctions or internal')
    .option('--name <listName>', 'list name (default: the kind); internal lists need their own')
    .option('--no-rescreen', 'do not rescreen customers now')
    .action((files: string[], o: { kind: string; name?: string; rescreen: boolean }) =>
      importFiles(global(), o.kind, files, o.name, o.rescreen),
    );
  lists
    .command('rescreen')
    .description('rescreen every customer and bank account holder now, with progress')
    .requiredOption('--reason <text>', 'why (recorded in the audit log)')
    .action(async (o: { reason: string }) => {
      const transport = await openTransport(global().as ?? 'cli');
      try {
        process.stderr.write(`custos: using ${transport.description}\n`);
        const started = await request(transport, 'POST', '/v1/screening/rescreen-runs', {
          reason: o.reason,
        });
        const run = await followRescreen(transport, String(started.id));
        process.stdout.write(
          global().json === true
            ? `${JSON.stringify(run, null, 2)}\n`
            : `rescreen ${String(run.id)} ${String(run.status)}\n`,
        );
      } finally {
        await transport.close();
      }
    });
  lists
    .command('rescreen-status <runId>')
    .action((runId: string) =>
      runCall(global(), { method: 'GET', path: `/v1/screening/rescreen-runs/${runId}` }, (b) =>
        table(
          [b as Record<string, unknown>],
          [
            'id',
            'status',
            'partiesDone',
            'partiesTotal',
            'partiesHit',
            'reviewsOpened',
            'startedAt',
            'finishedAt',
          ],
        ),
      ),
    );
}
