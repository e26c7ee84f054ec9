import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CsvMapping, CsvStatementInput } from '../../recon/index.js';
import {
  importStatementFile,
  listStatementImports,
  listStatementLines,
  loadCsvMapping,
  saveCsvMapping,
} from '../../recon/books/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { MoneySchema } from '../money-json.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';
import {
  Base,
  CsvMappingSchema,
  ImportReply,
  LimitQuery,
  STATEMENT_BODY_BYTES_MAX,
  UploadBody,
  csvStatementInput,
  money,
  optionalMoney,
  sendRefusal,
} from './reconciliation-schemas.js';

/** Statement imports, saved CSV mappings and statement lines. */
export const reconciliationStatementRoutes: FastifyPluginAsyncZod<ApiContext> = async (
  app,
  { db },
) => {
  app.post(
    `${Base}/imports`,
    {
      bodyLimit: STATEMENT_BODY_BYTES_MAX,
      config: { permission: 'recon.write' },
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
      config: { permission: 'recon.write' },
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
      config: { permission: 'recon.read' },
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
      config: { permission: 'recon.read' },
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
};
