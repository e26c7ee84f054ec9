import type { Command } from 'commander';
import type { NatsConnection } from 'nats';
import { loadConfig } from '../config.js';
import {
  runBacktest,
  type BacktestProgress,
  type BacktestReport,
} from '../monitor-service/backtest.js';
import {
  NatsFeedPublisher,
  NatsPartitionWorker,
  parsePartitionList,
  PARTITION_COUNT_DEFAULT,
  type NatsTopology,
} from '../monitor-service/nats/index.js';
import { natsLibrary } from '../monitor-service/nats/nats-library.js';
import { defaultTopology } from '../monitor-service/nats/topology.js';
import { effectivePack, packWithDraft } from '../monitor-service/rule-store.js';
import { readLockOwner } from '../runtime/data-folder-lock.js';
import { openConfiguredStore, type OpenedStore } from '../runtime/open-from-config.js';
import type { Queryable } from '../store/index.js';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { table } from './output.js';
import { runCall, type GlobalOptions } from './run-command.js';
import { CliError } from './transport.js';

export const NATS_URL_DEFAULT = 'nats://127.0.0.1:4222';
const PROGRESS_BAR_WIDTH = 30;

/** Where a command writes: results on `out`, progress and notes on `err`. */
export interface CommandIo {
  out: (line: string) => void;
  err: (text: string) => void;
  /** Whether `err` is a terminal (a redrawn bar) or a file or pipe (a line per tenth). */
  errIsTty: boolean;
}

const processIo = (): CommandIo => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (text) => process.stderr.write(text),
  errIsTty: process.stderr.isTTY,
});

/** Opens the configured database in this process (refused while a server holds the folder). */
async function withStore<T>(work: (store: OpenedStore) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.databaseUrl === undefined) {
    const owner = readLockOwner(config.dataDir);
    if (owner !== null)
      throw new CliError(
        `the data folder ${config.dataDir} is held by a running server (pid ${owner.pid}); stop it or point DATABASE_URL at PostgreSQL`,
      );
  }
  const store = await openConfiguredStore(config);
  try {
    return await work(store);
  } finally {
    store.keys.vault.close();
    await store.db.close();
    store.lock?.release();
  }
}

