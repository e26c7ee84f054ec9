import { assert } from '../assert.js';
import type { Statement } from './statement.js';
import type { ValidationIssue } from './validation-issue.js';

interface Numbered {
  readonly statementIndex: number;
  readonly statement: Statement;
  readonly sequence: bigint;
  readonly page: number | undefined;
}

/** Account identity used to group statements: IBAN or other id, plus currency. */
export function statementAccountKey(statement: Statement): string {
  const id = statement.account.iban ?? statement.account.otherId ?? '';
  return `${id}|${statement.account.currency}`;
}

/**
 * Continuity of statement numbers per account: a jump means a statement was never imported, a
 * repeat means the same statement arrived twice. The legal sequence (MT940 :28C:, camt
 * LglSeqNb) is used, else the electronic one. Pages are checked between pages present; a
 * missing first or last page cannot be told apart from a file that is still to come.
 */
export function validateSequence(statements: readonly Statement[]): ValidationIssue[] {
  const groups = new Map<string, Numbered[]>();
  for (const [statementIndex, statement] of statements.entries()) {
    const sequence = statement.legalSequence ?? statement.electronicSequence;
    if (sequence === undefined) continue;
    const key = statementAccountKey(statement);
    const group = groups.get(key) ?? [];
    group.push({ statementIndex, statement, sequence, page: statement.pageNumber });
    groups.set(key, group);
  }
  const issues: ValidationIssue[] = [];
  for (const [accountKey, group] of groups) {
    group.sort(compareNumbered);
    for (let index = 1; index < group.length; index++) {
      const previous = group[index - 1];
      const next = group[index];
      assert(previous !== undefined && next !== undefined, 'neighbours exist');
      const issue = compareNeighbours(accountKey, previous, next);
      if (issue !== undefined) issues.push(issue);
    }
  }
  return issues;
}

function compareNumbered(left: Numbered, right: Numbered): number {
  if (left.sequence !== right.sequence) return left.sequence < right.sequence ? -1 : 1;
  return (left.page ?? 0) - (right.page ?? 0) || left.statementIndex - right.statementIndex;
}

function compareNeighbours(
  accountKey: string,
  previous: Numbered,
  next: Numbered,
): ValidationIssue | undefined {
  const where = { statementIndex: next.statementIndex, statementId: next.statement.statementId };
  if (previous.sequence === next.sequence && previous.page === next.page) {
    return {
      code: 'sequence_duplicate',
      severity: 'error',
      message:
        `account ${accountKey}: statement ${next.sequence}` +
        `${next.page === undefined ? '' : ` page ${next.page}`} appears twice`,
      accountKey,
      sequence: next.sequence,
      ...(next.page === undefined ? {} : { pageNumber: next.page }),
      statementIndexes: [previous.statementIndex, next.statementIndex],
      ...where,
    };
  }
  if (previous.sequence === next.sequence) {
    const previousPage = previous.page ?? 0;
    const nextPage = next.page ?? 0;
    if (nextPage - previousPage <= 1) return undefined;
    const message =
      `account ${accountKey}: statement ${next.sequence} jumps from page ` +
      `${previousPage} to ${nextPage}`;
    return {
      code: 'page_gap',
      severity: 'warning',
      message,
      accountKey,
      sequence: next.sequence,
      previousPage,
      nextPage,
      ...where,
    };
  }
  const missingCount = next.sequence - previous.sequence - 1n;
  if (missingCount === 0n) return undefined;
  return {
    code: 'sequence_gap',
    severity: 'warning',
    message:
      `account ${accountKey}: ${missingCount} statement(s) missing between ` +
      `${previous.sequence} and ${next.sequence}`,
    accountKey,
    previousSequence: previous.sequence,
    nextSequence: next.sequence,
    missingCount,
    ...where,
  };
}
