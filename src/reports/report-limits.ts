import { assert } from '../assert.js';

/** Every bound of the reports module, in one place. */
export const REPORT_LIMITS = {
  /** Working days a report may take: PBOC Order [2016] No. 3 (LVTR Art. 5; STR, as cited). */
  deadlineWorkingDays: 5,
  /** Calendar days scanned for the next working day before the calendar is called broken. */
  workingDayScanDaysMax: 60,
  /** Rows read per page by the daily batch. */
  batchPageRowsMax: 10_000,
  /** Postings one daily batch may read. */
  batchRowsMax: 5_000_000,
  /** Distinct transactions one report may list (goAML transaction elements). */
  reportTransactionsMax: 20_000,
  /** Reports (parts) one large-value day may be split into: 2,000,000 transactions a day. */
  lvtrPartsPerDayMax: 100,
  /** Subjects one suspicious transaction report may name. */
  strSubjectsMax: 50,
  /** goAML text fields hold at most 8,000 characters. */
  narrativeCharsMax: 8_000,
  /**
   * Missing CAMLMAC field names a submission request keeps when it could not render the CAMLMAC
   * file (migration 0022): enough to show what to complete, without copying a long list of
   * per-transaction gaps into the approval. The migration's CHECK holds the same bound.
   */
  camlmacMissingFieldsKeptMax: 200,
  /** Versions one report may have. */
  versionsMax: 500,
  /** The reason recorded with a withdrawal (as long as an approval's reason). */
  withdrawalReasonCharsMax: 500,
  /**
   * Transactions one withdrawal runs: another is needed only when a submission request was
   * made between reading the report and locking it.
   */
  withdrawalAttemptsMax: 3,
  /** Reports one list call returns. */
  listItemsMax: 500,
  /** Overdue reports one sweep raises alerts for (raiseAlerts takes batches). */
  overduePerSweepMax: 500,
  /** Calendar entries and rates loaded for one batch. */
  calendarDaysMax: 5_000,
  /** Platforms the nightly large-value run covers. */
  lvtrDailyPlatformsMax: 10_000,
  /** Ended days the nightly run looks back over for a day without its batch (yesterday first). */
  lvtrCatchUpDays: 7,
} as const;

assert(REPORT_LIMITS.batchPageRowsMax <= REPORT_LIMITS.batchRowsMax, 'page within batch');
assert(REPORT_LIMITS.deadlineWorkingDays < REPORT_LIMITS.workingDayScanDaysMax, 'scan covers it');
