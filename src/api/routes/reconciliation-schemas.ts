import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { CustodyError } from '../../custody/index.js';
import type { CsvStatementInput } from '../../recon/index.js';
import {
  ADJUSTMENT_ACCOUNT_TYPES,
  type NewMatch,
  type SafeguardingCheckRow,
  type SafeguardingReturn,
} from '../../recon/books/index.js';
import { moneyJson, MoneySchema } from '../money-json.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import {} from '../schemas.js';

/** Schemas and reply shapes shared by the reconciliation routes. */

/** Statement uploads are bigger than instructions: a busy custody account-day in camt.053. */
export const STATEMENT_BODY_BYTES_MAX = 8 * 1024 * 1024;
export const LIST_LIMIT_MAX = 500;

export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
export const ColumnSchema = z.union([z.string().max(100), z.number().int().min(0).max(500)]);
export const CsvMappingSchema = z
  .object({
    name: z.string().min(1).max(100),
    delimiter: z.enum([',', ';', '\t', '|']),
    header: z.boolean(),
    linesToSkip: z.number().int().min(0).max(100).optional(),
    columns: z
      .object({
        bookingDate: ColumnSchema,
        valueDate: ColumnSchema.optional(),
        amount: ColumnSchema.optional(),
        creditDebitMark: ColumnSchema.optional(),
        debitAmount: ColumnSchema.optional(),
        creditAmount: ColumnSchema.optional(),
        currency: ColumnSchema.optional(),
        endToEndId: ColumnSchema.optional(),
        accountServicerReference: ColumnSchema.optional(),
        bankReference: ColumnSchema.optional(),
        customerReference: ColumnSchema.optional(),
        transactionId: ColumnSchema.optional(),
        uetr: ColumnSchema.optional(),
        counterpartyName: ColumnSchema.optional(),
        counterpartyAccount: ColumnSchema.optional(),
        remittanceText: ColumnSchema.optional(),
      })
      .strict(),
    dateFormat: z.enum([
      'ISO8601',
      'YYYYMMDD',
      'DD.MM.YYYY',
      'DD.MM.YY',
      'DD/MM/YYYY',
      'MM/DD/YYYY',
      'DD-MM-YYYY',
    ]),
    decimalSeparator: z.enum(['.', ',']),
    thousandsSeparator: z.enum(['', ',', '.', ' ', "'"]).optional(),
    creditMarks: z.array(z.string().max(20)).max(10).optional(),
    debitMarks: z.array(z.string().max(20)).max(10).optional(),
  })
  .strict();
export const CsvBalanceSchema = z
  .object({ amountMinor: z.string().regex(/^-?\d{1,18}$/), date: DateSchema })
  .strict();
