import { loadWorkingCalendar } from '../../reports/calendar-store.js';
import { cstDayOfMs, epochDayOfIso, isoOfEpochDay, type EpochDay } from '../../reports/cst-day.js';
import { reportDeadline } from '../../reports/working-days.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';
import { sampleIds, type ControlTest, type ControlTestContext } from './control-test.js';
import { daysPastDeadline, findMissingLvtrDays } from './lvtr-missing-days.js';

/** Calendar days before the window that a report due within it can have as business date. */
const DEADLINE_REACH_DAYS = 31;

// Reports of one kind that could be due in the window (deadline at most a month before it)
// and every report still unsubmitted, judged against the deadline recomputed for their
// business date ($4/$5: business date → deadline; a date not listed keeps its stored one).
// A withdrawn report is never filed, so it is neither on time nor late.
// Counted in the database, so no report is left out however many there are; the sample is
// the oldest violations first. CST is UTC+8 all year.
const FILING_SQL = `
WITH d AS (SELECT * FROM unnest($4::date[], $5::date[]) AS d(business_date, deadline_date)),
r AS (
  SELECT r.id, coalesce(d.deadline_date, r.deadline_date) AS due,
    d.deadline_date IS NOT NULL AND d.deadline_date <> r.deadline_date AS mismatched,
    ((r.submitted_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS submitted_day
  FROM reports r LEFT JOIN d ON d.business_date = r.business_date
  WHERE r.platform_id = $1 AND r.kind = $2 AND r.purpose = 'new' AND r.status <> 'withdrawn'
    AND (coalesce(d.deadline_date, r.deadline_date) >= $3::date OR r.status <> 'submitted')),
s AS (
  SELECT r.*, CASE
    WHEN r.submitted_day IS NOT NULL AND r.submitted_day <= r.due THEN 'on_time'
    WHEN r.submitted_day IS NOT NULL THEN 'late'
    WHEN $6::date > r.due THEN 'overdue'
    ELSE 'pending' END AS status
  FROM r)
SELECT count(*) AS checked,
  count(*) FILTER (WHERE status = 'on_time') AS on_time,
  count(*) FILTER (WHERE status = 'late') AS late,
  count(*) FILTER (WHERE status = 'overdue') AS overdue,
  count(*) FILTER (WHERE status = 'pending') AS pending,
  count(*) FILTER (WHERE mismatched) AS mismatched,
  ARRAY(SELECT id FROM s WHERE status IN ('late', 'overdue') ORDER BY due, id
        LIMIT ${COMPLIANCE_LIMITS.evidenceSampleIdsMax}) AS bad_sample,
  ARRAY(SELECT id FROM s WHERE mismatched ORDER BY due, id
        LIMIT ${COMPLIANCE_LIMITS.evidenceSampleIdsMax}) AS mismatch_sample
FROM s`;

interface FilingCounts {
  checked: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  mismatched: number;
  badSample: string[];
  mismatchSample: string[];
}

