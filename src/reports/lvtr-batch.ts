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
import { REPORT_LIMITS } from './report-limits.js';
import { appendVersion, findReport, insertReport, reportAudit } from './report-store.js';
import { reportDeadline } from './working-days.js';

export interface LvtrRunResult {
  reportId: string | null;
  version: number | null;
  businessDate: string;
  postingsRead: number;
  items: number;
  unchanged: boolean;
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
 * The large-value batch of one CST day: every customer, direction and category at or above its
 * threshold becomes an item of the day's report. A re-run updates a draft with a new version
 * (or leaves it alone when nothing changed); an approved or submitted day needs a correction.
 */
export async function runLvtrBatch(
  db: Database,
  actor: Principal,
  platformId: string,
  date: string,
  options: LvtrOptions = LVTR_OPTIONS_DEFAULT,
): Promise<Result<LvtrRunResult>> {
  const day = epochDayOfIso(date);
  if (day > cstDayOfMs(Date.now()))
    return failure('validation_failed', `${date} has not begun in China Standard Time`);
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
  const transactions = items.reduce((sum, item) => sum + item.instructionIds.length, 0);
  if (transactions > REPORT_LIMITS.reportTransactionsMax)
    return failure('validation_failed', `${transactions} transactions exceed one report`);
  const content = lvtrContentOf(date, items, rates, read.accumulator.legCount, options);
  const calendar = await loadWorkingCalendar(db, day);
  const deadlineDate = isoOfEpochDay(reportDeadline(day, calendar));
  return db.transaction((tx) =>
    storeDay(tx, actor, platformId, { date, items, content, deadlineDate, read }),
  );
}

async function storeDay(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  run: {
    date: string;
    items: LvtrItem[];
    content: LvtrContent;
    deadlineDate: string;
    read: { postingsRead: number };
  },
): Promise<Result<LvtrRunResult>> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('custos.reports.lvtr:' || $1 || $2))`, [
    platformId,
    run.date,
  ]);
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM reports WHERE platform_id = $1 AND kind = 'lvtr' AND purpose = 'new'
       AND business_date = $2::date`,
    [platformId, run.date],
  );
  const result = (reportId: string | null, version: number | null, unchanged: boolean) =>
    success({
      reportId,
      version,
      businessDate: run.date,
      postingsRead: run.read.postingsRead,
      items: run.items.length,
      unchanged,
    });
  const existingId = rows[0]?.id;
  if (existingId === undefined) {
    if (run.items.length === 0) return result(null, null, true);
    const reportId = newId('rpt');
    await insertReport(tx, {
      id: reportId,
      platformId,
      kind: 'lvtr',
      purpose: 'new',
      originalReportId: null,
      businessDate: run.date,
      strDraftId: null,
      caseId: null,
      deadlineDate: run.deadlineDate,
      content: run.content,
      actor: actor.id,
    });
    return result(reportId, 1, false);
  }
  const report = await findReport(tx, platformId, existingId, true);
  if (report === null) return failure('not_found', `report ${existingId} not found`);
  if (report.status !== 'draft' || report.submitApprovalId !== null)
    return failure('invalid_state', `the report of ${run.date} is ${report.status}; correct it`);
  const current = await tx.query<{ same: boolean }>(
    `SELECT content->'items' = $2::jsonb AS same FROM report_versions
     WHERE report_id = $1 AND version = $3`,
    [report.id, JSON.stringify(run.content.items), report.currentVersion],
  );
  if (current[0]?.same === true) {
    await reportAudit(tx, actor.id, platformId, 'report.lvtr_rerun', report.id, { same: true });
    return result(report.id, report.currentVersion, true);
  }
  const version = await appendVersion(tx, report, run.content, actor.id, 'batch re-run');
  return result(report.id, version, false);
}
