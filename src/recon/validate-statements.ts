import type { Statement } from './statement.js';
import { validateBalance } from './validate-balance.js';
import { validateCurrencies } from './validate-currency.js';
import { validateEntries } from './validate-entries.js';
import { validateSequence } from './validate-sequence.js';
import type { ValidationIssue } from './validation-issue.js';

/** Checks that need one statement: balances, currencies, declared counts, batch sums. */
export function validateStatement(statement: Statement, statementIndex = 0): ValidationIssue[] {
  return [
    ...validateCurrencies(statement, statementIndex),
    ...validateBalance(statement, statementIndex),
    ...validateEntries(statement, statementIndex),
  ];
}

/**
 * All checks over a list of statements (one file, or every statement of an account loaded
 * from the database): each statement on its own, then sequence continuity per account.
 * An empty array means nothing was found.
 */
export function validateStatements(statements: readonly Statement[]): ValidationIssue[] {
  // concat rather than push(...spread): a statement can yield more issues than a call takes.
  let issues: ValidationIssue[] = [];
  for (const [index, statement] of statements.entries()) {
    issues = issues.concat(validateStatement(statement, index));
  }
  return issues.concat(validateSequence(statements));
}
