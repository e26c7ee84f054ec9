import { failure, success, type Result } from '../custody/index.js';
import type { Principal } from '../security/index.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { loadCnyRates, loadWorkingCalendar } from './calendar-store.js';
import { cstDayBoundsMs, cstDayOfMs, epochDayOfIso, isoOfEpochDay } from './cst-day.js';
import {
  decideLvtr,
  LVTR_OPTIONS_DEFAULT,
  LvtrAccumulator,
  type LvtrItem,
  type LvtrOptions,
} from './lvtr-aggregate.js';
import type { PostedMovement } from './lvtr-legs.js';
import { lvtrContentOf, type LvtrContent } from './lvtr-content.js';
import {
  distinctTransactions,
  LVTR_PART_LIMITS_DEFAULT,
  splitLvtrParts,
  type LvtrPart,
  type LvtrPartLimits,
} from './lvtr-parts.js';
import { REPORT_LIMITS } from './report-limits.js';
import {
  appendVersion,
  findReport,
  insertReport,
  reportAudit,
  type ReportView,
} from './report-store.js';
import { reportDeadline } from './working-days.js';

/** One report of the day, as the run left it. */
export interface LvtrPartResult {
  /** 1-based. */
  part: number;
  reportId: string;
  version: number;
  items: number;
  /** Distinct transactions (instruction ids) the part lists. */
  transactions: number;
  unchanged: boolean;
}

export interface LvtrRunResult {
  /** Part 1's report, or null when the day has nothing to report. */
  reportId: string | null;
  version: number | null;
  businessDate: string;
  postingsRead: number;
  /** Items over every part. */
  items: number;
  /** Distinct transactions over every part. */
  transactions: number;
  /** True when no part was created or changed. */
  unchanged: boolean;
  parts: LvtrPartResult[];
}

export interface LvtrRunSettings {
  options?: LvtrOptions;
  /** The clock: a day is run only once it has ended in CST. */
  nowMs?: number;
  /** How large a part may be and how many a day may have. */
  parts?: LvtrPartLimits;
}

const PAGE_SQL = `
SELECT t.id::text AS transfer_id, i.id, i.type, i.currency, i.amount_minor::text AS amount_minor,
  i.channel, dc.id AS debit_customer_id, dc.kind AS debit_kind,
  cc.id AS credit_customer_id, cc.kind AS credit_kind
FROM transfers t
JOIN instructions i ON i.id = t.instruction_id
JOIN accounts da ON da.id = t.debit_account_id
JOIN accounts ca ON ca.id = t.credit_account_id
LEFT JOIN customers dc ON da.type = 'customer' AND dc.id = da.customer_id
LEFT JOIN customers cc ON ca.type = 'customer' AND cc.id = ca.customer_id
WHERE t.platform_id = $1 AND t.phase IN ('single', 'post_pending')
  AND t.created_at >= $2 AND t.created_at < $3 AND t.id > $4::bigint
  AND (da.type = 'customer' OR ca.type = 'customer')
ORDER BY t.id
LIMIT $5`;

type PageRow = {
  transfer_id: string;
  id: string;
  type: string;
  currency: string;
  amount_minor: string;
  channel: { cash?: boolean; crossBorder?: boolean } | null;
  debit_customer_id: string | null;
  debit_kind: 'person' | 'entity' | null;
  credit_customer_id: string | null;
  credit_kind: 'person' | 'entity' | null;
};

function movementOf(row: PageRow): PostedMovement {
  return {
    instructionId: row.id,
    type: row.type,
    currency: row.currency,
    amountMinor: BigInt(row.amount_minor),
    channel: row.channel,
    debitCustomer:
      row.debit_customer_id === null || row.debit_kind === null
        ? null
        : { id: row.debit_customer_id, kind: row.debit_kind },
    creditCustomer:
      row.credit_customer_id === null || row.credit_kind === null
        ? null
        : { id: row.credit_customer_id, kind: row.credit_kind },
  };
}

/** Reads a CST day's postings of a platform, page by page, into an accumulator. */
export async function accumulateDay(
  db: Queryable,
  platformId: string,
  day: number,
): Promise<{ accumulator: LvtrAccumulator; postingsRead: number } | null> {
  const { startMs, endMs } = cstDayBoundsMs(day);
  const accumulator = new LvtrAccumulator();
  let after = '0';
  let postingsRead = 0;
  for (;;) {
    const rows = await db.query<PageRow>(PAGE_SQL, [
      platformId,
      new Date(startMs),
      new Date(endMs),
      after,
      REPORT_LIMITS.batchPageRowsMax,
    ]);
    for (const row of rows) accumulator.addMovement(movementOf(row));
    postingsRead += rows.length;
    if (postingsRead > REPORT_LIMITS.batchRowsMax) return null;
    const last = rows.at(-1);
    if (last === undefined || rows.length < REPORT_LIMITS.batchPageRowsMax) break;
    after = last.transfer_id;
  }
  return { accumulator, postingsRead };
}

/**
 * The large-value batch of one CST day that has ended: every customer, direction and category
 * at or above its threshold becomes an item. A day lists at most `reportTransactionsMax`
 * distinct transactions per report, so a busier day is split into numbered parts (a customer's
 * items kept in one part where they fit). A re-run updates the day's drafts with new versions
 * (or leaves a part alone when its items did not change); once any part is asked for
 * submission, approved or submitted, the day is refused and needs a correction.
 */
