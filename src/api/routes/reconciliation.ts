import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CustodyError } from '../../custody/index.js';
import type { CsvMapping, CsvStatementInput } from '../../recon/index.js';
import {
  ADJUSTMENT_ACCOUNT_TYPES,
  assignBreak,
  buildSafeguardingReturn,
  decideMatch,
  importStatementFile,
  linkBreak,
  listBreaks,
  listMatches,
  listSafeguardingChecks,
  listStatementImports,
  listStatementLines,
  loadCsvMapping,
  loadReconSettings,
  moveBreakToSuspense,
  requestBreakAdjustment,
  runReconciliation,
  runSafeguardingCheck,
  safeguardingReturnCsv,
  saveCsvMapping,
  saveReconSettings,
  type NewMatch,
  type SafeguardingCheckRow,
  type SafeguardingReturn,
} from '../../recon/books/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { moneyJson, MoneySchema } from '../money-json.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';

/** Statement uploads are bigger than instructions: a busy custody account-day in camt.053. */
export const STATEMENT_BODY_BYTES_MAX = 8 * 1024 * 1024;
const LIST_LIMIT_MAX = 500;

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const ColumnSchema = z.union([z.string().max(100), z.number().int().min(0).max(500)]);
const CsvMappingSchema = z
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
const CsvBalanceSchema = z
  .object({ amountMinor: z.string().regex(/^-?\d{1,18}$/), date: DateSchema })
  .strict();
