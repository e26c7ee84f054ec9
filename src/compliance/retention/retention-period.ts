import { assert } from '../../assert.js';
import { CST_OFFSET_MS, cstDayBoundsMs, epochDayOfIso } from '../../reports/cst-day.js';
import type { Jurisdiction } from '../register/register-data.js';

/**
 * Minimum years records are kept after the business relationship (customer identification
 * data) or the transaction (transaction records) ends, per jurisdiction:
 * CN Anti-Money Laundering Law 2024 Art. 34 — ten years; US 31 CFR 1010.430 — five years;
 * EU AMLR (EU) 2024/1624 Art. 77 — five years; UK Money Laundering Regulations 2017 reg. 40 —
 * five years. PIPL Art. 19 keeps personal data no longer than needed unless a law requires
 * longer, so the longest period that applies is both the floor and the point of anonymization.
 */
export const STATUTORY_RETENTION_YEARS: Readonly<Record<Jurisdiction, number>> = {
  CN: 10,
  US: 5,
  EU: 5,
  UK: 5,
};

export const RETENTION_YEARS_MAX = 100;

/** The period a platform keeps records: the longest statutory period, or a longer override. */
export function effectiveRetentionYears(
  jurisdictions: readonly Jurisdiction[],
  overrideYears: number | null,
): number {
  assert(jurisdictions.length > 0, 'at least one jurisdiction applies');
  const statutory = statutoryMinimumYears(jurisdictions);
  return Math.max(statutory, overrideYears ?? 0);
}

export function statutoryMinimumYears(jurisdictions: readonly Jurisdiction[]): number {
  return Math.max(...jurisdictions.map((j) => STATUTORY_RETENTION_YEARS[j]));
}

/** `atMs` plus whole calendar years (UTC); 29 February moves on to 1 March, never earlier. */
export function addCalendarYears(atMs: number, years: number): number {
  assert(Number.isInteger(years) && years >= 0 && years <= RETENTION_YEARS_MAX, 'years in range');
  const at = new Date(atMs);
  return Date.UTC(
    at.getUTCFullYear() + years,
    at.getUTCMonth(),
    at.getUTCDate(),
    at.getUTCHours(),
    at.getUTCMinutes(),
    at.getUTCSeconds(),
    at.getUTCMilliseconds(),
  );
}

/**
 * When a closed customer's personal data may go: `years` calendar years of China Standard Time
 * (the home jurisdiction's calendar, as for report files) after the later of the end of the
 * relationship and the customer's last transaction (both clocks of AML Law Art. 34 must run out).
 */
export function retentionDueAtMs(
  relationshipEndedAtMs: number,
  lastTransactionAtMs: number | null,
  years: number,
): number {
  const from = Math.max(relationshipEndedAtMs, lastTransactionAtMs ?? relationshipEndedAtMs);
  return addCstCalendarYears(from, years);
}

/** What decides when a report's stored files may be purged. */
export interface ReportRetentionFacts {
  kind: 'lvtr' | 'str';
  status: 'draft' | 'approved' | 'submitted' | 'withdrawn';
  /** A large-value report's CST business day, `YYYY-MM-DD`; null for a suspicious one. */
  businessDate: string | null;
  submittedAtMs: number | null;
  withdrawnAtMs: number | null;
}

/**
 * When the retention clock of a report's stored files starts, or null while it has not
 * (AML Law 2024 Art. 34: transaction information is kept at least ten years after the
 * transaction ends). A large-value report is the transaction information of its business day:
 * its clock starts when that CST day ends, after every transaction it lists. A suspicious
 * transaction report starts its clock at its filing (`submitted_at`): it lists transactions
 * that ended before it was filed, so the filing is never earlier than any of them; one
 * withdrawn unfiled starts it at the withdrawal. An approved report not yet filed, and an STR
 * still a draft, have not started it: their files are kept.
 */
export function reportRetainedFromMs(report: ReportRetentionFacts): number | null {
  if (report.status === 'approved') return null;
  if (report.kind === 'lvtr') {
    assert(report.businessDate !== null, 'a large-value report has its business day');
    return cstDayBoundsMs(epochDayOfIso(report.businessDate)).endMs;
  }
  if (report.status === 'submitted') {
    assert(report.submittedAtMs !== null, 'a submitted report has its filing time');
    return report.submittedAtMs;
  }
  if (report.status === 'withdrawn') {
    assert(report.withdrawnAtMs !== null, 'a withdrawn report has its withdrawal time');
    return report.withdrawnAtMs;
  }
  return null;
}

/**
 * `atMs` plus whole calendar years of China Standard Time, where a report's business days and
 * filings are counted: the end of business day 28 February 2026 (00:00 CST, 1 March) plus ten
 * years is 00:00 CST, 1 March 2036, not the 29 February that the UTC calendar would give.
 */
export function addCstCalendarYears(atMs: number, years: number): number {
  return addCalendarYears(atMs + CST_OFFSET_MS, years) - CST_OFFSET_MS;
}

/**
 * When a report's stored files may be purged: `years` calendar years of China Standard Time
 * after its clock started (29 February moves on to 1 March, as for customers), or null while
 * the clock has not.
 */
export function reportFileDueAtMs(report: ReportRetentionFacts, years: number): number | null {
  const from = reportRetainedFromMs(report);
  return from === null ? null : addCstCalendarYears(from, years);
}
