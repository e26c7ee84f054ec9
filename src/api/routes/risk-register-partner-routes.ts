import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addDueDiligence,
  addQualification,
  changePartner,
  createPartner,
  DueDiligenceSchema,
  findPartner,
  listPartners,
  NewPartnerSchema,
  PARTNER_KINDS,
  PartnerChangeSchema,
  partnerDueDiligence,
  partnerQualifications,
  QualificationSchema,
} from '../../risk-register/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';
import { refuse, tags } from './risk-register-reply.js';
import {
  DueDiligenceViewSchema,
  PartnerSchema,
  QualificationViewSchema,
} from './risk-register-schemas.js';

/** Partners, their due diligence and qualifications (part of the risk-register routes). */
type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
type Db = ApiContext['db'];
const PartnerParams = PlatformParams.extend({ partnerId: IdSchema });
const Limit = z.coerce.number().int().min(1).max(500).optional();
const Flag = z.enum(['true', 'false']).optional();

export function registerPartners(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/partners',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary: 'Cooperating institutions, next review first',
        params: PlatformParams,
        querystring: z
          .object({
            kind: z.enum(PARTNER_KINDS).optional(),
            ownerId: IdSchema.optional(),
            overdue: Flag,
            limit: Limit,
          })
          .strict(),
        response: { 200: z.object({ items: z.array(PartnerSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { overdue, ...rest } = request.query;
      const items = await listPartners(db, request.params.platformId, {
        ...rest,
        ...(overdue === undefined ? {} : { overdue: overdue === 'true' }),
      });
      return { items };
    },
  );

  app.post(
    '/v1/platforms/:platformId/partners',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Add a partner; its onboarding due diligence is due at once',
        params: PlatformParams,
        body: NewPartnerSchema,
        response: { 201: PartnerSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const created = await createPartner(
        db,
        request.params.platformId,
        request.body,
        principal.id,
      );
      if (!created.ok) return refuse(reply, created.error);
      return reply.code(201).send(created.value);
    },
  );

  app.get(
    '/v1/platforms/:platformId/partners/:partnerId',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary: 'A partner with its due-diligence records and qualifications',
        params: PartnerParams,
        response: {
          200: z.object({
            partner: PartnerSchema,
            dueDiligence: z.array(DueDiligenceViewSchema),
            qualifications: z.array(QualificationViewSchema),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, partnerId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const partner = await findPartner(db, platformId, partnerId);
      if (partner === null)
        return sendProblem(reply, problem('not_found', `partner ${partnerId} not found`));
      return {
        partner,
        dueDiligence: await partnerDueDiligence(db, partnerId),
        qualifications: await partnerQualifications(db, partnerId),
      };
    },
  );

  app.patch(
    '/v1/platforms/:platformId/partners/:partnerId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Change a partner: services, owner, cadence, status, linked risks',
        params: PartnerParams,
        body: PartnerChangeSchema,
        response: { 200: PartnerSchema },
      },
    },
    async (request, reply) => {
      const { platformId, partnerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const changed = await changePartner(db, platformId, partnerId, request.body, principal.id);
      if (!changed.ok) return refuse(reply, changed.error);
      return changed.value;
    },
  );
}

export function registerPartnerReviews(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/partners/:partnerId/due-diligence',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Record a due-diligence review by the caller; the rating sets the review cadence',
        params: PartnerParams,
        body: DueDiligenceSchema,
        response: { 201: DueDiligenceViewSchema },
      },
    },
    async (request, reply) => {
      const { platformId, partnerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const added = await addDueDiligence(db, platformId, partnerId, request.body, principal.id);
      if (!added.ok) return refuse(reply, added.error);
      return reply.code(201).send(added.value);
    },
  );

  app.post(
    '/v1/platforms/:platformId/partners/:partnerId/qualifications',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Record a licence or qualification of a partner, with its expiry',
        params: PartnerParams,
        body: QualificationSchema,
        response: { 201: QualificationViewSchema },
      },
    },
    async (request, reply) => {
      const { platformId, partnerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const added = await addQualification(db, platformId, partnerId, request.body, principal.id);
      if (!added.ok) return refuse(reply, added.error);
      return reply.code(201).send(added.value);
    },
  );
}
