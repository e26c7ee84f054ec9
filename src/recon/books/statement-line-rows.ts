import { assert } from '../../assert.js';
import { referencesInText } from '../matching/index.js';
import type { Statement, StatementEntry } from '../statement.js';

/** A bank line as stored in statement_lines (before the database gives it an id). */
export interface StatementLineRow {
  readonly entryIndex: number;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly bookingDate: string;
  readonly valueDate: string | null;
  readonly status: string;
  readonly reversal: boolean;
  readonly bankReference: string | null;
  readonly referencesJson: string;
  readonly matchReferences: readonly string[];
  readonly counterpartyName: string | null;
  readonly remittanceText: string | null;
  readonly fingerprint: string;
}

const MATCH_REFERENCES_MAX = 64;

/** The date a line counts on: booking date, else value date, else the statement's own date. */
export function lineDate(statement: Statement, entry: StatementEntry): string | undefined {
  const candidates = [
    entry.bookingDate,
    entry.valueDate,
    statement.closingBalance?.date,
    statement.toDate,
    statement.createdAt,
  ];
  for (const candidate of candidates) {
    if (candidate !== null && candidate !== undefined && candidate.length >= 10) {
      return candidate.slice(0, 10);
    }
  }
  return undefined;
}

/**
 * References a line may quote an instruction id in: the end-to-end id first (the convention),
 * then the other payer-chosen references of the entry and of every batch detail, then ids
 * found in the remittance text. Bank-side references (AcctSvcrRef, NtryRef) are left out.
 */
export function matchReferences(entry: StatementEntry): string[] {
  const found = new Set<string>();
  const add = (value: string | undefined) => {
    if (value !== undefined && value !== '' && found.size < MATCH_REFERENCES_MAX) found.add(value);
  };
  const sources = [entry.references, ...entry.details.map((detail) => detail.references)];
  for (const references of sources) {
    add(references.endToEndId);
    add(references.instructionId);
    add(references.customerReference);
    add(references.paymentInformationId);
    add(references.transactionId);
    add(references.creditorReference);
  }
  const texts = [
    entry.remittanceText,
    entry.information,
    ...entry.details.map((d) => d.remittanceText),
  ];
  for (const text of texts) for (const id of referencesInText(text)) add(id);
  return [...found];
}

export function statementLineRow(statement: Statement, entry: StatementEntry): StatementLineRow {
  const date = lineDate(statement, entry);
  assert(date !== undefined, 'the caller refused lines without any date');
  const bankReference =
    entry.references.accountServicerReference ?? entry.references.bankReference ?? null;
  return {
    entryIndex: entry.index,
    amountMinor: entry.amountMinor,
    currency: entry.currency,
    bookingDate: date,
    valueDate: entry.valueDate?.slice(0, 10) ?? null,
    status: entry.status,
    reversal: entry.reversal,
    bankReference,
    referencesJson: JSON.stringify(entry.references),
    matchReferences: matchReferences(entry),
    counterpartyName: entry.counterparty.name ?? null,
    remittanceText: entry.remittanceText ?? null,
    fingerprint: entry.fingerprint,
  };
}