async function countFilings(
  context: ControlTestContext,
  kind: 'lvtr' | 'str',
  deadlines: Map<EpochDay, EpochDay>,
): Promise<FilingCounts> {
  const fromDay = cstDayOfMs(context.windowStartMs) - DEADLINE_REACH_DAYS;
  const rows = await context.db.query<Record<string, string | string[] | null>>(FILING_SQL, [
    context.platformId,
    kind,
    isoOfEpochDay(fromDay),
    [...deadlines.keys()].map(isoOfEpochDay),
    [...deadlines.values()].map(isoOfEpochDay),
    isoOfEpochDay(cstDayOfMs(context.nowMs)),
  ]);
  const row = rows[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  const list = (key: string) => (Array.isArray(row[key]) ? (row[key] as string[]) : []);
  return {
    checked: n('checked'),
    onTime: n('on_time'),
    late: n('late'),
    overdue: n('overdue'),
    pending: n('pending'),
    mismatched: n('mismatched'),
    badSample: list('bad_sample'),
    mismatchSample: list('mismatch_sample'),
  };
}

function filingEvidence(counts: FilingCounts) {
  return {
    checked: counts.checked,
    onTime: counts.onTime,
    late: counts.late,
    overdue: counts.overdue,
    pending: counts.pending,
  };
}

/** The first business day of an LVTR the filing control must match a deadline to. */
async function earliestLvtrDay(context: ControlTestContext, todayDay: EpochDay): Promise<number> {
  const rows = await context.db.query<{ day: string | null }>(
    `SELECT to_char(min(business_date), 'YYYY-MM-DD') AS day FROM reports
     WHERE platform_id = $1 AND kind = 'lvtr' AND purpose = 'new' AND business_date IS NOT NULL
       AND (status <> 'submitted' OR deadline_date >= $2::date)`,
    [
      context.platformId,
      isoOfEpochDay(cstDayOfMs(context.windowStartMs) - 2 * DEADLINE_REACH_DAYS),
    ],
  );
  const earliest = rows[0]?.day ? epochDayOfIso(rows[0].day) : todayDay;
  return Math.max(Math.min(earliest, todayDay), todayDay - COMPLIANCE_LIMITS.lvtrDeadlineDaysMax);
}

/**
 * Every large-value report was submitted within 5 working days of its business date (PBOC
 * Order 3 Art. 5), and no business day whose deadline has passed lacks a report it needed.
 * Deadlines are recomputed from the working calendar, so a report whose stored deadline is
 * wrong is judged by the rule, and the mismatch is named in the evidence. A day with no
 * report is aggregated again like the daily batch: qualifying items without a report fail.
 */
export const lvtrFiledOnTime: ControlTest = {
  kind: 'lvtr_filed_on_time',
  async run(context) {
    const todayDay = cstDayOfMs(context.nowMs);
    const windowStartDay = cstDayOfMs(context.windowStartMs);
    const reachFromDay = Math.max(
      windowStartDay - DEADLINE_REACH_DAYS,
      todayDay - COMPLIANCE_LIMITS.lvtrDaysReaggregatedMax,
    );
    const firstDay = Math.min(await earliestLvtrDay(context, todayDay), reachFromDay);
    const calendar = await loadWorkingCalendar(context.db, firstDay);
    const deadlines = new Map<EpochDay, EpochDay>();
    for (let day = firstDay; day <= todayDay; day += 1)
      deadlines.set(day, reportDeadline(day, calendar));
    const counts = await countFilings(context, 'lvtr', deadlines);
    const unfiled = await findMissingLvtrDays(
      context.db,
      context.platformId,
      daysPastDeadline(reachFromDay, todayDay, calendar),
    );
    const violations =
      counts.late + counts.overdue + unfiled.missing.length + unfiled.undecided.length;
    return {
      outcome: violations === 0 ? 'pass' : 'fail',
      evidence: {
        ...filingEvidence(counts),
        violations,
        sampleIds: sampleIds([...unfiled.missing, ...unfiled.undecided, ...counts.badSample]),
        today: isoOfEpochDay(todayDay),
        storedDeadlineMismatches: counts.mismatched,
        mismatchSampleIds: counts.mismatchSample,
        daysReaggregated: unfiled.daysChecked,
        daysWithoutReport: unfiled.missing.length,
        daysUndecided: unfiled.undecided.length,
      },
    };
  },
};

/** Every suspicious transaction report was submitted by its (stored) deadline. */
export const strFiledOnTime: ControlTest = {
  kind: 'str_filed_on_time',
  async run(context) {
    const counts = await countFilings(context, 'str', new Map());
    const violations = counts.late + counts.overdue;
    return {
      outcome: violations === 0 ? 'pass' : 'fail',
      evidence: {
        ...filingEvidence(counts),
        violations,
        sampleIds: counts.badSample,
        today: isoOfEpochDay(cstDayOfMs(context.nowMs)),
      },
    };
  },
};
