import os from 'node:os';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  buildPlatformTrees,
  listPolRoots,
  openPolTotal,
  POL_ROOTS_LIST_MAX,
  proofForCustomer,
} from '../../pol/index.js';
import { createTransparencyCache } from '../../pol/pol-transparency-cache.js';
import { polWorkGate } from '../../pol/pol-work-gate.js';
import { requireCustomer, requirePlatform, requireStaff, type ApiContext } from '../context.js';
import { moneyJson, MoneySchema } from '../money-json.js';
import { problem, sendProblem } from '../problem.js';
import { CurrencySchema, IdSchema, PlatformParams } from '../schemas.js';

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
const HexSchema = z.string().regex(/^[0-9a-f]+$/);
const RootSchema = z.object({
  treeId: z.string(),
  currency: z.string(),
  date: z.string(),
  height: z.number(),
  customerCount: z.number(),
  rootHash: HexSchema,
  rootMaskedSum: HexSchema,
  builtAt: z.string(),
  builtBy: z.string(),
});
const NodeSchema = z.object({ hash: HexSchema, maskedSum: HexSchema });
const ProofSchema = z.object({
  format: z.literal('custos-pol-proof/v1'),
  platformId: z.string(),
  currency: z.string(),
  date: z.string(),
  treeId: z.string(),
  height: z.number(),
  root: NodeSchema,
  leaf: z.object({
    position: z.number(),
    customerId: z.string(),
    balanceMinor: z.string(),
    salt: HexSchema,
    mask: HexSchema,
  }),
  path: z.array(NodeSchema),
});
const OpeningSchema = z.object({
  treeId: z.string(),
  currency: z.string(),
  date: z.string(),
  customerCount: z.number(),
  total: MoneySchema,
  opening: HexSchema,
  rootMaskedSum: HexSchema,
  openingMatches: z.boolean(),
  rebuildMatches: z.boolean(),
  safeguarding: z
    .object({
      asOf: z.string(),
      status: z.string(),
      customerLiabilities: MoneySchema,
      difference: MoneySchema,
      matches: z.boolean(),
    })
    .nullable(),
});
const TransparencySchema = z.object({
  platformId: z.string(),
  platformName: z.string(),
  generatedAt: z.string(),
  customerCount: z.number(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      customerAccounts: z.number(),
      custodyBalance: MoneySchema.nullable(),
      custodyBalanceWithheld: z.string().nullable(),
      reserve: MoneySchema,
      safeguarding: z.object({ asOf: z.string(), status: z.string() }).nullable(),
      proofOfLiabilities: z
        .object({
          treeId: z.string(),
          date: z.string(),
          customerCount: z.number(),
          rootHash: HexSchema,
          rootMaskedSum: HexSchema,
        })
        .nullable(),
    }),
  ),
  lastReconciliation: z
    .object({ asOf: z.string(), matchCount: z.number(), breakCount: z.number(), ranAt: z.string() })
    .nullable(),
  auditCheckpoint: z
    .object({ treeSize: z.string(), rootHash: HexSchema, signedAt: z.string() })
    .nullable(),
});
/** Threads a build or a rebuild uses: two when the machine has them, never the last free core. */
const BUILD_WORKERS = Math.max(1, Math.min(2, os.availableParallelism()));
const TREE_WORK_BUSY =
  'a proof-of-liabilities build or opening is already running; try again when it has finished';

/**
 * Proof of liabilities: build and list the daily roots, hand a customer their inclusion
 * proof, open a tree's total to the regulator, and the public transparency report.
 */
