import { formatAmount } from '../../money/index.js';
import type { StatementData } from './statement-data.js';
import { entryDescription, statementLabels, type StatementLanguage } from './statement-labels.js';
import { cstDate } from './statement-period.js';

/** RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function line(values: string[]): string {
  return values.map(cell).join(',') + '\r\n';
}

/**
 * The statement as CSV (UTF-8 with a byte order mark, so spreadsheet software reads Chinese
 * text): a header block with opening and closing balances, then one row per movement.
 * Amounts are decimal strings from integer minor units.
 */
export function statementCsv(statement: StatementData, language: StatementLanguage): string {
  const labels = statementLabels(language);
  const money = (minor: bigint) => formatAmount(minor, statement.currency);
  let text = '\uFEFF';
  text += line([labels.title, statement.platformName]);
  text += line([labels.account, statement.accountId]);
  if (statement.customerRef !== null) text += line([labels.customer, statement.customerRef]);
  text += line([labels.currency, statement.currency]);
  text += line([labels.period, `${statement.period.from} – ${statement.period.to}`]);
  text += line([labels.opening, money(statement.openingBalanceMinor)]);
  text += line([labels.credits, money(statement.creditsMinor)]);
  text += line([labels.debits, money(statement.debitsMinor)]);
  text += line([labels.closing, money(statement.closingBalanceMinor)]);
  text += '\r\n';
  text += line([
    labels.date,
    labels.time,
    labels.description,
    labels.reference,
    labels.amount,
    labels.balance,
  ]);
  for (const entry of statement.entries) {
    const atMs = Date.parse(entry.at);
    const time = new Date(atMs + 8 * 3_600_000).toISOString().slice(11, 19);
    text += line([
      cstDate(atMs),
      time,
      entryDescription(labels, entry.type, entry.purpose),
      entry.instructionId,
      money(entry.amountMinor),
      money(entry.balanceAfterMinor),
    ]);
  }
  return text;
}