export const UploadBody = z
  .object({
    format: z.enum(['auto', 'camt', 'mt940', 'csv']),
    content: z.string().min(1),
    encoding: z.enum(['text', 'base64']).default('text'),
    csvMapping: CsvMappingSchema.optional(),
    csvMappingName: z.string().min(1).max(100).optional(),
    csvStatement: z
      .object({
        statementId: z.string().min(1).max(100),
        iban: z.string().max(34).optional(),
        otherId: z.string().max(100).optional(),
        currency: z.string().regex(/^[A-Z]{3}$/),
        openingBalance: CsvBalanceSchema.optional(),
        closingBalance: CsvBalanceSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export const StoredStatementSchema = z.object({
  id: z.string(),
  statementRef: z.string(),
  currency: z.string(),
  custodyAccountId: z.string(),
  opening: MoneySchema.nullable(),
  closing: MoneySchema.nullable(),
  closingDate: z.string().nullable(),
  entryCount: z.number(),
});
export const ImportReply = z.object({
  importId: z.string(),
  duplicateFile: z.boolean(),
  format: z.string(),
  contentSha256: z.string(),
  statements: z.array(StoredStatementSchema),
  lineCount: z.number(),
  linesImported: z.number(),
  linesDuplicate: z.number(),
  warnings: z.array(z.string()),
});
export const MatchSchema = z.object({
  id: z.string(),
  ruleName: z.string(),
  strategy: z.string(),
  state: z.string(),
  bankItemIds: z.array(z.string()),
  bookItemIds: z.array(z.string()),
  bankSum: MoneySchema,
  bookSum: MoneySchema,
  difference: MoneySchema,
});
export const RunReply = z.object({
  runId: z.string().nullable(),
  dryRun: z.boolean(),
  asOf: z.string(),
  bankItemCount: z.number(),
  bookItemCount: z.number(),
  matchCount: z.number(),
  confirmedCount: z.number(),
  suggestedCount: z.number(),
  unmatchedBankCount: z.number(),
  unmatchedBookCount: z.number(),
  breaksOpened: z.number(),
  breaksResolved: z.number(),
  breaksEscalated: z.number(),
  matches: z.array(MatchSchema),
});
export const BreakSchema = z.object({
  id: z.string(),
  side: z.enum(['bank', 'book']),
  itemId: z.string(),
  amount: MoneySchema,
  itemDate: z.string(),
  ageDays: z.number(),
  state: z.string(),
  owner: z.string(),
  resolution: z.string().nullable(),
  resolutionRef: z.string().nullable(),
  approvalId: z.string().nullable(),
  note: z.string().nullable(),
  reference: z.string().nullable(),
  openedAt: z.string(),
});
export const CheckSchema = z.object({
  id: z.string(),
  currency: z.string(),
  asOf: z.string(),
  status: z.string(),
  severity: z.string(),
  bankClosing: MoneySchema.nullable(),
  bankClosingDate: z.string().nullable(),
  customerLiabilities: MoneySchema,
  reserve: MoneySchema,
  required: MoneySchema,
  unmatchedBook: MoneySchema,
  unmatchedBank: MoneySchema,
  adjustedBank: MoneySchema.nullable(),
  drift: MoneySchema.nullable(),
  reserveRequired: MoneySchema,
  reserveAdequate: z.boolean(),
  breakdown: z.record(z.string(), z.unknown()),
});
export const ResolveBody = z.discriminatedUnion('resolution', [
  z
    .object({
      resolution: z.literal('link'),
      itemIds: z
        .array(z.string().regex(/^\d{1,19}$/))
        .min(1)
        .max(100),
      note: z.string().max(500).optional(),
    })
    .strict(),
  z.object({ resolution: z.literal('suspense'), note: z.string().max(500).optional() }).strict(),
  z
    .object({
      resolution: z.literal('adjust'),
      counterAccountType: z.enum(ADJUSTMENT_ACCOUNT_TYPES),
      reason: z.string().min(1).max(500),
    })
    .strict(),
  z.object({ resolution: z.literal('assign'), owner: z.string().min(1).max(100) }).strict(),
]);
export const LimitQuery = z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).optional();
export const Base = '/v1/platforms/:platformId/reconciliation';

export const money = (amountMinor: bigint, currency: string) => moneyJson(amountMinor, currency);
export const optionalMoney = (amountMinor: bigint | null, currency: string) =>
  amountMinor === null ? null : moneyJson(amountMinor, currency);

/** A domain refusal as a problem; "not found" values become 404 for the caller. */
export function sendRefusal(reply: FastifyReply, error: CustodyError): FastifyReply {
  if (error.detail?.notFound === true)
    return sendProblem(reply, problem('not_found', error.message));
  return sendProblem(reply, custodyProblem(error));
}

export function matchJson(match: NewMatch) {
  return {
    id: match.id,
    ruleName: match.ruleName,
    strategy: match.strategy,
    state: match.state,
    bankItemIds: match.bankItems.map((item) => item.itemId),
    bookItemIds: match.bookItems.map((item) => item.itemId),
    bankSum: money(match.bankSumMinor, match.currency),
    bookSum: money(match.bookSumMinor, match.currency),
    difference: money(match.differenceMinor, match.currency),
  };
}

export function csvStatementInput(input: {
  statementId: string;
  iban?: string | undefined;
  otherId?: string | undefined;
  currency: string;
  openingBalance?: { amountMinor: string; date: string } | undefined;
  closingBalance?: { amountMinor: string; date: string } | undefined;
}): CsvStatementInput {
  const balance = (value: { amountMinor: string; date: string } | undefined) =>
    value === undefined ? null : { amountMinor: BigInt(value.amountMinor), date: value.date };
  return {
    statementId: input.statementId,
    account: {
      currency: input.currency,
      ...(input.iban === undefined ? {} : { iban: input.iban }),
      ...(input.otherId === undefined ? {} : { otherId: input.otherId }),
    },
    openingBalance: balance(input.openingBalance),
    closingBalance: balance(input.closingBalance),
  };
}

export function jsonFigures(figures: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(figures).map(([key, value]) => [
      key,
      typeof value === 'bigint' ? value.toString() : value,
    ]),
  );
}

export type CheckFields = Omit<SafeguardingCheckRow, 'createdBy' | 'createdAt'>;

export function checkJson(check: CheckFields) {
  const c = check.currency;
  return {
    id: check.id,
    currency: c,
    asOf: check.asOf,
    status: check.status,
    severity: check.severity,
    bankClosing: optionalMoney(check.bankClosingMinor, c),
    bankClosingDate: check.bankClosingDate,
    customerLiabilities: money(check.customerLiabilitiesMinor, c),
    reserve: money(check.reserveMinor, c),
    required: money(check.requiredMinor, c),
    unmatchedBook: money(check.unmatchedBookMinor, c),
    unmatchedBank: money(check.unmatchedBankMinor, c),
    adjustedBank: optionalMoney(check.adjustedBankMinor, c),
    drift: optionalMoney(check.driftMinor, c),
    reserveRequired: money(check.reserveRequiredMinor, c),
    reserveAdequate: check.reserveAdequate,
    breakdown: check.breakdown,
  };
}

export function returnJson(report: SafeguardingReturn): unknown {
  return JSON.parse(
    JSON.stringify(report, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    ),
  );
}
