/**
 * The normalized bank statement every format parses into. Amounts are signed bigint minor
 * units (credit +, debit −) in the currency's ISO 4217 exponent; no float ever holds one.
 * Dates are `YYYY-MM-DD` strings. See STATEMENT_FORMAT.md for the field-by-field mapping.
 */

export type StatementFormat = 'camt.053' | 'camt.052' | 'camt.054' | 'mt940' | 'csv';

export type EntryStatus = 'booked' | 'pending' | 'info';

export interface StatementAccount {
  readonly iban?: string;
  /** Non-IBAN account identifier (camt Othr/Id, MT940 :25: such as `BLZ/account`). */
  readonly otherId?: string;
  /** ISO 4217 code of the account; every balance and entry should use it. */
  readonly currency: string;
}

export interface StatementBalance {
  /** camt balance code (OPBD, CLBD, OPAV, ...) or MT940 tag (60F, 60M, 62F, 62M, 64, 65). */
  readonly type: string;
  /** Signed: a credit balance is positive, a debit (overdrawn) balance negative. */
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly date: string;
}

export interface BankTransactionCode {
  readonly domain?: string;
  readonly family?: string;
  readonly subFamily?: string;
  readonly proprietary?: string;
  readonly proprietaryIssuer?: string;
  /** MT940 :61: transaction type, for example `NTRF` or `NMSC`. */
  readonly swiftType?: string;
}

export interface EntryReferences {
  readonly endToEndId?: string;
  readonly accountServicerReference?: string;
  readonly uetr?: string;
  readonly instructionId?: string;
  readonly paymentInformationId?: string;
  readonly transactionId?: string;
  readonly messageId?: string;
  readonly mandateId?: string;
  /** Structured creditor reference (camt Strd/CdtrRefInf/Ref, for example an RF reference). */
  readonly creditorReference?: string;
  /** camt NtryRef. */
  readonly entryReference?: string;
  /** MT940 :61: reference for the account owner (`NONREF` is dropped). */
  readonly customerReference?: string;
  /** MT940 :61: reference after `//`, the bank's own reference for the booking. */
  readonly bankReference?: string;
}

export interface Party {
  readonly name?: string;
  /** IBAN or other account identifier. */
  readonly account?: string;
  readonly bic?: string;
}

/** One underlying transaction of an entry (camt TxDtls). A batch entry has several. */
export interface EntryDetail {
  /** Signed like the entry; absent when the bank did not repeat the amount per transaction. */
  readonly amountMinor?: bigint;
  readonly currency?: string;
  readonly references: EntryReferences;
  readonly bankTransactionCode?: BankTransactionCode;
  readonly debtor?: Party;
  readonly creditor?: Party;
  readonly remittanceText?: string;
}

export interface StatementEntry {
  /** 0-based position of the entry in its statement. */
  readonly index: number;
  /** 1-based source line where the entry starts (MT940 :61:, CSV row); absent for XML. */
  readonly lineNumber?: number;
  /** Signed effect on the account: credit +, debit −. */
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly bookingDate: string | null;
  readonly valueDate: string | null;
  readonly status: EntryStatus;
  /** The bank marked this entry as the reversal of an earlier one. */
  readonly reversal: boolean;
  readonly bankTransactionCode: BankTransactionCode;
  readonly references: EntryReferences;
  readonly remittanceText?: string;
  /** The other side of the payment as far as the bank reported it. */
  readonly counterparty: Party;
  /** camt TxDtls in file order; empty for MT940 and CSV. */
  readonly details: readonly EntryDetail[];
  /** MT940 :86: text as received (lines joined with `\n`). */
  readonly information?: string;
  /** MT940 :61: supplementary details (subfield 9, the 34x second line). */
  readonly supplementaryDetails?: string;
  /** SHA-256 (hex) over account, amount, dates and references; see entry-fingerprint.ts. */
  readonly fingerprint: string;
}

export interface Statement {
  readonly format: StatementFormat;
  /** Message definition version such as `camt.053.001.08`; null for MT940 and CSV. */
  readonly version: string | null;
  /** camt GrpHdr/MsgId; MT940 :20:; CSV caller-supplied. */
  readonly messageId: string;
  /** camt Stmt/Id (Rpt/Id, Ntfctn/Id); MT940 :28C: as written; CSV caller-supplied. */
  readonly statementId: string;
  /** MT940 :21: related reference. */
  readonly relatedReference?: string;
  readonly electronicSequence?: bigint;
  /** camt LglSeqNb; MT940 statement number from :28C:. */
  readonly legalSequence?: bigint;
  /** camt StmtPgntn/PgNb; MT940 sequence number from :28C:. */
  readonly pageNumber?: number;
  readonly lastPage?: boolean;
  /** ISO 8601 date-time as written in the file. */
  readonly createdAt?: string;
  readonly account: StatementAccount;
  /** ISO 8601 date or date-time as written (camt FrToDt). */
  readonly fromDate?: string;
  readonly toDate?: string;
  /** OPBD, or PRCD when no OPBD; MT940 :60F:/:60M:. */
  readonly openingBalance: StatementBalance | null;
  /** CLBD; MT940 :62F:/:62M:. */
  readonly closingBalance: StatementBalance | null;
  /** Every other balance (OPAV, CLAV, ITBD, FWAV, MT940 :64:, :65:, ...). */
  readonly otherBalances: readonly StatementBalance[];
  /** camt TxsSummry/TtlNtries/NbOfNtries when the bank declared it. */
  readonly declaredEntryCount?: number;
  /** Statement-level free text (camt AddtlStmtInf, MT940 :86: outside an entry). */
  readonly information?: string;
  readonly entries: readonly StatementEntry[];
}

/** An entry before its position and fingerprint are fixed by buildStatement. */
export type StatementEntryDraft = Omit<StatementEntry, 'index' | 'fingerprint'>;

export type StatementDraft = Omit<Statement, 'entries'> & {
  readonly entries: readonly StatementEntryDraft[];
};
