import type { Statement } from './statement.js';
import type { ValidationIssue } from './validation-issue.js';

/**
 * Cross-checks inside a statement: the entry count the bank declared (camt TxsSummry) and, for
 * batch entries whose details all carry amounts in the entry currency, that they add up.
 */
export function validateEntries(statement: Statement, statementIndex: number): ValidationIssue[] {
  const where = { statementIndex, statementId: statement.statementId };
  const issues: ValidationIssue[] = [];
  const declared = statement.declaredEntryCount;
  if (declared !== undefined && declared !== statement.entries.length) {
    issues.push({
      code: 'entry_count_mismatch',
      severity: 'warning',
      message:
        `statement ${statement.statementId} declares ${declared} entries, holds ` +
        `${statement.entries.length}`,
      declaredCount: declared,
      actualCount: statement.entries.length,
      ...where,
    });
  }
  for (const entry of statement.entries) {
    if (entry.details.length < 2) continue;
    let detailsSum = 0n;
    let comparable = true;
    for (const detail of entry.details) {
      if (detail.amountMinor === undefined || detail.currency !== entry.currency)
        comparable = false;
      else detailsSum += detail.amountMinor;
    }
    if (!comparable || detailsSum === entry.amountMinor) continue;
    issues.push({
      code: 'batch_sum_mismatch',
      severity: 'warning',
      message:
        `statement ${statement.statementId} entry ${entry.index}: details sum to ` +
        `${detailsSum}, entry is ${entry.amountMinor}`,
      entryIndex: entry.index,
      entryAmountMinor: entry.amountMinor,
      detailsSumMinor: detailsSum,
      ...where,
    });
  }
  return issues;
}
