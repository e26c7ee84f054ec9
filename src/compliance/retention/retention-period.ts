import { assert } from '../../assert.js';
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
 * When a closed customer's personal data may go: `years` after the later of the end of the
 * relationship and the customer's last transaction (both clocks of AML Law Art. 34 must run out).
 */
export function retentionDueAtMs(
  relationshipEndedAtMs: number,
  lastTransactionAtMs: number | null,
  years: number,
): number {
  const from = Math.max(relationshipEndedAtMs, lastTransactionAtMs ?? relationshipEndedAtMs);
  return addCalendarYears(from, years);
}
