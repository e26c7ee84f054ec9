import { z } from 'zod';
import {
  draftStrFromCase,
  freezeFromCase,
  NOTE_LENGTH_MAX,
  requestInformation,
  requestUnfreezeFromCase,
  settleHoldFromCase,
} from '../../cases/index.js';
import { FREEZE_REASON_CODES } from '../../custody/index.js';
import { requireStaff } from '../context.js';
import { IdSchema, ReasonSchema } from '../schemas.js';
import { CaseParams, sendCaseProblem, type App, type Db } from './cases-schemas.js';

/** Acting on a case's findings: holds, freezes, STR drafts and information requests. */
export function registerCaseDisposalRoutes(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/cases/:caseId/holds/:instructionId',
    {
      config: { permission: 'holds.settle' },
      schema: {
        tags: ['cases'],
        summary: "Release or void a held instruction of the case's customer",
        params: CaseParams.extend({ instructionId: IdSchema }),
        body: z
          .object({ decision: z.enum(['release', 'void']), reason: z.string().min(1).max(500) })
          .strict(),
        response: {
          200: z.object({ instructionId: z.string(), status: z.enum(['posted', 'voided']) }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { platformId, caseId, instructionId } = request.params;
      const settled = await settleHoldFromCase(db, staff, platformId, caseId, {
        instructionId,
        ...request.body,
      });
      return settled.ok ? settled.value : sendCaseProblem(reply, settled.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/freezes',
    {
      config: { permission: 'freezes.create' },
      schema: {
        tags: ['cases'],
        summary: "Freeze the case's customer (or one account), with the case as reference",
        params: CaseParams,
        body: z
          .object({
            scope: z.enum(['debits', 'all']),
            reasonCode: z.enum(FREEZE_REASON_CODES),
            note: z.string().max(1_000).optional(),
            accountId: IdSchema.optional(),
          })
          .strict(),
        response: { 201: z.object({ freezeId: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { note, accountId, scope, reasonCode } = request.body;
      const frozen = await freezeFromCase(
        db,
        staff,
        request.params.platformId,
        request.params.caseId,
        {
          scope,
          reasonCode,
          ...(note === undefined ? {} : { note }),
          ...(accountId === undefined ? {} : { accountId }),
        },
      );
      return frozen.ok ? reply.code(201).send(frozen.value) : sendCaseProblem(reply, frozen.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/freezes/:freezeId/lift',
    {
      config: { permission: 'freezes.lift_request' },
      schema: {
        tags: ['cases'],
        summary: 'Ask to lift a freeze (a second person approves)',
        params: CaseParams.extend({ freezeId: IdSchema }),
        body: ReasonSchema,
        response: { 202: z.object({ approvalId: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { platformId, caseId, freezeId } = request.params;
      const requested = await requestUnfreezeFromCase(db, staff, platformId, caseId, {
        freezeId,
        reason: request.body.reason,
      });
      return requested.ok
        ? reply.code(202).send(requested.value)
        : sendCaseProblem(reply, requested.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/str-drafts',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary: 'Start a suspicious-transaction-report draft filled from the case',
        params: CaseParams,
        response: {
          201: z.object({ draftId: z.string(), facts: z.record(z.string(), z.unknown()) }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const drafted = await draftStrFromCase(
        db,
        staff,
        request.params.platformId,
        request.params.caseId,
      );
      return drafted.ok
        ? reply.code(201).send(drafted.value)
        : sendCaseProblem(reply, drafted.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/information-requests',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary: 'Ask the platform for information (sent to its webhooks as case.info_requested)',
        params: CaseParams,
        body: z.object({ question: z.string().min(1).max(NOTE_LENGTH_MAX) }).strict(),
        response: { 201: z.object({ requestId: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const asked = await requestInformation(
        db,
        staff,
        request.params.platformId,
        request.params.caseId,
        request.body.question,
      );
      return asked.ok ? reply.code(201).send(asked.value) : sendCaseProblem(reply, asked.error);
    },
  );
}
