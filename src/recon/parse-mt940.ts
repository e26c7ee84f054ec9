import { assert } from '../assert.js';
import { buildStatement } from './build-statement.js';
import {
  ENTRIES_PER_FILE_MAX,
  ENTRIES_PER_STATEMENT_MAX,
  STATEMENTS_PER_FILE_MAX,
} from './limits.js';
import { mt940ReadAccount } from './mt940-account.js';
import { mt940ReadBalance } from './mt940-balance.js';
import { tokenizeMt940, type Mt940Field } from './mt940-fields.js';
import { mt940ReadInformation, type Mt940Information } from './mt940-information.js';
import { mt940ReadStatementLine, type Mt940StatementLine } from './mt940-statement-line.js';
import {
  catchParseFailure,
  failParse,
  type ParseFormatResult,
  type ParseWarning,
} from './parse-result.js';
import type {
  Statement,
  StatementBalance,
  StatementDraft,
  StatementEntryDraft,
} from './statement.js';

/** Parses one or more MT940 statements (with or without SWIFT envelope) from decoded text. */
export function parseMt940(text: string): ParseFormatResult {
  const warnings: ParseWarning[] = [];
  const outcome = catchParseFailure(() => parseMt940OrFail(text, warnings));
  if (!outcome.ok) return { ok: false, error: outcome.error };
  return { ok: true, statements: outcome.value, warnings };
}

interface Mt940Booking {
  readonly line: number;
  readonly statementLine: Mt940StatementLine;
  information?: Mt940Information;
}

interface Mt940State {
  readonly messageId: string;
  readonly line: number;
  relatedReference?: string;
  account?: { text: string; line: number };
  statementNumber?: string;
  opening?: StatementBalance;
  closing?: StatementBalance;
  readonly others: StatementBalance[];
  readonly bookings: Mt940Booking[];
  readonly information: string[];
  lastTag: string;
}

function parseMt940OrFail(text: string, warnings: ParseWarning[]): Statement[] {
  const fields = tokenizeMt940(text, warnings);
  if (fields.length === 0) failParse('malformed_mt940', 'no MT940 fields found');
  const states: Mt940State[] = [];
  let current: Mt940State | undefined;
  let entryCount = 0;
  for (const field of fields) {
    if (field.tag === '20') {
      if (states.length >= STATEMENTS_PER_FILE_MAX) {
        failParse('too_many_statements', `more than ${STATEMENTS_PER_FILE_MAX} statements`);
      }
      current = mt940NewState(field);
      states.push(current);
      continue;
    }
    if (current === undefined) {
      failParse(
        'malformed_mt940',
        `field :${field.tag}: on line ${field.line} comes before the :20: that starts a statement`,
        { line: field.line },
      );
    }
    mt940ApplyField(current, field, warnings);
    if (field.tag === '61') entryCount += 1;
    if (entryCount > ENTRIES_PER_FILE_MAX) {
      failParse('too_many_entries', `more than ${ENTRIES_PER_FILE_MAX} entries in the file`);
    }
  }
  return states.map((state) => buildStatement(mt940FinishStatement(state, warnings)));
}

function mt940NewState(field: Mt940Field): Mt940State {
  const messageId = field.lines.join(' ').trim();
  if (messageId === '') failParse('malformed_mt940', `:20: on line ${field.line} is empty`, field);
  return { messageId, line: field.line, others: [], bookings: [], information: [], lastTag: '20' };
}

function mt940ApplyField(state: Mt940State, field: Mt940Field, warnings: ParseWarning[]): void {
  const value = field.lines[0] ?? '';
  const at = { line: field.line, warnings };
  const tag = field.tag;
  if (tag === '21') state.relatedReference = value.trim();
  else if (tag === '25') state.account = { text: value, line: field.line };
  else if (tag === '28' || tag === '28C') state.statementNumber = value.trim();
  else if (tag === '60F' || tag === '60M') {
    if (state.opening !== undefined) mt940Duplicate(tag, field.line);
    state.opening = mt940ReadBalance(tag, value, at);
  } else if (tag === '62F' || tag === '62M') {
    if (state.closing !== undefined) mt940Duplicate(tag, field.line);
    state.closing = mt940ReadBalance(tag, value, at);
  } else if (tag === '64' || tag === '65') state.others.push(mt940ReadBalance(tag, value, at));
  else if (tag === '61') mt940AddBooking(state, field, warnings);
  else if (tag === '86') mt940AddInformation(state, field);
  else {
    warnings.push({
      code: 'ignored_field',
      message: `field :${tag}: on line ${field.line} is not used by statement reconciliation`,
      line: field.line,
    });
  }
  state.lastTag = tag;
}

function mt940Duplicate(tag: string, line: number): never {
  return failParse('malformed_mt940', `second :${tag}: in one statement on line ${line}`, { line });
}

