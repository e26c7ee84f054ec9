import type { Queryable } from '../../store/index.js';

export interface SafeguardingCheckRow {
  id: string;
  currency: string;
  asOf: string;
  status: string;
  severity: string;
  bankClosingMinor: bigint | null;
  bankClosingDate: string | null;
  customerLiabilitiesMinor: bigint;
  reserveMinor: bigint;
  requiredMinor: bigint;
  unmatchedBookMinor: bigint;
  unmatchedBankMinor: bigint;
  adjustedBankMinor: bigint | null;
  driftMinor: bigint | null;
  reserveRequiredMinor: bigint;
  reserveAdequate: boolean;
  breakdown: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
}

const optional = (value: unknown) => (value === null ? null : BigInt(String(value)));

/** Stored checks, newest first, optionally within [from, to] (as-of dates). */
export async function listSafeguardingChecks(
  db: Queryable,
  platformId: string,
  filter: { from?: string; to?: string; limit: number },
): Promise<SafeguardingCheckRow[]> {
  const rows = await db.query(
    `SELECT *, as_of::text AS as_of_day, bank_closing_date::text AS closing_day
     FROM safeguarding_checks
     WHERE platform_id = $1 AND ($2::date IS NULL OR as_of >= $2::date)
       AND ($3::date IS NULL OR as_of <= $3::date)
     ORDER BY as_of DESC, id DESC LIMIT $4`,
    [platformId, filter.from ?? null, filter.to ?? null, filter.limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    currency: String(row.currency),
    asOf: String(row.as_of_day),
    status: String(row.status),
    severity: String(row.severity),
    bankClosingMinor: optional(row.bank_closing_minor),
    bankClosingDate: row.closing_day === null ? null : String(row.closing_day),
    customerLiabilitiesMinor: BigInt(String(row.customer_liabilities_minor)),
    reserveMinor: BigInt(String(row.reserve_minor)),
    requiredMinor: BigInt(String(row.required_minor)),
    unmatchedBookMinor: BigInt(String(row.unmatched_book_minor)),
    unmatchedBankMinor: BigInt(String(row.unmatched_bank_minor)),
    adjustedBankMinor: optional(row.adjusted_bank_minor),
    driftMinor: optional(row.drift_minor),
    reserveRequiredMinor: BigInt(String(row.reserve_required_minor)),
    reserveAdequate: row.reserve_adequate === true,
    breakdown: row.breakdown as Record<string, unknown>,
    createdBy: String(row.created_by),
    createdAt: new Date(row.created_at as string).toISOString(),
  }));
}
