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
  /** Platforms a scheduled run covers. */
  platformsPerRunMax: 10_000,
} as const;
