import type { Command } from 'commander';
import { currencyExponent, formatAmount } from '../money/index.js';
import {
  lossStatistics,
  portfolioMoments,
  simulateAggregateLoss,
  TAIL_LEVELS,
  validateSimulationSize,
  type MonteCarloFigures,
  type RiskModel,
} from '../risk-models/index.js';
import { monteCarloFigures, minorString } from '../risk-models/monte-carlo-report.js';
import { progressBar, textHistogram } from '../risk-models/text-histogram.js';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { itemsTable, runCall, type GlobalOptions } from './run-command.js';
import { CliError, openTransport, type Transport } from './transport.js';

interface SimulateOptions {
  platform?: string;
  currency: string;
  trials: string;
  seed?: string;
  workers: string;
  bins: string;
  save?: boolean;
}

async function fetchJson(transport: Transport, path: string): Promise<Record<string, unknown>> {
  const reply = await transport.request('GET', path);
  if (reply.status >= 400) throw new CliError(`GET ${path}: status ${reply.status}`);
  return reply.body as Record<string, unknown>;
}

async function reserveOf(
  transport: Transport,
  base: string,
  currency: string,
): Promise<bigint | null> {
  const reply = await transport.request('GET', `${base}/balances`);
  if (reply.status >= 400) return null;
  const entry = (
    reply.body as {
      currencies: {
        currency: string;
        byType: { type: string; posted: { amountMinor: string } }[];
      }[];
    }
  ).currencies.find((c) => c.currency === currency);
  const reserve = entry?.byType.find((t) => t.type === 'reserve');
  return reserve === undefined ? 0n : BigInt(reserve.posted.amountMinor);
}

function summary(figures: MonteCarloFigures, currency: string): string {
  const money = (minor: string) => `${formatAmount(BigInt(minor), currency)} ${currency}`;
  const lines = [
    `expected loss        ${money(figures.expectedLossMinor)} (± ${money(figures.standardErrorMinor)} standard error)`,
    ...figures.tail.flatMap((t) => [
      `${`VaR ${(t.level * 100).toFixed(1)}%`.padEnd(21)}${money(t.valueAtRiskMinor)}`,
      `${`ES ${(t.level * 100).toFixed(1)}%`.padEnd(21)}${money(t.expectedShortfallMinor)}`,
    ]),
  ];
  if (figures.closedForm !== null)
    lines.push(`closed-form mean     ${money(figures.closedForm.meanMinor)}`);
  if (figures.reserveExceedance !== null) {
    const r = figures.reserveExceedance;
    lines.push(
      `P(loss > reserve ${money(r.reserveMinor)}) = ${(r.probability * 100).toFixed(3)}% (± ${(r.standardError * 100).toFixed(3)}%)`,
    );
  }
  lines.push(`(${figures.rounding})`);
  return lines.join('\n');
}

/**
 * Simulates on this machine with a progress bar, from the models the API serves, and prints
 * the figures and a text histogram. With --save the server runs the same seed and stores
 * the run; its figures must equal these.
 */
async function simulate(global: GlobalOptions, o: SimulateOptions): Promise<void> {
  const transport = await openTransport(global.as ?? 'cli');
  try {
    process.stderr.write(`custos: using ${transport.description}\n`);
    const base = platformPath(o.platform);
    const listed = await fetchJson(transport, `${base}/risk-models?currency=${o.currency}`);
    const models: RiskModel[] = (
      listed.items as { riskId: string; model: Omit<RiskModel, 'riskId'> }[]
    ).map((m) => ({ riskId: m.riskId, ...m.model }));
    const trials = Number(o.trials);
    const problem = validateSimulationSize(models, trials);
    if (problem !== null) throw new CliError(problem);
    const seed = o.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(o.seed);
    const reserve = await reserveOf(transport, base, o.currency);
    const out = await simulateAggregateLoss({
      models,
      trials,
      seed,
      workers: Number(o.workers),
      onProgress: (done) =>
        process.stderr.write(`\rsimulating ${trials} trials ${progressBar(done)}`),
    });
    process.stderr.write(
      `\n${trials} trials in ${(out.elapsedMs / 1000).toFixed(2)} s, seed ${seed}\n`,
    );
    const stats = lossStatistics(out.losses, {
      levels: TAIL_LEVELS,
      reserve: reserve === null ? null : Number(reserve),
      histogramBins: Number(o.bins),
      convergenceCheckpoints: 40,
    });
    const figures = monteCarloFigures(
      stats,
      portfolioMoments(models),
      models.map((m, i) => ({
        riskId: m.riskId,
        riskCode: null,
        riskTitle: null,
        meanLossMinor: minorString(out.riskMeans[i] ?? 0),
        closedFormMeanMinor: null,
      })),
    );
    if (global.json === true) {
      process.stdout.write(`${JSON.stringify({ seed, trials, figures }, null, 2)}\n`);
    } else {
      const exponent = currencyExponent(o.currency) ?? 2;
      process.stdout.write(
        `${summary(figures, o.currency)}\n\n${textHistogram(figures, exponent)}\n`,
      );
    }
    if (o.save === true) {
      const saved = await transport.request('POST', `${base}/monte-carlo-runs`, {
        currency: o.currency,
        trials,
        seed,
        histogramBins: Number(o.bins),
      });
      if (saved.status >= 400) throw new CliError(`saving the run: status ${saved.status}`);
      const stored = saved.body as { id: string; figures: MonteCarloFigures };
      const same =
        stored.figures.expectedLossMinor === figures.expectedLossMinor &&
        JSON.stringify(stored.figures.tail) === JSON.stringify(figures.tail);
      process.stderr.write(
        `stored as ${stored.id}; server figures ${same ? 'identical' : 'DIFFER'}\n`,
      );
      if (!same) throw new CliError('the server computed different figures for the same seed');
    }
  } finally {
    await transport.close();
  }
}

