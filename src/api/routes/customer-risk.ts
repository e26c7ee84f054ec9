import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BeneficialOwnerSchema,
  EddItemUpdateSchema,
  listRatings,
  loadActiveModel,
  loadRatingDetail,
  overrideRating,
  rateCustomerPage,
  rateCustomersInTx,
  recordEddItem,
  removeBeneficialOwner,
  RISK_LEVELS,
  RISK_LIMITS,
  RiskAttributesSchema,
  RiskModelSchema,
  saveBeneficialOwner,
  saveModel,
  saveRiskAttributes,
  sweepOverdueReviews,
} from '../../customer-risk/index.js';
import { personalDataVaultOf } from '../../security/index.js';
import { roleHasPermission } from '../../security/permissions.js';
import { requirePlatform, requireStaff, type ApiContext } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';

const CustomerParams = PlatformParams.extend({ customerId: IdSchema });
const OwnerParams = CustomerParams.extend({ ownerId: IdSchema });
const ItemParams = CustomerParams.extend({ item: z.string().regex(/^[a-z_]{1,40}$/) });
const Level = z.enum(RISK_LEVELS);
const Note = z.string().trim().min(3).max(RISK_LIMITS.noteCharsMax);
const RatingOutcomeSchema = z.object({
  customerId: z.string(),
  ratingId: z.string(),
  score: z.number(),
  computedLevel: Level,
  level: Level,
  previousLevel: Level.nullable(),
  nextReviewDate: z.string(),
});

type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
type Db = ApiContext['db'];

/** Customer risk ratings, the scoring model, beneficial owners and EDD checklists. */
export const customerRiskRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  registerRatingReads(app, db);
  registerRatingWrites(app, db);
  registerModelRoutes(app, db);
  registerOwnerRoutes(app, db);
};

async function customerKnown(db: Db, platformId: string, customerId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM customers WHERE platform_id = $1 AND id = $2', [
    platformId,
    customerId,
  ]);
  return rows.length > 0;
}