const UploadBody = z
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
const StoredStatementSchema = z.object({
  id: z.string(),
  statementRef: z.string(),
  currency: z.string(),
  custodyAccountId: z.string(),
  opening: MoneySchema.nullable(),
  closing: MoneySchema.nullable(),
  closingDate: z.string().nullable(),
  entryCount: z.number(),
});
const ImportReply = z.object({
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
const MatchSchema = z.object({
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
const RunReply = z.object({
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
const BreakSchema = z.object({
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
const CheckSchema = z.object({
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
const ResolveBody = z.discriminatedUnion('resolution', [
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
const LimitQuery = z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).optional();
const Base = '/v1/platforms/:platformId/reconciliation';

const money = (amountMinor: bigint, currency: string) => moneyJson(amountMinor, currency);
const optionalMoney = (amountMinor: bigint | null, currency: string) =>
  amountMinor === null ? null : moneyJson(amountMinor, currency);

/** A domain refusal as a problem; "not found" values become 404 for the caller. */
function sendRefusal(reply: FastifyReply, error: CustodyError): FastifyReply {
  if (error.detail?.notFound === true)
    return sendProblem(reply, problem('not_found', error.message));
  return sendProblem(reply, custodyProblem(error));
}

function matchJson(match: NewMatch) {
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

export const reconciliationRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.post(
    `${Base}/imports`,
    {
      bodyLimit: STATEMENT_BODY_BYTES_MAX,
      schema: {
        tags: ['reconciliation'],
        summary:
          'Import a custodian bank statement (camt.052/053/054, MT940, CSV); a repeat changes nothing',
        params: PlatformParams,
        body: UploadBody,
        response: { 200: ImportReply, 201: ImportReply },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const body = request.body;
      const content =
        body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : body.content;
      let csv: { mapping: CsvMapping; statement: CsvStatementInput } | undefined;
      if (body.format === 'csv') {
        const mapping =
          (body.csvMapping as CsvMapping | undefined) ??
          (body.csvMappingName === undefined
            ? undefined
            : await loadCsvMapping(db, platformId, body.csvMappingName));
        if (mapping === undefined || body.csvStatement === undefined) {
          return sendProblem(
            reply,
            problem(
              'validation_failed',
              'CSV needs csvMapping (or a saved csvMappingName) and csvStatement',
            ),
          );
        }
        csv = { mapping, statement: csvStatementInput(body.csvStatement) };
      }
      const imported = await importStatementFile(db, principal, platformId, {
        content,
        ...(body.format === 'auto' ? {} : { format: body.format }),
        ...(csv === undefined ? {} : { csv }),
      });
      if (!imported.ok) return sendRefusal(reply, imported.error);
      const summary = imported.value;
      return reply.code(summary.duplicateFile ? 200 : 201).send({
        ...summary,
        warnings: [...summary.warnings],
        statements: summary.statements.map((statement) => ({
          id: statement.id,
          statementRef: statement.statementRef,
          currency: statement.currency,
          custodyAccountId: statement.custodyAccountId,
          opening: optionalMoney(statement.openingMinor, statement.currency),
          closing: optionalMoney(statement.closingMinor, statement.currency),
          closingDate: statement.closingDate,
          entryCount: statement.entryCount,
        })),
      });
    },
  );

  app.put(
    `${Base}/csv-mappings/:name`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: "Save a bank's CSV column mapping for later imports",
        params: PlatformParams.extend({ name: z.string().min(1).max(100) }),
        body: CsvMappingSchema,
        response: { 200: z.object({ name: z.string() }) },
      },
    },
    async (request, reply) => {
      const { platformId, name } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const mapping = { ...request.body, name } as CsvMapping;
      await db.transaction((tx) => saveCsvMapping(tx, principal, platformId, mapping));
      return { name };
    },
  );

  app.get(
    `${Base}/imports`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Statement imports, newest first',
        params: PlatformParams,
        querystring: z.object({ limit: LimitQuery }).strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                format: z.string(),
                contentSha256: z.string(),
                fileBytes: z.number(),
                statementCount: z.number(),
                lineCount: z.number(),
                duplicateLineCount: z.number(),
                warnings: z.array(z.string()),
                importedBy: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return {
        items: await listStatementImports(db, request.params.platformId, request.query.limit ?? 50),
      };
    },
  );

  app.get(
    `${Base}/lines`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Bank statement lines, newest first',
        params: PlatformParams,
        querystring: z
          .object({
            importId: IdSchema.optional(),
            unmatched: z.enum(['true', 'false']).optional(),
            limit: LimitQuery,
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                importId: z.string(),
                amount: MoneySchema,
                bookingDate: z.string(),
                status: z.string(),
                bankReference: z.string().nullable(),
                references: z.array(z.string()),
                counterpartyName: z.string().nullable(),
                remittanceText: z.string().nullable(),
                matchId: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const lines = await listStatementLines(db, platformId, {
        ...(request.query.importId === undefined ? {} : { importId: request.query.importId }),
        unmatched: request.query.unmatched === 'true',
        limit: request.query.limit ?? 100,
      });
      return {
        items: lines.map(({ amountMinor, currency, ...line }) => ({
          ...line,
          amount: money(amountMinor, currency),
        })),
      };
    },
  );

  app.post(
    `${Base}/runs`,
    {
      schema: {
        tags: ['reconciliation'],
        summary:
          'Match bank lines against the journal up to a date (dry run, or commit matches and breaks)',
        params: PlatformParams,
        body: z.object({ asOf: DateSchema, dryRun: z.boolean().default(false) }).strict(),
        response: { 200: RunReply, 201: RunReply },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const run = await runReconciliation(db, principal, platformId, request.body);
      if (!run.ok) return sendRefusal(reply, run.error);
      return reply
        .code(run.value.dryRun ? 200 : 201)
        .send({ ...run.value, matches: run.value.matches.map(matchJson) });
    },
  );

  app.get(
    `${Base}/matches`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Matches, newest first',
        params: PlatformParams,
        querystring: z
          .object({
            state: z.enum(['suggested', 'confirmed', 'rejected']).optional(),
            runId: IdSchema.optional(),
            limit: LimitQuery,
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(
              MatchSchema.extend({
                runId: z.string().nullable(),
                decidedBy: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const matches = await listMatches(db, platformId, {
        ...(request.query.state === undefined ? {} : { state: request.query.state }),
        ...(request.query.runId === undefined ? {} : { runId: request.query.runId }),
        limit: request.query.limit ?? 100,
      });
      return {
        items: matches.map((match) => ({
          ...match,
          bankSum: money(match.bankSumMinor, match.currency),
          bookSum: money(match.bookSumMinor, match.currency),
          difference: money(match.differenceMinor, match.currency),
        })),
      };
    },
  );

  for (const decision of ['confirm', 'reject'] as const) {
    app.post(
      `${Base}/matches/:matchId/${decision}`,
      {
        schema: {
          tags: ['reconciliation'],
          summary: `${decision === 'confirm' ? 'Confirm' : 'Reject'} a suggested match`,
          params: PlatformParams.extend({ matchId: IdSchema }),
          response: { 200: z.object({ id: z.string(), state: z.string() }) },
        },
      },
      async (request, reply) => {
        const { platformId, matchId } = request.params;
        const principal = requirePlatform(request, reply, platformId);
        if (principal === null) return reply;
        const decided = await decideMatch(db, principal, platformId, matchId, decision);
        if (!decided.ok) return sendRefusal(reply, decided.error);
        return { id: decided.value.matchId, state: decided.value.state };
      },
    );
  }

  app.get(
    `${Base}/breaks`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Breaks with their age in days, oldest first',
        params: PlatformParams,
        querystring: z
          .object({
            state: z
              .enum(['open', 'escalated', 'awaiting_approval', 'resolved', 'unresolved'])
              .optional(),
            limit: LimitQuery,
          })
          .strict(),
        response: { 200: z.object({ items: z.array(BreakSchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const breaks = await listBreaks(db, platformId, {
        ...(request.query.state === undefined ? {} : { state: request.query.state }),
        limit: request.query.limit ?? 200,
      });
      return {
        items: breaks.map(({ amountMinor, currency, ...item }) => ({
          ...item,
          amount: money(amountMinor, currency),
        })),
      };
    },
  );

  app.post(
    `${Base}/breaks/:breakId/resolve`,
    {
      schema: {
        tags: ['reconciliation'],
        summary:
          'Resolve a break: link items, move to suspense, ask for an adjusting entry (four-eyes), or assign',
        params: PlatformParams.extend({ breakId: IdSchema }),
        body: ResolveBody,
        response: {
          200: z.object({
            breakId: z.string(),
            matchId: z.string().optional(),
            instructionId: z.string().optional(),
          }),
          202: z.object({ breakId: z.string(), approvalId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, breakId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const body = request.body;
      if (body.resolution === 'adjust') {
        const asked = await requestBreakAdjustment(db, principal, platformId, breakId, body);
        if (!asked.ok) return sendRefusal(reply, asked.error);
        return reply.code(202).send({ breakId, approvalId: asked.value.approvalId });
      }
      const done =
        body.resolution === 'link'
          ? await linkBreak(db, principal, platformId, breakId, {
              itemIds: body.itemIds,
              ...(body.note === undefined ? {} : { note: body.note }),
            })
          : body.resolution === 'suspense'
            ? await moveBreakToSuspense(db, principal, platformId, breakId, body.note)
            : await assignBreak(db, principal, platformId, breakId, body.owner);
      if (!done.ok) return sendRefusal(reply, done.error);
      return { breakId, ...done.value };
    },
  );

  app.post(
    `${Base}/safeguarding`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Run the safeguarding check for a day (default today, UTC), per currency',
        params: PlatformParams,
        body: z.object({ asOf: DateSchema.optional() }).strict(),
        response: { 201: z.object({ items: z.array(CheckSchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const asOf = request.body.asOf ?? new Date().toISOString().slice(0, 10);
      const checked = await runSafeguardingCheck(db, principal, platformId, asOf);
      if (!checked.ok) return sendRefusal(reply, checked.error);
      return reply.code(201).send({
        items: checked.value.map((check) =>
          checkJson({ ...check, ...check.figures, breakdown: jsonFigures(check.figures) }),
        ),
      });
    },
  );

  app.get(
    `${Base}/safeguarding`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Safeguarding check history, newest first',
        params: PlatformParams,
        querystring: z
          .object({ from: DateSchema.optional(), to: DateSchema.optional(), limit: LimitQuery })
          .strict(),
        response: { 200: z.object({ items: z.array(CheckSchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const { from, to, limit } = request.query;
      const checks = await listSafeguardingChecks(db, platformId, {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        limit: limit ?? 100,
      });
      return { items: checks.map(checkJson) };
    },
  );

  app.get(
    `${Base}/safeguarding-return/:month`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Monthly safeguarding return (CASS 15 style) as JSON or CSV',
        params: PlatformParams.extend({
          month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'),
        }),
        querystring: z.object({ format: z.enum(['json', 'csv']).optional() }).strict(),
        response: { 200: z.unknown() },
      },
    },
    async (request, reply) => {
      const { platformId, month } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const report = await buildSafeguardingReturn(db, platformId, month);
      if (request.query.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="safeguarding-${platformId}-${month}.csv"`,
          )
          .send(safeguardingReturnCsv(report));
      }
      return returnJson(report);
    },
  );

  app.get(
    `${Base}/settings`,
    {
      schema: {
        tags: ['reconciliation'],
        summary: 'Reserve share and break escalation age',
        params: PlatformParams,
        response: {
          200: z.object({ reserveShareBasisPoints: z.number(), breakAgeDaysMax: z.number() }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return loadReconSettings(db, request.params.platformId);
    },
  );

  app.put(
    `${Base}/settings`,
    {
      schema: {
        tags: ['reconciliation'],
        summary:
          'Set the reserve share (basis points of customer balances) and break escalation age',
        params: PlatformParams,
        body: z
          .object({
            reserveShareBasisPoints: z.number().int().min(0).max(10_000),
            breakAgeDaysMax: z.number().int().min(1).max(365),
          })
          .strict(),
        response: {
          200: z.object({ reserveShareBasisPoints: z.number(), breakAgeDaysMax: z.number() }),
        },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      await db.transaction((tx) => saveReconSettings(tx, principal, platformId, request.body));
      return request.body;
    },
  );
};

function csvStatementInput(input: {
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

function jsonFigures(figures: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(figures).map(([key, value]) => [
      key,
      typeof value === 'bigint' ? value.toString() : value,
    ]),
  );
}

type CheckFields = Omit<SafeguardingCheckRow, 'createdBy' | 'createdAt'>;

function checkJson(check: CheckFields) {
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

function returnJson(report: SafeguardingReturn): unknown {
  return JSON.parse(
    JSON.stringify(report, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    ),
  );
}
