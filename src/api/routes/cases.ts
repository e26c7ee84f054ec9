import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addCaseNote,
  addEvidence,
  assignCase,
  CASE_ERROR_STATUS,
  CASE_QUEUES,
  CASE_STATES,
  closeCase,
  DISPOSITIONS,
  draftStrFromCase,
  EVIDENCE_BYTES_MAX,
  freezeFromCase,
  getCaseWorkspace,
  listCases,
  loadCaseMetrics,
  moveCase,
  NOTE_LENGTH_MAX,
  readEvidence,
  requestInformation,
  requestUnfreezeFromCase,
  SEVERITIES,
  settleHoldFromCase,
  AlertViewSchema,
  CaseEventSchema,
  CaseViewSchema,
  EvidenceViewSchema,
  MetricsSchema,
  type CaseError,
} from '../../cases/index.js';
import { FREEZE_REASON_CODES } from '../../custody/index.js';
import { platformScope } from '../../security/index.js';
import { requirePlatform, requireStaff, type ApiContext } from '../context.js';
import { MoneySchema, moneyJson } from '../money-json.js';
import {
  PROBLEM_STATUS,
  problem,
  sendProblem,
  type Problem,
  type ProblemCode,
} from '../problem.js';
import { IdSchema, PlatformParams, ReasonSchema } from '../schemas.js';

/** Until the case codes are in the problem catalogue, each maps to the nearest existing one. */
const STATUS_FALLBACK: Readonly<Record<number, ProblemCode>> = {
  400: 'validation_failed',
  403: 'forbidden',
  404: 'not_found',
  409: 'invalid_state',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

/** A case-service refusal as an RFC 9457 problem; `reason` carries the precise code. */
export function caseProblem(error: CaseError): Problem {
  if (Object.hasOwn(PROBLEM_STATUS, error.code))
    return problem(error.code as ProblemCode, error.message);
  const status = (CASE_ERROR_STATUS as Record<string, number>)[error.code] ?? 400;
  return problem(STATUS_FALLBACK[status] ?? 'validation_failed', error.message, {
    reason: error.code,
  });
}

function isPlainFileName(name: string): boolean {
  for (const character of name) {
    const code = character.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || character === '/' || character === '\\') return false;
  }
  return name !== '.' && name !== '..';
}

export function sendCaseProblem(reply: FastifyReply, error: CaseError): FastifyReply {
  return sendProblem(reply, caseProblem(error));
}

const CaseParams = PlatformParams.extend({ caseId: IdSchema });
const WorkspaceSchema = z.object({
  case: CaseViewSchema,
  allowedCommands: z.array(z.string()),
  alerts: z.array(AlertViewSchema),
  timeline: z.array(CaseEventSchema),
  evidence: z.array(EvidenceViewSchema),
  instructions: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      status: z.string(),
      amount: MoneySchema,
      currency: z.string(),
      purpose: z.string(),
      direction: z.enum(['in', 'out']),
      counterpartyAccountId: z.string(),
      counterpartyAccountType: z.string(),
      counterpartyCustomerId: z.string().nullable(),
      holdReason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  counterparties: z.array(
    z.object({
      accountId: z.string(),
      accountType: z.string(),
      customerId: z.string().nullable(),
      currency: z.string(),
      instructionCount: z.number().int(),
      inflow: MoneySchema,
      outflow: MoneySchema,
    }),
  ),
  strDrafts: z.array(
    z.object({ id: z.string(), status: z.string(), createdBy: z.string(), createdAt: z.string() }),
  ),
});
const ListQuery = z
  .object({
    state: z.enum(CASE_STATES).optional(),
    queue: z.enum(CASE_QUEUES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    assigneeId: IdSchema.optional(),
    open: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: IdSchema.optional(),
  })
  .strict();
const CaseList = z.object({ items: z.array(CaseViewSchema), nextCursor: z.string().nullable() });
const Ack = z.object({ caseId: z.string() });
// Base64 inflates by 4/3; the JSON envelope adds a little.
const EVIDENCE_BODY_BYTES_MAX = Math.ceil((EVIDENCE_BYTES_MAX * 4) / 3) + 16_384;

export const caseRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.get(
    '/v1/cases',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['cases'],
        summary: "Case queues across the platforms in the caller's scope (staff)",
        querystring: ListQuery,
        response: { 200: CaseList },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const q = request.query;
      return listCases(db, {
        platformId: null,
        ...q,
        openOnly: q.open === 'true',
        platformIds: platformScope(staff),
      });
    },
  );

  app.get(
    '/v1/platforms/:platformId/cases',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['cases'],
        summary: 'Cases of a platform, newest first',
        params: PlatformParams,
        querystring: ListQuery,
        response: { 200: CaseList },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const q = request.query;
      return listCases(db, {
        platformId: request.params.platformId,
        ...q,
        openOnly: q.open === 'true',
      });
    },
  );

  app.get(
    '/v1/platforms/:platformId/cases/:caseId',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['cases'],
        summary:
          'The case workspace: case, alerts with explanations, timeline, evidence, instructions, counterparties',
        params: CaseParams,
        response: { 200: WorkspaceSchema },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const workspace = await getCaseWorkspace(
        db,
        request.params.platformId,
        request.params.caseId,
      );
      if (workspace === null)
        return sendProblem(reply, problem('not_found', `case ${request.params.caseId} not found`));
      return {
        ...workspace,
        instructions: workspace.instructions.map(({ amountMinor, ...rest }) => ({
          ...rest,
          amount: moneyJson(amountMinor, rest.currency),
        })),
        counterparties: workspace.counterparties.map(({ inMinor, outMinor, ...rest }) => ({
          ...rest,
          inflow: moneyJson(inMinor, rest.currency),
          outflow: moneyJson(outMinor, rest.currency),
        })),
      };
    },
  );

  app.get(
    '/v1/platforms/:platformId/case-metrics',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['cases'],
        summary:
          'Per queue: time to triage and close, SLA breach rate; per rule: false-positive rate',
        params: PlatformParams,
        querystring: z
          .object({ sinceDays: z.coerce.number().int().min(1).max(366).optional() })
          .strict(),
        response: { 200: MetricsSchema },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const nowMs = Date.now();
      const sinceMs = nowMs - (request.query.sinceDays ?? 90) * 86_400_000;
      return loadCaseMetrics(db, { platformId: request.params.platformId, sinceMs }, nowMs);
    },
  );

  registerCaseWork(app, db);
  registerCaseDisposal(app, db);
};