export async function runLvtrBatch(
  db: Database,
  actor: Principal,
  platformId: string,
  date: string,
  settings: LvtrRunSettings = {},
): Promise<Result<LvtrRunResult>> {
  const options = settings.options ?? LVTR_OPTIONS_DEFAULT;
  const day = epochDayOfIso(date);
  const today = cstDayOfMs(settings.nowMs ?? Date.now());
  // Postings keep arriving until the day ends; a report approved earlier could never take them.
  if (day >= today)
    return failure(
      'report_day_not_ended',
      `${date} has not ended in China Standard Time; the latest day to run is ` +
        `${isoOfEpochDay(today - 1)}`,
      { businessDate: date, latestDate: isoOfEpochDay(today - 1) },
    );
  const read = await accumulateDay(db, platformId, day);
  if (read === null)
    return failure('validation_failed', `more than ${REPORT_LIMITS.batchRowsMax} postings`);
  const rates = await loadCnyRates(db, day);
  const missing = [...read.accumulator.groups()]
    .flatMap((group) => group.sums.map((sum) => sum.currency))
    .find((currency) => currency !== 'CNY' && !rates.has(currency));
  if (missing !== undefined || !rates.has('USD'))
    return failure('validation_failed', `no CNY rate for ${missing ?? 'USD'} on ${date}`);
  const items = decideLvtr(read.accumulator, rates, options);
  const split = splitLvtrParts(items, settings.parts ?? LVTR_PART_LIMITS_DEFAULT);
  if (!split.ok) return split;
  const parts = split.value.map((part) => ({
    ...part,
    content: lvtrContentOf(date, part.items, rates, read.accumulator.legCount, options),
  }));
  const calendar = await loadWorkingCalendar(db, day);
  const deadlineDate = isoOfEpochDay(reportDeadline(day, calendar));
  return db.transaction((tx) =>
    storeDay(tx, actor, platformId, {
      date,
      parts,
      items: items.length,
      transactions: distinctTransactions(items),
      emptyContent: lvtrContentOf(date, [], rates, read.accumulator.legCount, options),
      deadlineDate,
      postingsRead: read.postingsRead,
    }),
  );
}

interface DayRun {
  date: string;
  parts: (LvtrPart & { content: LvtrContent })[];
  items: number;
  transactions: number;
  /** What a surplus part of an earlier run is left with. */
  emptyContent: LvtrContent;
  deadlineDate: string;
  postingsRead: number;
}

async function storeDay(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  run: DayRun,
): Promise<Result<LvtrRunResult>> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('custos.reports.lvtr:' || $1 || $2))`, [
    platformId,
    run.date,
  ]);
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM reports WHERE platform_id = $1 AND kind = 'lvtr' AND purpose = 'new'
       AND business_date = $2::date
     ORDER BY lvtr_part FOR UPDATE`,
    [platformId, run.date],
  );
  const existing: ReportView[] = [];
  for (const row of rows) {
    const report = await findReport(tx, platformId, row.id);
    if (report === null) return failure('not_found', `report ${row.id} not found`);
    // The whole day is refused: a part re-cut beside an approved part would double-report.
    if (report.status !== 'draft' || report.submitApprovalId !== null) {
      const state = report.status === 'draft' ? 'asked for submission' : report.status;
      return failure(
        'invalid_state',
        `the report of ${run.date} part ${report.lvtrPart ?? 1} is ${state}; correct it`,
        { reportId: report.id },
      );
    }
    existing.push(report);
  }
  const results: LvtrPartResult[] = [];
  for (const part of run.parts) {
    const report = existing.find((candidate) => candidate.lvtrPart === part.part);
    results.push(await storePart(tx, actor, platformId, run, part, report));
  }
  // A re-run that needs fewer parts than before empties the surplus drafts (as a day whose
  // items vanished always has): a stale part must not be filed beside the new ones.
  for (const report of existing) {
    const part = report.lvtrPart ?? 1;
    if (run.parts.some((candidate) => candidate.part === part)) continue;
    const empty = { part, items: [], transactions: 0, content: run.emptyContent };
    results.push(await storePart(tx, actor, platformId, run, empty, report));
  }
  results.sort((a, b) => a.part - b.part);
  const first = results[0];
  return success({
    reportId: first?.reportId ?? null,
    version: first?.version ?? null,
    businessDate: run.date,
    postingsRead: run.postingsRead,
    items: run.items,
    transactions: run.transactions,
    unchanged: results.every((result) => result.unchanged),
    parts: results,
  });
}

async function storePart(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  run: DayRun,
  part: { part: number; items: readonly LvtrItem[]; transactions: number; content: LvtrContent },
  report: ReportView | undefined,
): Promise<LvtrPartResult> {
  const result = (reportId: string, version: number, unchanged: boolean): LvtrPartResult => ({
    part: part.part,
    reportId,
    version,
    items: part.items.length,
    transactions: part.transactions,
    unchanged,
  });
  if (report === undefined) {
    const reportId = newId('rpt');
    await insertReport(tx, {
      id: reportId,
      platformId,
      kind: 'lvtr',
      purpose: 'new',
      originalReportId: null,
      businessDate: run.date,
      lvtrPart: part.part,
      strDraftId: null,
      caseId: null,
      deadlineDate: run.deadlineDate,
      content: part.content,
      actor: actor.id,
    });
    return result(reportId, 1, false);
  }
  const current = await tx.query<{ same: boolean }>(
    `SELECT content->'items' = $2::jsonb AS same FROM report_versions
     WHERE report_id = $1 AND version = $3`,
    [report.id, JSON.stringify(part.content.items), report.currentVersion],
  );
  if (current[0]?.same === true) {
    await reportAudit(tx, actor.id, platformId, 'report.lvtr_rerun', report.id, { same: true });
    return result(report.id, report.currentVersion, true);
  }
  const version = await appendVersion(tx, report, part.content, actor.id, 'batch re-run');
  return result(report.id, version, false);
}
