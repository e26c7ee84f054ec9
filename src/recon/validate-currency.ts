import { statementCurrencyExponent } from '../money/index.js';
import type { Statement } from './statement.js';
import type { CurrencyMismatchIssue, ValidationIssue } from './validation-issue.js';

/**
 * Every balance and entry should be in the account currency, and every currency must be in
 * the exponent table (statements built outside the parsers, e.g. from the database, may not
 * have passed the parser's exponent check).
 */
export function validateCurrencies(
  statement: Statement,
  statementIndex: number,
): ValidationIssue[] {
  const where = { statementIndex, statementId: statement.statementId };
  const expected = statement.account.currency;
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>([expected]);
  const mismatch = (
    subject: CurrencyMismatchIssue['subject'],
    actual: string,
    entryIndex?: number,
  ): void => {
    seen.add(actual);
    if (actual === expected) return;
    const target = entryIndex === undefined ? subject : `entry ${entryIndex}`;
    issues.push({
      code: 'currency_mismatch',
      severity: 'error',
      message:
        `statement ${statement.statementId}: ${target} is in ${actual}, ` +
        `account in ${expected}`,
      subject,
      ...(entryIndex === undefined ? {} : { entryIndex }),
      expectedCurrency: expected,
      actualCurrency: actual,
      ...where,
    });
  };
  if (statement.openingBalance) mismatch('opening_balance', statement.openingBalance.currency);
  if (statement.closingBalance) mismatch('closing_balance', statement.closingBalance.currency);
  for (const balance of statement.otherBalances) mismatch('other_balance', balance.currency);
  for (const entry of statement.entries) mismatch('entry', entry.currency, entry.index);
  for (const currency of seen) {
    if (statementCurrencyExponent(currency) !== undefined) continue;
    const message = `statement ${statement.statementId}: currency ${currency} is not ISO 4217`;
    issues.push({ code: 'unknown_currency', severity: 'error', message, currency, ...where });
  }
  return issues;
}
