/**
 * The console's view of the reconciliation API (`/v1/platforms/:id/reconciliation/...`):
 * statement imports, matching runs, matches, breaks and safeguarding checks. These mirror the
 * response schemas in src/api/routes/reconciliation.ts.
 */
import type { Money } from './types.js';

export const STATEMENT_FORMATS = ['auto', 'camt', 'mt940', 'csv'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export interface StatementImport {
  id: string;
  format: string;
  contentSha256: string;
  fileBytes: number;
  statementCount: number;
  lineCount: number;
  duplicateLineCount: number;
  warnings: string[];
  importedBy: string;
  createdAt: string;
}

export interface StoredStatement {
  id: string;
  statementRef: string;
  currency: string;
  custodyAccountId: string;
  opening: Money | null;
  closing: Money | null;
  closingDate: string | null;
  entryCount: number;
}

export interface StatementUploadReply {
  importId: string;
  duplicateFile: boolean;
  format: string;
  contentSha256: string;
  statements: StoredStatement[];
  lineCount: number;
  linesImported: number;
  linesDuplicate: number;
  warnings: string[];
}

/** What the upload form sends. CSV needs a saved column mapping and the statement's frame. */
export interface StatementUpload {
  format: StatementFormat;
  content: string;
  encoding: 'text' | 'base64';
  csvMappingName?: string;
  csvStatement?: { statementId: string; currency: string };
}

export interface BankStatementLine {
  id: string;
  importId: string;
  amount: Money;
  bookingDate: string;
  status: string;
  bankReference: string | null;
  references: string[];
  counterpartyName: string | null;
  remittanceText: string | null;
  matchId: string | null;
}

export type MatchState = 'suggested' | 'confirmed' | 'rejected';

export interface ReconMatch {
  id: string;
  ruleName: string;
  strategy: string;
  state: string;
  bankItemIds: string[];
  bookItemIds: string[];
  bankSum: Money;
  bookSum: Money;
  difference: Money;
}

export interface StoredMatch extends ReconMatch {
  runId: string | null;
  decidedBy: string | null;
  createdAt: string;
}

export interface ReconRun {
  runId: string | null;
  dryRun: boolean;
  asOf: string;
  bankItemCount: number;
  bookItemCount: number;
  matchCount: number;
  confirmedCount: number;
  suggestedCount: number;
  unmatchedBankCount: number;
  unmatchedBookCount: number;
  breaksOpened: number;
  breaksResolved: number;
  breaksEscalated: number;
  matches: ReconMatch[];
}

export const BREAK_STATES = ['open', 'escalated', 'awaiting_approval', 'resolved'] as const;
export type BreakState = (typeof BREAK_STATES)[number];
/** The list filter: one state, or every break not yet resolved. */
export type BreakFilter = BreakState | 'unresolved' | '';

export interface ReconBreak {
  id: string;
  side: 'bank' | 'book';
  itemId: string;
  amount: Money;
  itemDate: string;
  ageDays: number;
  state: string;
  owner: string;
  resolution: string | null;
  resolutionRef: string | null;
  approvalId: string | null;
  note: string | null;
  reference: string | null;
  openedAt: string;
}

export const ADJUSTMENT_ACCOUNT_TYPES = ['suspense', 'fees', 'reserve', 'clearing'] as const;
export type AdjustmentAccountType = (typeof ADJUSTMENT_ACCOUNT_TYPES)[number];

export type BreakResolution =
  | { resolution: 'link'; itemIds: string[]; note?: string }
  | { resolution: 'suspense'; note?: string }
  | { resolution: 'adjust'; counterAccountType: AdjustmentAccountType; reason: string };

/** 200: done at once; 202 (approvalId): an adjusting entry waits for a second person. */
export interface BreakResolutionReply {
  breakId: string;
  matchId?: string;
  instructionId?: string;
  approvalId?: string;
}

export interface SafeguardingCheck {
  id: string;
  currency: string;
  asOf: string;
  status: string;
  severity: string;
  bankClosing: Money | null;
  bankClosingDate: string | null;
  customerLiabilities: Money;
  reserve: Money;
  required: Money;
  unmatchedBook: Money;
  unmatchedBank: Money;
  adjustedBank: Money | null;
  drift: Money | null;
  reserveRequired: Money;
  reserveAdequate: boolean;
  breakdown: Record<string, unknown>;
}