export const proofOfLiabilitiesRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  const cachedTransparencyReport = createTransparencyCache();
  app.post(
    '/v1/platforms/:platformId/pol/build',
    {
      config: { permission: 'pol.manage' },
      schema: {
        tags: ['proof of liabilities'],
        summary: "Build and publish today's proof-of-liabilities roots, one per currency",
        params: PlatformParams,
        response: { 200: z.object({ roots: z.array(RootSchema) }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const roots = polWorkGate.tryRun(() =>
        buildPlatformTrees(db, request.params.platformId, {
          actor: principal.id,
          nowMs: Date.now(),
          workers: BUILD_WORKERS,
        }),
      );
      if (roots === undefined) return sendProblem(reply, problem('overloaded', TREE_WORK_BUSY));
      return { roots: await roots };
    },
  );

  app.get(
    '/v1/platforms/:platformId/pol/roots',
    {
      config: { permission: 'pol.read' },
      schema: {
        tags: ['proof of liabilities'],
        summary: 'Published proof-of-liabilities roots, newest first',
        params: PlatformParams,
        querystring: z
          .object({
            currency: CurrencySchema.optional(),
            limit: z.coerce.number().int().min(1).max(POL_ROOTS_LIST_MAX).default(50),
          })
          .strict(),
        response: { 200: z.object({ roots: z.array(RootSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { currency, limit } = request.query;
      return {
        roots: await listPolRoots(db, request.params.platformId, {
          ...(currency === undefined ? {} : { currency }),
          limit,
        }),
      };
    },
  );

  app.get(
    '/v1/platforms/:platformId/pol/proofs/:customerId',
    {
      config: { permission: 'pol.read' },
      schema: {
        tags: ['proof of liabilities'],
        summary: "A customer's inclusion proof (newest tree, or of a date and currency)",
        params: PlatformParams.extend({ customerId: IdSchema }),
        querystring: z
          .object({ date: DateSchema.optional(), currency: CurrencySchema.optional() })
          .strict(),
        response: { 200: ProofSchema },
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const found = await proofForCustomer(
        db,
        platformId,
        customerId,
        request.query.date,
        request.query.currency,
      );
      if (!found.ok) return sendProblem(reply, problem('not_found', found.reason));
      return found.proof;
    },
  );

  app.get(
    '/v1/portal/pol/proof',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags: ['proof of liabilities'],
        summary:
          "The signed-in customer's own inclusion proof (newest tree, or of a date and currency)",
        querystring: z
          .object({ date: DateSchema.optional(), currency: CurrencySchema.optional() })
          .strict(),
        response: { 200: ProofSchema },
      },
    },
    async (request, reply) => {
      // The customer comes from the session, never from the URL.
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const found = await proofForCustomer(
        db,
        customer.platformId,
        customer.customerId,
        request.query.date,
        request.query.currency,
      );
      if (!found.ok) return sendProblem(reply, problem('not_found', found.reason));
      return found.proof;
    },
  );

  app.post(
    '/v1/platforms/:platformId/pol/trees/:treeId/open',
    {
      config: { permission: 'pol.total.read' },
      schema: {
        tags: ['proof of liabilities'],
        summary:
          "Open a tree's total (regulator, auditor): total, opening, rebuild check, safeguarding",
        params: PlatformParams.extend({ treeId: IdSchema }),
        response: { 200: OpeningSchema },
      },
    },
    async (request, reply) => {
      const { platformId, treeId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const principal = requireStaff(request, reply);
      if (principal === null) return reply;
      const opening = polWorkGate.tryRun(() =>
        openPolTotal(db, platformId, treeId, {
          actor: principal.id,
          nowMs: Date.now(),
          workers: BUILD_WORKERS,
        }),
      );
      if (opening === undefined) return sendProblem(reply, problem('overloaded', TREE_WORK_BUSY));
      const opened = await opening;
      if (opened === undefined)
        return sendProblem(reply, problem('not_found', `tree ${treeId} not found`));
      const { totalMinor, safeguarding, currency, ...rest } = opened;
      return {
        ...rest,
        currency,
        total: moneyJson(totalMinor, currency),
        safeguarding:
          safeguarding === null
            ? null
            : {
                asOf: safeguarding.asOf,
                status: safeguarding.status,
                customerLiabilities: moneyJson(safeguarding.customerLiabilitiesMinor, currency),
                difference: moneyJson(safeguarding.differenceMinor, currency),
                matches: safeguarding.differenceMinor === 0n,
              },
      };
    },
  );

  app.get(
    '/v1/transparency/:platformId',
    {
      config: { public: true },
      schema: {
        tags: ['proof of liabilities'],
        summary: 'Public transparency report: aggregate custody figures, no personal data',
        params: PlatformParams,
        response: { 200: TransparencySchema },
      },
    },
    async (request, reply) => {
      const report = await cachedTransparencyReport(db, request.params.platformId, Date.now());
      if (report === undefined)
        return sendProblem(
          reply,
          problem('not_found', `platform ${request.params.platformId} not found`),
        );
      return {
        ...report,
        currencies: report.currencies.map(({ custodyBalanceMinor, reserveMinor, ...row }) => ({
          ...row,
          custodyBalance:
            custodyBalanceMinor === null ? null : moneyJson(custodyBalanceMinor, row.currency),
          reserve: moneyJson(reserveMinor, row.currency),
        })),
      };
    },
  );
};