type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];

function registerCaseWork(app: App, db: ApiContext['db']): void {
  app.post(
    '/v1/platforms/:platformId/cases/:caseId/moves',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary: 'Start investigating, escalate, or return an escalated case to investigation',
        params: CaseParams,
        body: z
          .object({
            move: z.enum(['start_investigation', 'escalate', 'return_to_investigation']),
            note: z.string().min(1).max(NOTE_LENGTH_MAX).optional(),
          })
          .strict(),
        response: { 200: z.object({ caseId: z.string(), state: z.enum(CASE_STATES) }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { platformId, caseId } = request.params;
      const moved = await moveCase(
        db,
        staff,
        platformId,
        caseId,
        request.body.move,
        request.body.note,
      );
      return moved.ok ? moved.value : sendCaseProblem(reply, moved.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/assignment',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary: 'Assign to a named member of staff, or to the next of a role (round-robin)',
        params: CaseParams,
        body: z.union([
          z.object({ principalId: IdSchema }).strict(),
          z.object({ role: z.string().min(1).max(40) }).strict(),
        ]),
        response: { 200: z.object({ caseId: z.string(), assigneeId: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const assigned = await assignCase(
        db,
        staff,
        request.params.platformId,
        request.params.caseId,
        request.body,
      );
      return assigned.ok ? assigned.value : sendCaseProblem(reply, assigned.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/notes',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary: 'Add a note to the timeline',
        params: CaseParams,
        body: z.object({ text: z.string().min(1).max(NOTE_LENGTH_MAX) }).strict(),
        response: { 201: Ack },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const noted = await addCaseNote(
        db,
        staff,
        request.params.platformId,
        request.params.caseId,
        request.body.text,
      );
      return noted.ok ? reply.code(201).send(noted.value) : sendCaseProblem(reply, noted.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/close',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary:
          'Close with a disposition and a written reason; high, critical and reported cases need a second person',
        params: CaseParams,
        body: z
          .object({ disposition: z.enum(DISPOSITIONS), reason: z.string().min(1).max(4_000) })
          .strict(),
        response: {
          200: z.object({ caseId: z.string(), status: z.literal('closed') }),
          202: z.object({
            caseId: z.string(),
            status: z.literal('awaiting_approval'),
            approvalId: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const closed = await closeCase(
        db,
        staff,
        request.params.platformId,
        request.params.caseId,
        request.body,
      );
      if (!closed.ok) return sendCaseProblem(reply, closed.error);
      return reply.code(closed.value.status === 'closed' ? 200 : 202).send(closed.value);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/evidence',
    {
      bodyLimit: EVIDENCE_BODY_BYTES_MAX,
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary:
          'Attach an evidence file (base64; checked by its first bytes, hashed with SHA-256)',
        params: CaseParams,
        body: z
          .object({
            fileName: z
              .string()
              .min(1)
              .max(200)
              .refine(isPlainFileName, 'a plain file name: no path, no control characters'),
            contentBase64: z.string().min(1).max(EVIDENCE_BODY_BYTES_MAX),
            description: z.string().max(1_000).optional(),
          })
          .strict(),
        response: {
          201: z.object({
            id: z.string(),
            fileName: z.string(),
            mediaType: z.string(),
            sizeBytes: z.number(),
            sha256: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { fileName, contentBase64, description } = request.body;
      const added = await addEvidence(db, staff, request.params.platformId, request.params.caseId, {
        fileName,
        content: Buffer.from(contentBase64, 'base64'),
        ...(description === undefined ? {} : { description }),
      });
      if (!added.ok) return sendCaseProblem(reply, added.error);
      const { id, mediaType, sizeBytes, sha256 } = added.value;
      return reply.code(201).send({ id, fileName, mediaType, sizeBytes, sha256 });
    },
  );

  app.get(
    '/v1/platforms/:platformId/cases/:caseId/evidence/:evidenceId',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['cases'],
        summary: 'Download an evidence file as it was attached',
        params: CaseParams.extend({ evidenceId: IdSchema }),
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { platformId, caseId, evidenceId } = request.params;
      const found = await readEvidence(db, platformId, caseId, evidenceId);
      if (!found.ok) return sendCaseProblem(reply, found.error);
      return reply
        .type(found.value.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${encodeURIComponent(found.value.fileName)}"`,
        )
        .header('x-content-sha256', found.value.sha256)
        .send(found.value.content);
    },
  );
}

function registerCaseDisposal(app: App, db: ApiContext['db']): void {
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
