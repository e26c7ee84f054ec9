/** Bounds on everything the compliance module reads, keeps or returns. */
export const COMPLIANCE_LIMITS = {
  /** Control ids one `latestControlResults` call may ask about. */
  controlIdsPerLookupMax: 1_000,
  /** Ids kept as samples in a control run's evidence. */
  evidenceSampleIdsMax: 20,
  /** Rows a control test inspects in detail (signatures checked, fields examined). */
  detailedSampleRowsMax: 500,
  /** Days a control test looks back over (its query window). */
  controlWindowDays: 1,
  /** Runs returned by one history request. */
  historyRunsMax: 500,
  /** Days of pass-rate history a chart may ask for. */
  historyDaysMax: 366,
  /** Customers one retention run anonymizes (the rest wait for the next run). */
  retentionCustomersPerRunMax: 1_000,
  /** Customers one retention transaction anonymizes. */
  retentionCustomersPerTransactionMax: 100,
  /** Stored report files one retention run purges (the rest wait for the next run). */
  retentionReportFilesPerRunMax: 1_000,
  /**
   * Stored report files one retention transaction purges: a report's files are a few
   * megabytes of sealed text at most, so a batch's transaction stays short.
   */
  retentionReportFilesPerTransactionMax: 100,
  /**
   * Days before now an end of relationship may be dated: enough to record a month's late
   * paperwork, too few to bring a customer's retention (years) forward in any useful way.
   */
  relationshipEndBackdateDaysMax: 31,
  /** Business days the large-value control aggregates again looking for unfiled reports. */
  lvtrDaysReaggregatedMax: 40,
  /** Days of recomputed deadlines the filing control matches reports against (10 years). */
  lvtrDeadlineDaysMax: 3_700,
  /** Platforms a scheduled run covers. */
  platformsPerRunMax: 10_000,
} as const;