/** `custos risk models|simulate|runs` and `custos stress scenarios|run|runs`. */
export function registerRiskModelCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const P = PLATFORM_OPTION;
  const risk = program.command('risk').description('quantitative risk models and Monte Carlo');
  risk
    .command('models')
    .option(...P)
    .option('--currency <code>', 'only this currency')
    .action((o: { platform?: string; currency?: string }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${platformPath(o.platform)}/risk-models${o.currency === undefined ? '' : `?currency=${o.currency}`}`,
        },
        (body) =>
          itemsTable([
            'riskCode',
            'currency',
            'frequency',
            'severity',
            'frequencySource',
            'severitySource',
          ])({
            items: (body as { items: { model: Record<string, unknown> }[] }).items.map((m) => ({
              ...m,
              frequency: m.model.frequency,
              severity: m.model.severity,
            })),
          }),
      ),
    );
  risk
    .command('simulate')
    .description('Monte Carlo of the annual aggregate loss, with a text histogram')
    .option(...P)
    .option('--currency <code>', 'the models and reserve of this currency', 'CNY')
    .option('--trials <n>', 'number of simulated years', '1000000')
    .option('--seed <n>', 'seed (random when absent; printed)')
    .option('--workers <n>', 'worker threads (0: this thread)', '2')
    .option('--bins <n>', 'histogram bins', '30')
    .option('--save', 'store the run on the server (it repeats the same seed)')
    .action((o: SimulateOptions) => simulate(global(), o));
  risk
    .command('runs')
    .option(...P)
    .action((o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/monte-carlo-runs` },
        itemsTable([
          'id',
          'currency',
          'trials',
          'seed',
          'expectedLossMinor',
          'var99Minor',
          'var999Minor',
          'reserveExceedanceProbability',
        ]),
      ),
    );
  const stress = program.command('stress').description('liquidity stress tests against the books');
  stress
    .command('scenarios')
    .option(...P)
    .action((o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/stress-scenarios` },
        itemsTable(['id', 'name', 'horizonDays', 'description']),
      ),
    );
  stress
    .command('run <scenario>')
    .description('run a scenario (an id, or builtin:withdrawal_run …) against the books')
    .option(...P)
    .option(
      '--as-of <YYYY-MM-DD>',
      'position date; only today is accepted (the books keep current balances)',
    )
    .option('--currency <code>', 'one currency (all by default)')
    .action((scenario: string, o: { platform?: string; asOf?: string; currency?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/stress-scenarios/${encodeURIComponent(scenario)}/runs`,
          body: {
            ...(o.asOf === undefined ? {} : { asOf: o.asOf }),
            ...(o.currency === undefined ? {} : { currency: o.currency }),
          },
        },
        (body) => {
          const run = body as {
            id: string;
            results: {
              currency: string;
              survivalDays: number | null;
              maxShortfallMinor: string;
              startCashMinor: string;
              horizonDays: number;
            }[];
          };
          return `${run.id}\n${itemsTable(['currency', 'startCash', 'survival', 'maxShortfall'])({
            items: run.results.map((r) => ({
              currency: r.currency,
              startCash: formatAmount(BigInt(r.startCashMinor), r.currency),
              survival:
                r.survivalDays === null
                  ? `survives ${r.horizonDays} days`
                  : `${r.survivalDays} days`,
              maxShortfall: formatAmount(BigInt(r.maxShortfallMinor), r.currency),
            })),
          })}`;
        },
      ),
    );
  stress
    .command('runs')
    .option(...P)
    .action((o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/stress-runs` },
        itemsTable(['id', 'scenarioName', 'asOf', 'survives', 'currencies']),
      ),
    );
}
