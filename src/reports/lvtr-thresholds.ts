/**
 * PBOC Order [2016] No. 3 Art. 5: a customer's single transaction or same-day total in one
 * direction at or above these amounts is reported. CNY amounts are fen, USD amounts cents.
 */
export const LVTR_CATEGORIES = [
  'cash',
  'entity_transfer',
  'person_domestic',
  'person_cross_border',
] as const;
export type LvtrCategory = (typeof LVTR_CATEGORIES)[number];

export interface LvtrThreshold {
  cnyMinor: bigint;
  usdMinor: bigint;
}

export const LVTR_THRESHOLDS: Readonly<Record<LvtrCategory, LvtrThreshold>> = {
  /** (1) Cash deposits, withdrawals, exchange, remittance: CNY 50,000 / USD 10,000. */
  cash: { cnyMinor: 5_000_000n, usdMinor: 1_000_000n },
  /** (2) Transfers of non-natural persons: CNY 2,000,000 / USD 200,000. */
  entity_transfer: { cnyMinor: 200_000_000n, usdMinor: 20_000_000n },
  /** (3) Domestic transfers of natural persons: CNY 500,000 / USD 100,000. */
  person_domestic: { cnyMinor: 50_000_000n, usdMinor: 10_000_000n },
  /** (4) Cross-border transfers of natural persons: CNY 200,000 / USD 10,000. */
  person_cross_border: { cnyMinor: 20_000_000n, usdMinor: 1_000_000n },
};

export type CustomerKind = 'person' | 'entity';

/** Which threshold a customer's movement is measured against. Cash comes first (Art. 5(1)). */
export function lvtrCategoryOf(
  kind: CustomerKind,
  channel: { cash?: boolean; crossBorder?: boolean } | null,
): LvtrCategory {
  if (channel?.cash === true) return 'cash';
  if (kind === 'entity') return 'entity_transfer';
  return channel?.crossBorder === true ? 'person_cross_border' : 'person_domestic';
}
