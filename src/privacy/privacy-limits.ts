/** Every bound of the privacy request module in one place. */
export const PRIVACY_LIMITS = {
  /** PIPL asks for a prompt answer; Custos sets a deadline of this many calendar days. */
  responseDaysDefault: 15,
  responseDaysMax: 60,
  /** An export waits this long for its one download, then is erased. */
  exportTtlMs: 7 * 86_400_000,
  /** Rows of each kind a bundle carries at most (instructions are the long list). */
  exportRowsMax: 50_000,
  exportBytesMax: 8_000_000,
  /** Sealed pieces of an export: 8 MB in pieces of 1,000 code points. */
  exportChunksMax: 8_000,
  correctionChunksMax: 4,
  reasonLengthMax: 1_000,
  pageMax: 500,
  sweepBatchMax: 500,
  /** Open requests of one customer at a time; more is refused as a flood. */
  openPerCustomerMax: 10,
} as const;
