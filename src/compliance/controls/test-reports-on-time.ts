import { loadWorkingCalendar } from '../../reports/calendar-store.js';
import { cstDayOfMs, epochDayOfIso, isoOfEpochDay } from '../../reports/cst-day.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';
import { sampleIds, type ControlTest, type ControlTestContext } from './control-test.js';
import { filingStatus, lvtrFilingStatus, type FilingStatus } from './filing-timeliness.js';

/** Calendar days before the window that a report due within it can have as business date. */
const DEADLINE_REACH_DAYS = 31;

interface ReportRow extends Record<string, unknown> {
  id: string;
  business_date: string | null;
  deadline_date: string;
  submitted_at: Date | null;
}

/**
 * Reports of one kind that could be due in the window (business date or creation at most a
 * month before it) and every report still unsubmitted, newest first, bounded.
 */
async function loadReports(
  context: ControlTestContext,
  kind: 'lvtr' | 'str',
): Promise<ReportRow[]> {
  const fromDay = cstDayOfMs(context.windowStartMs) - DEADLINE_REACH_DAYS;
  return context.db.query<ReportRow>(
    `SELECT id, to_char(business_date, 'YYYY-MM-DD') AS business_date,
       to_char(deadline_date, 'YYYY-MM-DD') AS deadline_date, submitted_at
     FROM reports
     WHERE platform_id = $1 AND kind = $2 AND purpose = 'new'
       AND (deadline_date >= $3::date OR status <> 'submitted')
     ORDER BY deadline_date DESC, id LIMIT ${COMPLIANCE_LIMITS.detailedSampleRowsMax}`,
    [context.platformId, kind, isoOfEpochDay(fromDay)],
  );
}

function tally(statuses: { id: string; status: FilingStatus }[], extra: Record<string, unknown>) {
  const bad = statuses.filter((s) => s.status === 'late' || s.status === 'overdue');
  const count = (status: FilingStatus) => statuses.filter((s) => s.status === status).length;
  return {
    outcome: bad.length === 0 ? ('pass' as const) : ('fail' as const),
    evidence: {
      checked: statuses.length,
      violations: bad.length,
      sampleIds: sampleIds(bad.map((b) => b.id)),
      onTime: count('on_time'),
      late: count('late'),
      overdue: count('overdue'),
      pending: count('pending'),
      ...extra,
    },
  };
}

const submittedDayOf = (row: ReportRow) =>
  row.submitted_at === null ? null : cstDayOfMs(new Date(row.submitted_at).getTime());

/**
 * Every large-value report was submitted within 5 working days of its business date (PBOC
 * Order 3 Art. 5). The deadline is recomputed from the working calendar, so a report whose
 * stored deadline is wrong is judged by the rule, and the mismatch is named in the evidence.
 */
export const lvtrFiledOnTime: ControlTest = {
  kind: 'lvtr_filed_on_time',
  async run(context) {
    const rows = await loadReports(context, 'lvtr');
    const todayDay = cstDayOfMs(context.nowMs);
    const earliest = Math.min(
      todayDay,
      ...rows.map((r) => epochDayOfIso(r.business_date ?? r.deadline_date)),
    );
    const calendar = await loadWorkingCalendar(context.db, earliest);
    const mismatched: string[] = [];
    const statuses = rows.map((row) => {
      const businessDay = epochDayOfIso(row.business_date ?? row.deadline_date);
      const { deadlineDay, status } = lvtrFilingStatus(
        businessDay,
        submittedDayOf(row),
        todayDay,
        calendar,
      );
      if (isoOfEpochDay(deadlineDay) !== row.deadline_date) mismatched.push(row.id);
      return { id: row.id, status };
    });
    return tally(statuses, {
      today: isoOfEpochDay(todayDay),
      storedDeadlineMismatches: mismatched.length,
      mismatchSampleIds: sampleIds(mismatched),
    });
  },
};

/** Every suspicious transaction report was submitted by its deadline. */
export const strFiledOnTime: ControlTest = {
  kind: 'str_filed_on_time',
  async run(context) {
    const rows = await loadReports(context, 'str');
    const todayDay = cstDayOfMs(context.nowMs);
    const statuses = rows.map((row) => ({
      id: row.id,
      status: filingStatus(epochDayOfIso(row.deadline_date), submittedDayOf(row), todayDay),
    }));
    return tally(statuses, { today: isoOfEpochDay(todayDay) });
  },
};
