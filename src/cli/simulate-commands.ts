import fs from 'node:fs';
import type { Command } from 'commander';
import {
  createCnEvaluationEngine,
  formatEvaluationReport,
  fromSimRecord,
  parseCsvEventMapping,
  ProgressLine,
  readCsvEvents,
  readSimulationFile,
  replay,
  type CsvReadStats,
  type ReplayRecord,
  type ReplayResult,
} from '../monitor-eval/index.js';
import {
  resolveSimulationOptions,
  simulateActivity,
  writeSimulation,
  type SimRecord,
  type SimulationOptions,
} from '../sim/activity/index.js';
import type { GlobalOptions } from './run-command.js';
import { CliError } from './transport.js';

interface SimulateFlags {
  customers?: string;
  days?: string;
  historyDays?: string;
  seed?: string;
  rate?: string;
}

function addSimulationOptions(command: Command): Command {
  return command
    .option('--customers <n>', 'customers on the simulated platform (default 10000)')
    .option('--days <n>', 'days of the evaluated window (default 30)')
    .option('--history-days <n>', 'days of ordinary activity before the window (default 90)')
    .option('--seed <n>', 'seed of the generator (default 1)')
    .option('--rate <n>', 'planted instances per typology per 1,000 customers (default 2)');
}

function simulationOptions(flags: SimulateFlags): SimulationOptions {
  const number = (text: string | undefined, name: string) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value)) throw new CliError(`--${name} must be a number`);
    return value;
  };
  const input = {
    customers: number(flags.customers, 'customers'),
    days: number(flags.days, 'days'),
    historyDays: number(flags.historyDays, 'history-days'),
    seed: number(flags.seed, 'seed'),
    plantRatePerThousand: number(flags.rate, 'rate'),
  };
  const defined = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  );
  try {
    return resolveSimulationOptions(defined);
  } catch (error) {
    throw new CliError(
      `bad simulation options: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Counts simulated days (one custody balance record each) for the progress bar. */
function* withDayProgress(records: Iterable<SimRecord>, options: SimulationOptions, label: string) {
  const progress = new ProgressLine(process.stderr, label);
  const totalDays = options.historyDays + options.days;
  let days = 0;
  let events = 0;
  for (const record of records) {
    if (record.type === 'event') events += 1;
    if (record.type === 'custody_balance') {
      days += 1;
      progress.update(
        days / totalDays,
        `day ${days}/${totalDays}, ${events.toLocaleString('en-US')} events`,
      );
    }
    yield record;
  }
  progress.finish(`${events.toLocaleString('en-US')} events`);
}

/**
 * `custos simulate` writes a labelled activity file; `custos evaluate` replays simulated
 * activity, a simulation file or a mapped transaction CSV through the monitoring engine and
 * prints recall per typology, precision, alert rates and throughput. Neither needs a server.
 */
export function registerSimulateCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  addSimulationOptions(
    program
      .command('simulate')
      .description('generate P2P lending activity with planted, labelled typologies (JSON lines)'),
  )
    .requiredOption('--out <file>', 'where to write the JSON lines')
    .action(async (flags: SimulateFlags & { out: string }) => {
      const options = simulationOptions(flags);
      const records = withDayProgress(simulateActivity(options), options, 'simulate');
      const written = await writeSimulation(records, flags.out);
      process.stdout.write(
        `${flags.out}: ${written.records} records, ${written.events} events, ${written.bytes} bytes\n`,
      );
    });

  addSimulationOptions(
    program
      .command('evaluate')
      .description('replay activity through the monitoring engine and score its alerts'),
  )
    .option('--input <file>', 'a simulation file (.jsonl) or a transaction CSV (with --mapping)')
    .option('--mapping <file>', 'JSON mapping of the CSV columns (see docs/evaluate-mapping.md)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: SimulateFlags & { input?: string; mapping?: string; json?: boolean }) => {
      const notes: string[] = [];
      const source = await evaluationSource(flags, notes);
      const progress = new ProgressLine(process.stderr, 'evaluate');
      const span = flags.input === undefined ? simulatedSpan(simulationOptions(flags)) : null;
      const result = await replay(source, createCnEvaluationEngine(), {
        onProgress: (events, record) => {
          const atMs = record.type === 'event' ? record.event.atMs : 0;
          const fraction = span === null ? null : (atMs - span.fromMs) / (span.toMs - span.fromMs);
          progress.update(fraction, `${events.toLocaleString('en-US')} events`);
        },
      });
      progress.finish(`${result.score.events.toLocaleString('en-US')} events`);
      if (flags.json === true || global().json === true) {
        process.stdout.write(`${JSON.stringify(resultJson(result, notes), null, 2)}\n`);
        return;
      }
      process.stdout.write(`${formatEvaluationReport(result, notes)}\n`);
    });
}

async function evaluationSource(
  flags: SimulateFlags & { input?: string; mapping?: string },
  notes: string[],
): Promise<AsyncIterable<ReplayRecord> | Iterable<ReplayRecord>> {
  if (flags.input === undefined) {
    if (flags.mapping !== undefined) throw new CliError('--mapping goes with --input FILE.csv');
    const options = simulationOptions(flags);
    notes.push(
      `simulated: ${options.customers} customers, ${options.days} days (+${options.historyDays} ` +
        `history), seed ${options.seed}, ${options.plantRatePerThousand} per typology per 1,000`,
    );
    return mapRecords(simulateActivity(options));
  }
  if (!fs.existsSync(flags.input)) throw new CliError(`${flags.input}: no such file`);
  if (flags.mapping === undefined) {
    if (!flags.input.endsWith('.jsonl')) throw new CliError('a CSV input needs --mapping MAP.json');
    return readSimulationFile(flags.input);
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(flags.mapping, 'utf8'));
  } catch (error) {
    throw new CliError(
      `${flags.mapping}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const mapping = parseCsvEventMapping(json);
  if (!mapping.ok) throw new CliError(`${flags.mapping}:\n  ${mapping.errors.join('\n  ')}`);
  const stats: CsvReadStats = { rows: 0, skipped: {}, sorted: true };
  return withCsvNotes(readCsvEvents(flags.input, mapping.mapping, stats), stats, notes);
}

/** From the start of the history to the end of the window (legacy events count as 0 %). */
function simulatedSpan(options: SimulationOptions): { fromMs: number; toMs: number } {
  const dayMs = 86_400_000;
  return {
    fromMs: options.windowStartMs - options.historyDays * dayMs,
    toMs: options.windowStartMs + options.days * dayMs,
  };
}

function* mapRecords(records: Iterable<SimRecord>): Generator<ReplayRecord> {
  for (const record of records) yield fromSimRecord(record);
}

async function* withCsvNotes(
  records: AsyncIterable<ReplayRecord>,
  stats: CsvReadStats,
  notes: string[],
): AsyncGenerator<ReplayRecord> {
  yield* records;
  const skipped = Object.entries(stats.skipped).map(([reason, count]) => `${count} ${reason}`);
  notes.push(
    `csv: ${stats.rows} rows${stats.sorted ? '' : ' (sorted in memory)'}` +
      (skipped.length === 0 ? '' : `, skipped: ${skipped.join(', ')}`),
  );
}

function resultJson(result: ReplayResult, notes: string[]) {
  return {
    ...result.score,
    engineMs: Math.round(result.engineMs),
    wallMs: Math.round(result.wallMs),
    eventsPerSecondEngine: Math.round(result.eventsPerSecondEngine),
    eventsPerSecondWall: Math.round(result.eventsPerSecondWall),
    notes,
  };
}
