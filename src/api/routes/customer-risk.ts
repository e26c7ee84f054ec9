import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BeneficialOwnerSchema,
  changeRiskInputs,
  EddItemUpdateSchema,
  type InputChangeOutcome,
  type InputChangeRequest,
  listRatings,
  loadActiveModel,
  loadRatingDetail,
  overrideRating,
  rateCustomerPage,
  rateCustomersInTx,
  recordEddItem,
  RISK_LEVELS,
  RISK_LIMITS,
  RiskAttributesSchema,
  RiskModelSchema,
  requestModelSave,
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

const PendingSchema = z.object({
  status: z.literal('pending_approval'),
  approvalId: z.string(),
  ownerId: z.string().optional(),
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
        summary:
          'Set the level by hand (or clear with null); lowering a computed high or below a floor needs a second person',
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
        response: { 200: RatingOutcomeSchema, 202: PendingSchema },
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const changed = await changeRiskInputs(db, principal, platformId, customerId, {
        kind: 'attributes',
        attributes: request.body,
      });
      if (!changed.ok) return sendProblem(reply, custodyProblem(changed.error));
      if (changed.value.status === 'pending_approval') return reply.code(202).send(changed.value);
      return changed.value.rating;
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
        summary:
          'Store a new version of the scoring model; a change of thresholds or floors needs a second person',
        params: PlatformParams,
        body: z.object({ model: RiskModelSchema, note: Note.optional() }).strict(),
        response: {
          201: z.object({ version: z.number() }),
          202: z.object({ status: z.literal('pending_approval'), approvalId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const outcome = await requestModelSave(
        db,
        principal,
        platformId,
        request.body.model,
        request.body.note ?? null,
      );
      if (outcome.status === 'pending_approval') return reply.code(202).send(outcome);
      return reply.code(201).send({ version: outcome.version });
    },
  );
}

/**
 * Owners' nationalities and their presence are rating inputs: the change and the re-rate are
 * one transaction, and a change that lowers a high rating waits for a second person (202).
 */
async function changeOwner(
  db: Db,
  principal: { id: string },
  params: { platformId: string; customerId: string },
  change: InputChangeRequest,
): Promise<
  | { ok: true; value: InputChangeOutcome }
  | { ok: false; problem: ReturnType<typeof custodyProblem> }
> {
  const changed = await changeRiskInputs(
    db,
    principal,
    params.platformId,
    params.customerId,
    change,
  );
  return changed.ok ? changed : { ok: false, problem: custodyProblem(changed.error) };
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
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const changed = await changeOwner(db, principal, request.params, {
        kind: 'owner_save',
        ownerId: null,
        owner: request.body,
      });
      if (!changed.ok) return sendProblem(reply, changed.problem);
      if (changed.value.status === 'pending_approval') return reply.code(202).send(changed.value);
      return reply.code(201).send({ ownerId: changed.value.ownerId });
    },
  );
  app.put(
    `${base}/:ownerId`,
    {
      config: { permission: 'risk_rating.write' },
      schema: { ...schema, summary: 'Change a beneficial owner', params: OwnerParams },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const changed = await changeOwner(db, principal, request.params, {
        kind: 'owner_save',
        ownerId: request.params.ownerId,
        owner: request.body,
      });
      if (!changed.ok) return sendProblem(reply, changed.problem);
      if (changed.value.status === 'pending_approval') return reply.code(202).send(changed.value);
      return { ownerId: request.params.ownerId };
    },
  );
  app.delete(
    `${base}/:ownerId`,
    {
      config: { permission: 'risk_rating.write' },
      schema: { tags: ['risk ratings'], summary: 'Remove a beneficial owner', params: OwnerParams },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const changed = await changeOwner(db, principal, request.params, {
        kind: 'owner_remove',
        ownerId: request.params.ownerId,
      });
      if (!changed.ok) return sendProblem(reply, changed.problem);
      if (changed.value.status === 'pending_approval') return reply.code(202).send(changed.value);
      return { removed: request.params.ownerId };
    },
  );
}
