import { assert } from '../assert.js';

/** Bounds of the customer risk module: every list and batch it handles has one. */
export const RISK_LIMITS = {
  /** Customers rated per transaction in a batch re-rate. */
  rateBatchSize: 200,
  /** Customers a batch re-rate of one platform goes through at most. */
  customersPerPlatformMax: 2_000_000,
  /** Customers re-rated per run of the input-change job. */
  changedPerSweepMax: 500,
  /** Overdue-review alerts raised per sweep. */
  reviewAlertsPerSweepMax: 500,
  /** Rows of a list page. */
  listPageMax: 500,
  /** History rows returned with a customer's rating. */
  historyMax: 100,
  /** Beneficial owners recorded per entity customer. */
  beneficialOwnersMax: 50,
  /** Entries of every code list in a model (occupations, industries, products, countries). */
  modelListEntriesMax: 300,
  /** Points a single factor may carry in a model. */
  factorPointsMax: 1_000,
  /** Products recorded per customer. */
  productsPerCustomerMax: 20,
  /** Items of an enhanced due diligence checklist. */
  eddItemsMax: 20,
  /** Written reasons and notes. */
  noteCharsMax: 500,
} as const;

assert(RISK_LIMITS.rateBatchSize <= RISK_LIMITS.changedPerSweepMax, 'a sweep holds a batch');
assert(RISK_LIMITS.historyMax <= RISK_LIMITS.listPageMax, 'history fits a page');