function registerRatingReads(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/risk-ratings',
    {
      config: { permission: 'risk_rating.read' },
      schema: {
        tags: ['risk ratings'],
        summary: 'Customer risk ratings in force, by customer id',
        params: PlatformParams,
        querystring: z
          .object({
            level: Level.optional(),
            reviewOverdue: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(RISK_LIMITS.listPageMax).optional(),
            cursor: IdSchema.optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { reviewOverdue, ...rest } = request.query;
      return listRatings(db, request.params.platformId, {
        ...rest,
        ...(reviewOverdue === undefined ? {} : { reviewOverdue: reviewOverdue === 'true' }),
      });
    },
  );

  app.get(
    '/v1/platforms/:platformId/risk-ratings/:customerId',
    {
      config: { permission: 'risk_rating.read' },
      schema: {
        tags: ['risk ratings'],
        summary: "A customer's rating with every factor's contribution, history, owners and EDD",
        params: CustomerParams,
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const detail = await loadRatingDetail(db, personalDataVaultOf(db), platformId, customerId, {
        revealNames: roleHasPermission(principal.role, 'personal_data.read'),
      });
      if (detail === null)
        return sendProblem(reply, problem('not_found', `customer ${customerId} not found`));
      return detail;
    },
  );
}

function registerRatingWrites(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/risk-ratings/:customerId/rerate',
    {
      config: { permission: 'risk_rating.write' },
      schema: {
        tags: ['risk ratings'],
        summary: 'Rate a customer now with the model in force',
        params: CustomerParams,
        body: z.object({ note: Note.optional() }).strict().optional(),
        response: { 200: RatingOutcomeSchema },
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const note = request.body?.note;
      const [outcome] = await db.transaction((tx) =>
        rateCustomersInTx(tx, principal.id, platformId, [customerId], 'on_demand', {
          ...(note === undefined ? {} : { note }),
        }),
      );
      if (outcome === undefined)
        return sendProblem(reply, problem('not_found', `customer ${customerId} not found`));
      return outcome;
    },
  );

  app.post(
    '/v1/platforms/:platformId/risk-ratings/batch',
    {
      config: { permission: 'risk_rating.write' },
      schema: {
        tags: ['risk ratings'],
        summary: "Re-rate a page of the platform's customers (ids after `after`)",
        params: PlatformParams,
        body: z
          .object({
            after: z.string().max(64).optional(),
            limit: z.number().int().min(1).max(RISK_LIMITS.rateBatchSize).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const { after = '', limit = RISK_LIMITS.rateBatchSize } = request.body;
      return rateCustomerPage(db, principal.id, platformId, after, limit);
    },
  );

  app.post(
    '/v1/platforms/:platformId/risk-ratings/:customerId/review',
    {
      config: { permission: 'risk_rating.write' },
      schema: {
        tags: ['risk ratings'],
        summary: 'Record a periodic review: re-rates and restarts the review clock',
        params: CustomerParams,
        body: z.object({ note: Note }).strict(),
        response: { 200: RatingOutcomeSchema },
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const [outcome] = await db.transaction((tx) =>
        rateCustomersInTx(tx, principal.id, platformId, [customerId], 'review', {
          note: request.body.note,
        }),
      );
      if (outcome === undefined)
        return sendProblem(reply, problem('not_found', `customer ${customerId} not found`));
      return outcome;
    },
  );

  app.post(
    '/v1/platforms/:platformId/risk-ratings/:customerId/override',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['risk ratings'],
        summary: 'Set the level by hand (or clear with null); high → low needs a second person',
        params: CustomerParams,
        body: z
          .object({
            level: Level.nullable(),
            reason: z.string().min(1).max(RISK_LIMITS.noteCharsMax),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const { level, reason } = request.body;
      const result = await overrideRating(db, principal, platformId, customerId, level, reason);
      if (!result.ok) return sendProblem(reply, custodyProblem(result.error));
      return reply.code(result.value.status === 'applied' ? 200 : 202).send(result.value);
    },
  );

  app.put(
    '/v1/platforms/:platformId/risk-ratings/:customerId/attributes',
    {
      config: { permission: 'risk_rating.write' },
      schema: {
        tags: ['risk ratings'],
        summary: 'Occupation and industry categories, products, channel, PEP status; re-rates',
        params: CustomerParams,
        body: RiskAttributesSchema,
        response: { 200: RatingOutcomeSchema },
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      if (!(await customerKnown(db, platformId, customerId)))
        return sendProblem(reply, problem('not_found', `customer ${customerId} not found`));
      const [outcome] = await db.transaction(async (tx) => {
        await saveRiskAttributes(tx, principal.id, platformId, customerId, request.body);
        return rateCustomersInTx(tx, principal.id, platformId, [customerId], 'input_changed');
      });
      return outcome;
    },
  );

  app.put(
    '/v1/platforms/:platformId/risk-ratings/:customerId/edd/:item',
    {
      config: { permission: 'risk_rating.write' },
      schema: {
        tags: ['risk ratings'],
        summary: 'Record an enhanced due diligence item done, waived (with a note) or pending',
        params: ItemParams,
        body: EddItemUpdateSchema,
      },
    },
    async (request, reply) => {
      const { platformId, customerId, item } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const recorded = await recordEddItem(
        db,
        principal.id,
        platformId,
        customerId,
        item,
        request.body,
      );
      if (!recorded.ok) return sendProblem(reply, custodyProblem(recorded.error));
      return recorded.value;
    },
  );

  app.post(
    '/v1/risk-ratings/review-sweep',
    {
      config: { permission: 'risk_rating.write' },
      schema: {
        tags: ['risk ratings'],
        summary: 'Raise an alert for every customer whose review is overdue',
        response: { 200: z.object({ alerted: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      if (requireStaff(request, reply) === null) return reply;
      return sweepOverdueReviews(db);
    },
  );
}

function registerModelRoutes(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/risk-model',
    {
      config: { permission: 'risk_rating.read' },
      schema: {
        tags: ['risk ratings'],
        summary: 'The risk scoring model in force (version 0: the built-in default)',
        params: PlatformParams,
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return loadActiveModel(db, request.params.platformId);
    },
  );

  app.put(
    '/v1/platforms/:platformId/risk-model',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['risk ratings'],
        summary: 'Store a new version of the scoring model; later ratings use it',
        params: PlatformParams,
        body: z.object({ model: RiskModelSchema, note: Note.optional() }).strict(),
        response: { 201: z.object({ version: z.number() }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const version = await db.transaction((tx) =>
        saveModel(tx, principal.id, platformId, request.body.model, request.body.note ?? null),
      );
      return reply.code(201).send({ version });
    },
  );
}

/** Owners' nationalities and their presence are rating inputs: the customer is re-rated. */
async function rerateAfterOwnerChange(
  db: Db,
  actor: string,
  platformId: string,
  customerId: string,
): Promise<void> {
  await db.transaction((tx) =>
    rateCustomersInTx(tx, actor, platformId, [customerId], 'input_changed'),
  );
}

function registerOwnerRoutes(app: App, db: Db): void {
  const base = '/v1/platforms/:platformId/risk-ratings/:customerId/beneficial-owners';
  const schema = { tags: ['risk ratings'], body: BeneficialOwnerSchema };
  app.post(
    base,
    {
      config: { permission: 'risk_rating.write' },
      schema: {
        ...schema,
        summary: 'Add a beneficial owner of an entity customer',
        params: CustomerParams,
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const saved = await saveBeneficialOwner(
        db,
        principal.id,
        platformId,
        customerId,
        null,
        request.body,
      );
      if (!saved.ok) return sendProblem(reply, custodyProblem(saved.error));
      await rerateAfterOwnerChange(db, principal.id, platformId, customerId);
      return reply.code(201).send(saved.value);
    },
  );
  app.put(
    `${base}/:ownerId`,
    {
      config: { permission: 'risk_rating.write' },
      schema: { ...schema, summary: 'Change a beneficial owner', params: OwnerParams },
    },
    async (request, reply) => {
      const { platformId, customerId, ownerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const saved = await saveBeneficialOwner(
        db,
        principal.id,
        platformId,
        customerId,
        ownerId,
        request.body,
      );
      if (!saved.ok) return sendProblem(reply, custodyProblem(saved.error));
      await rerateAfterOwnerChange(db, principal.id, platformId, customerId);
      return saved.value;
    },
  );
  app.delete(
    `${base}/:ownerId`,
    {
      config: { permission: 'risk_rating.write' },
      schema: { tags: ['risk ratings'], summary: 'Remove a beneficial owner', params: OwnerParams },
    },
    async (request, reply) => {
      const { platformId, customerId, ownerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const removed = await removeBeneficialOwner(
        db,
        principal.id,
        platformId,
        customerId,
        ownerId,
      );
      if (!removed.ok) return sendProblem(reply, custodyProblem(removed.error));
      await rerateAfterOwnerChange(db, principal.id, platformId, customerId);
      return removed.value;
    },
  );
}
