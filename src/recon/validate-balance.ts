import { assert } from '../assert.js';
import type { Statement } from './statement.js';
import type { ValidationIssue } from './validation-issue.js';

/** Formats whose statements must carry opening and closing balances. */
const BALANCED_FORMATS: ReadonlySet<string> = new Set(['camt.053', 'mt940']);

/** Sum of booked entries (pending and info entries do not move the booked balance). */
export function bookedSumMinor(statement: Statement): bigint {
  let sum = 0n;
  for (const entry of statement.entries) {
    if (entry.status === 'booked') sum += entry.amountMinor;
  }
  return sum;
}

/**
 * Opening + Σ booked entries must equal closing. Checked only when both balances and every
 * booked entry are in the account currency; mixed currencies are reported by the currency
 * check instead, since adding them would produce a meaningless difference.
 */
export function validateBalance(statement: Statement, statementIndex: number): ValidationIssue[] {
  const where = { statementIndex, statementId: statement.statementId };
  const { openingBalance: opening, closingBalance: closing } = statement;
  if (opening === null || closing === null) {
    if (!BALANCED_FORMATS.has(statement.format)) return [];
    const balance = opening === null ? 'opening' : 'closing';
    const message = `statement ${statement.statementId} has no ${balance} balance; not checked`;
    return [{ code: 'missing_balance', severity: 'warning', message, balance, ...where }];
  }
  const currency = statement.account.currency;
  if (opening.currency !== currency || closing.currency !== currency) return [];
  const foreign = statement.entries.some((e) => e.status === 'booked' && e.currency !== currency);
  if (foreign) return [];
  const bookedSum = bookedSumMinor(statement);
  const differenceMinor = closing.amountMinor - (opening.amountMinor + bookedSum);
  if (differenceMinor === 0n) return [];
  assert(opening.amountMinor + bookedSum + differenceMinor === closing.amountMinor, 'difference');
  return [
    {
      code: 'balance_mismatch',
      severity: 'error',
      message:
        `statement ${statement.statementId}: opening ${opening.amountMinor} + booked ` +
        `${bookedSum} ≠ closing ${closing.amountMinor} (difference ${differenceMinor} minor units)`,
      openingMinor: opening.amountMinor,
      bookedSumMinor: bookedSum,
      closingMinor: closing.amountMinor,
      differenceMinor,
      ...where,
    },
  ];
}
