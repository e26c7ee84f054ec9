import type { Command } from 'commander';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { describeProblem, table } from './output.js';
import { runCall, type GlobalOptions } from './run-command.js';
import { CliError, openTransport } from './transport.js';

const RATING_COLUMNS = ['customerId', 'level', 'score', 'computedLevel', 'nextReviewDate'];
/** Pages a batch re-rate may take: 2,000,000 customers at 200 a page. */
const BATCH_PAGES_MAX = 10_000;

type PageReply = {
  rated: number;
  byLevel: Record<'low' | 'medium' | 'high', number>;
  changed: number;
  lastCustomerId: string | null;
  done: boolean;
  total: number;
};

/** Re-rates every customer of a platform a page at a time, showing progress on stderr. */
async function rateAll(global: GlobalOptions, platform: string | undefined): Promise<void> {
  const path = `${platformPath(platform)}/risk-ratings/batch`;
  const transport = await openTransport(global.as ?? 'cli');
  const totals = { rated: 0, changed: 0, low: 0, medium: 0, high: 0 };
  try {
    process.stderr.write(`custos: using ${transport.description}\n`);
    let after = '';
    for (let page = 0; page < BATCH_PAGES_MAX; page += 1) {
      const reply = await transport.request('POST', path, after === '' ? {} : { after });
      if (reply.status >= 400) throw new CliError(describeProblem(reply.body, reply.status));
      const body = reply.body as PageReply;
      totals.rated += body.rated;
      totals.changed += body.changed;
      for (const level of ['low', 'medium', 'high'] as const) totals[level] += body.byLevel[level];
      const total = Math.max(body.total, totals.rated);
      const percent = total === 0 ? 100 : Math.floor((totals.rated * 100) / total);
      process.stderr.write(`\rrated ${totals.rated}/${total} customers (${percent}%)`);
      if (body.done || body.lastCustomerId === null) break;
      after = body.lastCustomerId;
    }
    process.stderr.write('\n');
  } finally {
    await transport.close();
  }
  process.stdout.write(
    global.json === true
      ? `${JSON.stringify(totals, null, 2)}\n`
      : `rated ${totals.rated} customers: ${totals.high} high, ${totals.medium} medium, ` +
          `${totals.low} low; ${totals.changed} changed level\n`,
  );
}

function ratingDetail(body: unknown): string {
  const detail = body as {
    customerId: string;
    rating: {
      level: string;
      score: number;
      computedLevel: string;
      override: { level: string; reason: string } | null;
      nextReviewDate: string;
      reviewOverdue: boolean;
    } | null;
    history: { reasons: { factor: string; points: number; detail: string; floor?: string }[] }[];
  };
  if (detail.rating === null) return `${detail.customerId}: not rated yet (custos customers rate)`;
  const r = detail.rating;
  const head =
    `${detail.customerId}: ${r.level} (score ${r.score}, model says ${r.computedLevel})` +
    `${r.override === null ? '' : `, overridden: ${r.override.reason}`}\n` +
    `next review ${r.nextReviewDate}${r.reviewOverdue ? ' (overdue)' : ''}\n`;
  const reasons = detail.history[0]?.reasons ?? [];
  return (
    head +
    table(
      reasons.map((x) => ({ ...x, floor: x.floor ?? '' })),
      ['factor', 'points', 'detail', 'floor'],
    )
  );
}

/**
 * `custos customers rate [--customer C]` (one customer, or every customer of the platform
 * with progress) and `custos customers risk C` (the rating with each factor's part).
 */
export function registerRiskRatingCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const customers =
    program.commands.find((command) => command.name() === 'customers') ??
    program.command('customers').description('customers of a platform');
  customers
    .command('rate')
    .description('risk-rate one customer, or every customer of the platform (with progress)')
    .option(...PLATFORM_OPTION)
    .option('--customer <id>', 'only this customer')
    .action(async (o: { platform?: string; customer?: string }) => {
      if (o.customer === undefined) return rateAll(global(), o.platform);
      return runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/risk-ratings/${o.customer}/rerate`,
          body: {},
        },
        (body) => table([body as Record<string, unknown>], RATING_COLUMNS),
      );
    });
  customers
    .command('risk <customerId>')
    .description("a customer's risk rating with every factor's contribution")
    .option(...PLATFORM_OPTION)
    .action((customerId: string, o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/risk-ratings/${customerId}` },
        ratingDetail,
      ),
    );
}