export function progressReporter(io: CommandIo): (progress: BacktestProgress) => void {
  let lastTenth = -1;
  return ({ events, leafIndex, lastLeafIndex }) => {
    const share = lastLeafIndex < 0 ? 1 : Math.min(1, (leafIndex + 1) / (lastLeafIndex + 1));
    if (io.errIsTty) {
      const filled = Math.round(share * PROGRESS_BAR_WIDTH);
      const bar = '#'.repeat(filled) + '-'.repeat(PROGRESS_BAR_WIDTH - filled);
      io.err(`\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${events} events`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    io.err(`backtest: ${tenth * 10}% (${events} events, leaf ${leafIndex} of ${lastLeafIndex})\n`);
  };
}

const perThousand = (value: number) => value.toFixed(1);

/** The comparison of a draft against the active pack, as the CLI prints it. */
export function renderBacktest(report: BacktestReport): string {
  const summary = [
    { measure: 'alerts', active: report.active.alerts, draft: report.draft.alerts },
    {
      measure: 'per 1,000 customers',
      active: perThousand(report.active.perThousandCustomers),
      draft: perThousand(report.draft.perThousandCustomers),
    },
  ];
  const lines = [
    `platform ${report.platformId}: ${new Date(report.fromMs).toISOString()} to ${new Date(report.toMs).toISOString()}`,
    `${report.events} events, ${report.customers} customers`,
    '',
    table(summary, ['measure', 'active', 'draft']),
    '',
    `overlap ${report.overlap}, new ${report.newAlerts}, lost ${report.lostAlerts}`,
    '',
    'By rule',
    table(
      report.byRule.map((r) => ({ ...r, change: r.draft - r.active })),
      ['ruleId', 'active', 'draft', 'change'],
    ),
  ];
  const examples = (title: string, alerts: BacktestReport['newExamples']) => {
    if (alerts.length === 0) return;
    lines.push('', title);
    lines.push(
      table(
        alerts.map((a) => ({
          ...a,
          at: new Date(a.atMs).toISOString(),
          summary: a.explanation.summary,
        })),
        ['ruleId', 'customerId', 'at', 'summary'],
      ),
    );
  };
  examples('New alerts (examples)', report.newExamples);
  examples('Lost alerts (examples)', report.lostExamples);
  return lines.join('\n');
}

export interface BacktestCommandInput {
  platformId: string;
  ruleId: string;
  version: number;
  from: string;
  to: string;
}

function parseWindow(input: BacktestCommandInput): { fromMs: number; toMs: number } {
  const fromMs = Date.parse(input.from);
  const toMs = Date.parse(input.to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs))
    throw new CliError('--from and --to take ISO 8601 times, e.g. 2025-01-01T00:00:00Z');
  if (!(toMs > fromMs)) throw new CliError('--to must follow --from');
  return { fromMs, toMs };
}

/** Runs a backtest on an open database, reporting progress on `io.err`; prints the table. */
export async function backtestCommand(
  db: Queryable,
  input: BacktestCommandInput,
  io: CommandIo,
  json = false,
): Promise<BacktestReport> {
  const { fromMs, toMs } = parseWindow(input);
  let draftPack;
  try {
    draftPack = await packWithDraft(db, input.platformId, input.ruleId, input.version);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const report = await runBacktest(
    db,
    {
      platformId: input.platformId,
      activePack: await effectivePack(db, input.platformId),
      draftPack,
      fromMs,
      toMs,
    },
    progressReporter(io),
  );
  if (io.errIsTty) io.err('\n');
  io.out(json ? JSON.stringify(report, null, 2) : renderBacktest(report));
  return report;
}

/** Positions of every monitoring consumer, how far behind the feed, and the snapshots. */
export async function statusCommand(db: Queryable, io: CommandIo, json = false): Promise<void> {
  const head = await db.query<{ last: string | number | null }>(
    'SELECT max(leaf_index) AS last FROM audit_records',
  );
  const lastLeaf = Number(head[0]?.last ?? -1);
  const cursors = await db.query<{
    consumer: string;
    leaf_index: string | number;
    events: string | number;
    updated_at: Date;
  }>('SELECT consumer, leaf_index, events, updated_at FROM monitoring_cursor ORDER BY consumer');
  const snapshots = await db.query<{
    consumer: string;
    leaf_index: string | number;
    taken_at: Date;
    engines: string | number;
  }>(
    `SELECT consumer, leaf_index, taken_at,
       (SELECT count(*) FROM json_object_keys(snapshot::json -> 'engines')) AS engines
     FROM monitoring_snapshots ORDER BY consumer, leaf_index`,
  );
  const nowMs = Date.now();
  const positions = cursors
    .filter((c) => !c.consumer.endsWith('#seq'))
    .map((c) => ({
      consumer: c.consumer,
      leafIndex: Number(c.leaf_index),
      behind: lastLeaf - Number(c.leaf_index),
      events: Number(c.events),
      updatedAt: new Date(c.updated_at).toISOString(),
    }));
  const stored = snapshots.map((s) => ({
    consumer: s.consumer,
    leafIndex: Number(s.leaf_index),
    ageSeconds: Math.round((nowMs - new Date(s.taken_at).getTime()) / 1_000),
    engines: Number(s.engines),
  }));
  if (json) {
    io.out(JSON.stringify({ lastLeafIndex: lastLeaf, positions, snapshots: stored }, null, 2));
    return;
  }
  io.out(`feed: last leaf ${lastLeaf}`);
  io.out('');
  io.out(table(positions, ['consumer', 'leafIndex', 'behind', 'events', 'updatedAt']));
  io.out('');
  io.out('Snapshots (engines = platforms with an engine)');
  io.out(table(stored, ['consumer', 'leafIndex', 'ageSeconds', 'engines']));
}

interface NatsOptions {
  nats?: string;
  partitionCount: string;
  stream?: string;
  subjectPrefix?: string;
}

function topologyOf(options: NatsOptions): NatsTopology {
  const count = Number(options.partitionCount);
  if (!Number.isInteger(count) || count < 1 || count > 1_024)
    throw new CliError('--partition-count must be between 1 and 1024');
  const base = defaultTopology(count);
  return {
    ...base,
    ...(options.stream === undefined ? {} : { stream: options.stream }),
    ...(options.subjectPrefix === undefined ? {} : { subjectPrefix: options.subjectPrefix }),
  };
}

function addNatsOptions(command: Command): Command {
  return command
    .option('--nats <url>', `NATS server (or NATS_URL; default ${NATS_URL_DEFAULT})`)
    .option(
      '--partition-count <n>',
      'customer partitions (the same for publisher and workers)',
      String(PARTITION_COUNT_DEFAULT),
    )
    .option('--stream <name>', 'JetStream stream name', 'CUSTOS_EVENTS')
    .option('--subject-prefix <prefix>', 'subjects are <prefix>.<partition>', 'custos.events');
}

async function connectNats(options: NatsOptions): Promise<NatsConnection> {
  const servers = options.nats ?? process.env.NATS_URL ?? NATS_URL_DEFAULT;
  try {
    const { connect } = await natsLibrary();
    return await connect({ servers, name: 'custos-monitor' });
  } catch (error) {
    throw new CliError(
      `cannot reach NATS at ${servers}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Resolves on SIGINT or SIGTERM, or when `failed` settles first. */
function untilSignal(failed: Promise<unknown>): Promise<string> {
  return new Promise((resolve) => {
    const done = (signal: string) => resolve(signal);
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
    void failed.then(() => done('failure'));
  });
}

async function runWorkers(options: NatsOptions & { partitions: string }): Promise<void> {
  const topology = topologyOf(options);
  const partitions = parsePartitionList(options.partitions, topology.partitionCount);
  await withStore(async (store) => {
    const nc = await connectNats(options);
    const workers = partitions.map((p) => new NatsPartitionWorker(store.db, nc, topology, p));
    try {
      for (const worker of workers) await worker.start();
      process.stdout.write(
        `custos: monitoring partitions ${partitions.join(',')} of ${topology.partitionCount} from ${topology.stream}\n`,
      );
      const reason = await untilSignal(Promise.race(workers.map((w) => w.done())));
      for (const worker of workers) await worker.stop();
      const failure = workers.map((w) => w.failure()).find((f) => f !== null);
      if (reason === 'failure' && failure !== undefined)
        throw new CliError(
          `worker stopped: ${failure instanceof Error ? failure.message : String(failure)}`,
        );
    } finally {
      await nc.drain();
    }
  });
}

async function runPublisher(options: NatsOptions): Promise<void> {
  const topology = topologyOf(options);
  await withStore(async (store) => {
    const nc = await connectNats(options);
    const publisher = new NatsFeedPublisher(store.db, nc, topology);
    try {
      await publisher.start();
      process.stdout.write(
        `custos: publishing the feed to ${topology.stream} (${topology.partitionCount} partitions); shared-key rules evaluated here\n`,
      );
      await untilSignal(new Promise(() => undefined));
      await publisher.stop();
    } finally {
      await nc.drain();
    }
  });
}

/**
 * `custos monitor status|rules list|rules backtest|kris read|worker|publish`. Rules and KRIs
 * go through the API; status, backtests (with progress), workers and the publisher open the
 * database directly.
 */
export function registerMonitorCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const json = () => global().json === true;
  const P = PLATFORM_OPTION;
  const monitor = program
    .command('monitor')
    .description('transaction monitoring: positions, rules, backtests, KRIs, scale-out');
  monitor
    .command('status')
    .description('positions of every evaluator, how far behind the feed, snapshot ages')
    .action(() => withStore((store) => statusCommand(store.db, processIo(), json())));

  // `custos rules …` and `custos monitor rules …` are the same commands.
  const addRules = (parent: Command) => {
    const rules = parent.command('rules').description('rule packs and draft backtests');
    rules
      .command('list')
      .option(...P)
      .action((o: { platform?: string }) =>
        runCall(
          global(),
          { method: 'GET', path: `${platformPath(o.platform)}/monitoring/rules` },
          (body) => {
            const b = body as {
              packId: string;
              rules: Record<string, unknown>[];
              versions: Record<string, unknown>[];
            };
            return [
              `pack ${b.packId}`,
              table(b.rules, ['id', 'version', 'template', 'mode', 'severity', 'enabled']),
              '',
              'Stored versions',
              table(b.versions, [
                'ruleId',
                'version',
                'kind',
                'status',
                'createdBy',
                'activatedAt',
              ]),
            ].join('\n');
          },
        ),
      );
    rules
      .command('backtest')
      .description('what a draft version would have flagged against the active pack')
      .option(...P)
      .requiredOption('--rule <id>')
      .requiredOption('--version <n>')
      .requiredOption('--from <iso>')
      .requiredOption('--to <iso>')
      .action(
        async (o: {
          platform?: string;
          rule: string;
          version: string;
          from: string;
          to: string;
        }) => {
          const version = Number(o.version);
          if (!Number.isSafeInteger(version) || version < 1)
            throw new CliError('--version is a number');
          const input = { platformId: '', ruleId: o.rule, version, from: o.from, to: o.to };
          const base = platformPath(o.platform);
          input.platformId = base.slice(base.lastIndexOf('/') + 1);
          const url = process.env.CUSTOS_URL;
          if (url !== undefined && url !== '') {
            parseWindow(input);
            return runCall(
              global(),
              {
                method: 'POST',
                path: `${base}/monitoring/rules/${o.rule}/versions/${version}/backtest`,
                body: { from: new Date(o.from).toISOString(), to: new Date(o.to).toISOString() },
              },
              (body) => renderBacktest(body as BacktestReport),
            );
          }
          await withStore((store) => backtestCommand(store.db, input, processIo(), json()));
        },
      );
  };
  addRules(monitor);
  addRules(program);

  monitor
    .command('kris')
    .description('key risk indicators')
    .command('read')
    .description('read every KRI now')
    .option(...P)
    .action((o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'POST', path: `${platformPath(o.platform)}/monitoring/kris/read` },
        (body) =>
          table((body as { items: Record<string, unknown>[] }).items, [
            'kriId',
            'value',
            'status',
            'detail',
          ]),
      ),
    );

  addNatsOptions(
    monitor
      .command('worker')
      .description('evaluate customer partitions from NATS JetStream (scale-out)')
      .requiredOption('--partitions <list>', 'partitions this process owns, e.g. 0-3 or 0,2,4'),
  ).action((o: NatsOptions & { partitions: string }) => runWorkers(o));
  addNatsOptions(
    monitor
      .command('publish')
      .description('publish the committed feed to NATS JetStream and evaluate shared-key rules'),
  ).action((o: NatsOptions) => runPublisher(o));
}
