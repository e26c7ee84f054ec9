/** Every bound of the complaints module in one place. */
export const COMPLAINT_LIMITS = {
  subjectLengthMax: 200,
  descriptionLengthMax: 8_000,
  outcomeLengthMax: 4_000,
  reasonLengthMax: 1_000,
  /** Sealed pieces of one text (see sealed-text.ts): 8,000 code points need 8. */
  textChunksMax: 16,
  instructionIdsMax: 20,
  /** Complaints one customer may lodge in `customerWindowMs`; more is a flood, refused. */
  perCustomerMax: 5,
  customerWindowMs: 24 * 3_600_000,
  /** Complaints one platform may lodge in `platformWindowMs`. */
  perPlatformMax: 1_000,
  platformWindowMs: 3_600_000,
  attachmentsMax: 5,
  /** Decoded bytes of one attachment: its base64 must fit the HTTP body limit (256 KiB). */
  attachmentBytesMax: 180_000,
  /** A sealed attachment: base64 of 180,000 bytes in pieces of 1,000 code points. */
  attachmentChunksMax: 241,
  pageMax: 500,
  eventsPerReadMax: 1_000,
  sweepBatchMax: 500,
  /** Rows a statistics read considers: at most this many complaints, newest first. */
  statisticsRowsMax: 200_000,
  statisticsMonthsMax: 36,
} as const;