function mt940AddBooking(state: Mt940State, field: Mt940Field, warnings: ParseWarning[]): void {
  // The currency of every :61: is the statement currency, which :60a: states first.
  const currency = state.opening?.currency;
  if (currency === undefined) {
    failParse('malformed_mt940', `:61: on line ${field.line} comes before :60F:/:60M:`, field);
  }
  if (state.bookings.length >= ENTRIES_PER_STATEMENT_MAX) {
    failParse('too_many_entries', `statement has more than ${ENTRIES_PER_STATEMENT_MAX} entries`);
  }
  const statementLine = mt940ReadStatementLine(field.lines, currency, {
    line: field.line,
    warnings,
  });
  state.bookings.push({ line: field.line, statementLine });
}

/** :86: right after :61: belongs to that entry; anywhere else it describes the statement. */
function mt940AddInformation(state: Mt940State, field: Mt940Field): void {
  const last = state.bookings[state.bookings.length - 1];
  if (state.lastTag === '61' && last !== undefined && last.information === undefined) {
    last.information = mt940ReadInformation(field.lines);
    return;
  }
  state.information.push(field.lines.join('\n'));
}

function mt940FinishStatement(state: Mt940State, warnings: ParseWarning[]): StatementDraft {
  if (state.account === undefined) {
    failParse('missing_element', `statement :20:${state.messageId} has no :25: account`, state);
  }
  const account = mt940ReadAccount(state.account.text);
  const currency = state.opening?.currency ?? state.closing?.currency;
  if (currency === undefined) {
    failParse('missing_element', `statement :20:${state.messageId} has no :60a:/:62a:`, state);
  }
  if (account.currencySuffix !== undefined && account.currencySuffix !== currency) {
    warnings.push({
      code: 'account_currency_differs',
      message: `:25: names ${account.currencySuffix} but balances are in ${currency}`,
      line: state.account.line,
    });
  }
  const sequence = mt940ReadStatementNumber(state, warnings);
  const information = state.information.join('\n');
  return {
    format: 'mt940',
    version: null,
    messageId: state.messageId,
    statementId: state.statementNumber ?? state.messageId,
    ...(state.relatedReference ? { relatedReference: state.relatedReference } : {}),
    ...sequence,
    account: {
      ...(account.iban === undefined ? {} : { iban: account.iban }),
      ...(account.otherId === undefined ? {} : { otherId: account.otherId }),
      currency,
    },
    openingBalance: state.opening ?? null,
    closingBalance: state.closing ?? null,
    otherBalances: state.others,
    ...(information === '' ? {} : { information }),
    entries: state.bookings.map((booking) => mt940Entry(booking, currency)),
  };
}

/** :28C: `statement[/sequence]`: statement number → legalSequence, sequence → pageNumber. */
function mt940ReadStatementNumber(
  state: Mt940State,
  warnings: ParseWarning[],
): { legalSequence?: bigint; pageNumber?: number } {
  if (state.statementNumber === undefined) return {};
  const match = /^(\d{1,18})(?:\/(\d{1,9}))?$/.exec(state.statementNumber);
  if (match === null) {
    warnings.push({
      code: 'unreadable_statement_number',
      message: `:28C: '${state.statementNumber}' is not number[/sequence]`,
      line: state.line,
    });
    return {};
  }
  const legalSequence = BigInt(match[1] ?? '0');
  return match[2] === undefined
    ? { legalSequence }
    : { legalSequence, pageNumber: Number(match[2]) };
}

function mt940Entry(booking: Mt940Booking, currency: string): StatementEntryDraft {
  const line = booking.statementLine;
  const info = booking.information;
  const entry: StatementEntryDraft = {
    lineNumber: booking.line,
    amountMinor: line.amountMinor,
    currency,
    // Without an entry date the booking is on the value date (the entry date is optional
    // precisely because it usually equals the value date).
    bookingDate: line.entryDate ?? line.valueDate,
    valueDate: line.valueDate,
    status: line.status,
    reversal: line.reversal,
    bankTransactionCode: {
      swiftType: line.swiftType,
      ...(info?.transactionCode === undefined ? {} : { proprietary: info.transactionCode }),
    },
    references: {
      ...(line.customerReference === undefined
        ? {}
        : { customerReference: line.customerReference }),
      ...(line.bankReference === undefined ? {} : { bankReference: line.bankReference }),
    },
    ...(info?.remittanceText === undefined ? {} : { remittanceText: info.remittanceText }),
    counterparty: info?.counterparty ?? {},
    details: [],
    ...(info === undefined ? {} : { information: info.text }),
    ...(line.supplementaryDetails === undefined
      ? {}
      : { supplementaryDetails: line.supplementaryDetails }),
  };
  assert(entry.currency === currency, 'MT940 entries use the statement currency');
  return entry;
}
