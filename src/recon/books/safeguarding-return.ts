import { assert } from '../../assert.js';
import type { Queryable } from '../../store/index.js';
import { listSafeguardingChecks, type SafeguardingCheckRow } from './safeguarding-history.js';

/** One currency's line of the monthly return (CASS 15 style client-money return). */
export interface SafeguardingReturnLine {
  currency: string;
  /** From the last check of the month: the bank's closing balance and what was owed. */
  monthEndAsOf: string | null;
  bankClosingMinor: bigint | null;
  customerLiabilitiesMinor: bigint | null;
  reserveMinor: bigint | null;
  requiredMinor: bigint | null;
  driftMinor: bigint | null;
  checkCount: number;
  daysChecked: number;
  okCount: number;
  shortfallCount: number;
  noStatementCount: number;
  reserveInadequateCount: number;
  largestShortfallMinor: bigint;
  breaksOpenedCount: number;
  breaksEscalatedCount: number;
  breaksUnresolvedAtMonthEnd: number;
}

export interface SafeguardingReturn {
  platformId: string;
  month: string;
  generatedAt: string;
  lines: SafeguardingReturnLine[];
  breaches: { asOf: string; currency: string; driftMinor: bigint | null; checkId: string }[];
}

export const CHECKS_PER_RETURN_MAX = 10_000;

/** The month's return from stored checks and breaks; `month` is `YYYY-MM`. */
export async function buildSafeguardingReturn(
  db: Queryable,
  platformId: string,
  month: string,
): Promise<SafeguardingReturn> {
  assert(/^\d{4}-(0[1-9]|1[0-2])$/.test(month), 'month is YYYY-MM');
  const from = `${month}-01`;
  const toRow = (
    await db.query(`SELECT ($1::date + interval '1 month' - interval '1 day')::date::text AS d`, [
      from,
    ])
  )[0];
  const to = String(toRow?.d);
  const checks = await listSafeguardingChecks(db, platformId, {
    from,
    to,
    limit: CHECKS_PER_RETURN_MAX,
  });
  const breaks = await db.query(
    `SELECT currency,
       count(*) FILTER (WHERE opened_at::date BETWEEN $2::date AND $3::date) AS opened,
       count(*) FILTER (WHERE escalated_at::date BETWEEN $2::date AND $3::date) AS escalated,
       count(*) FILTER (WHERE item_date <= $3::date AND (resolved_at IS NULL OR resolved_at::date > $3::date)) AS unresolved
     FROM breaks WHERE platform_id = $1 GROUP BY currency`,
    [platformId, from, to],
  );
  const currencies = new Set([
    ...checks.map((check) => check.currency),
    ...breaks.map((row) => String(row.currency)),
  ]);
  const lines = [...currencies].sort().map((currency) =>
    returnLine(
      currency,
      checks.filter((check) => check.currency === currency),
      breaks.find((row) => row.currency === currency),
    ),
  );
  const breaches = checks
    .filter((check) => check.status === 'shortfall')
    .map((check) => ({
      asOf: check.asOf,
      currency: check.currency,
      driftMinor: check.driftMinor,
      checkId: check.id,
    }))
    .reverse();
  return { platformId, month, generatedAt: new Date().toISOString(), lines, breaches };
}

function returnLine(
  currency: string,
  checks: readonly SafeguardingCheckRow[],
  breaks: Record<string, unknown> | undefined,
): SafeguardingReturnLine {
  // Newest first: the first check is the month-end position.
  const last = checks[0];
  let largestShortfallMinor = 0n;
  for (const check of checks) {
    if (check.driftMinor !== null && check.driftMinor < largestShortfallMinor)
      largestShortfallMinor = check.driftMinor;
  }
  return {
    currency,
    monthEndAsOf: last?.asOf ?? null,
    bankClosingMinor: last?.bankClosingMinor ?? null,
    customerLiabilitiesMinor: last?.customerLiabilitiesMinor ?? null,
    reserveMinor: last?.reserveMinor ?? null,
    requiredMinor: last?.requiredMinor ?? null,
    driftMinor: last?.driftMinor ?? null,
    checkCount: checks.length,
    daysChecked: new Set(checks.map((check) => check.asOf)).size,
    okCount: checks.filter((check) => check.status === 'ok' || check.status === 'excess').length,
    shortfallCount: checks.filter((check) => check.status === 'shortfall').length,
    noStatementCount: checks.filter((check) => check.status === 'no_statement').length,
    reserveInadequateCount: checks.filter((check) => !check.reserveAdequate).length,
    largestShortfallMinor: -largestShortfallMinor,
    breaksOpenedCount: Number(breaks?.opened ?? 0),
    breaksEscalatedCount: Number(breaks?.escalated ?? 0),
    breaksUnresolvedAtMonthEnd: Number(breaks?.unresolved ?? 0),
  };
}

const CSV_COLUMNS: readonly (keyof SafeguardingReturnLine)[] = [
  'currency',
  'monthEndAsOf',
  'bankClosingMinor',
  'customerLiabilitiesMinor',
  'reserveMinor',
  'requiredMinor',
  'driftMinor',
  'checkCount',
  'daysChecked',
  'okCount',
  'shortfallCount',
  'noStatementCount',
  'reserveInadequateCount',
  'largestShortfallMinor',
  'breaksOpenedCount',
  'breaksEscalatedCount',
  'breaksUnresolvedAtMonthEnd',
];

/** CSV: one header, one line per currency, then one `breach` line per shortfall. */
export function safeguardingReturnCsv(report: SafeguardingReturn): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [['record', 'platformId', 'month', ...CSV_COLUMNS].join(',')];
  for (const line of report.lines) {
    lines.push(
      ['position', report.platformId, report.month, ...CSV_COLUMNS.map((column) => line[column])]
        .map(cell)
        .join(','),
    );
  }
  for (const breach of report.breaches) {
    lines.push(
      [
        'breach',
        report.platformId,
        report.month,
        breach.currency,
        breach.asOf,
        '',
        '',
        '',
        '',
        breach.driftMinor,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
