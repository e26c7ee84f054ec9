import type { RelyingParty } from '../../portal/relying-party.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  COMPLIANCE_LIMITS,
  CONTROL_OUTCOMES,
  controlByCode,
  controlHistory,
  ControlOwnerRefused,
  endRelationship,
  EndRelationshipRefused,
  ensureRegister,
  getRetentionPolicy,
  JURISDICTIONS,
  listControls,
  listObligations,
  REPORT_FILE_FORMATS,
  RetentionPolicyRefused,
  requestRetentionExecution,
  runControls,
  runRetention,
  setControlOwner,
  setRetentionPolicy,
  UnknownControl,
  useRetentionVaultOf,
} from '../../compliance/index.js';
import { requirePlatform, requireStaff, type ApiContext } from '../context.js';
import { custodyProblem, problem, sendProblem, type ProblemCode } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';
import { registerRetentionHoldRoutes } from './retention-hold-routes.js';
import { registerRetentionRunRoutes } from './retention-run-routes.js';

const CodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9-]{1,39}$/, 'a control code such as CTL-AUTH-DEBIT');
const LatestSchema = z.object({ outcome: z.enum(CONTROL_OUTCOMES), ranAt: z.string() }).nullable();
const ControlSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  ownerId: z.string().nullable(),
  frequency: z.string(),
  tests: z.array(z.string()),
  obligationIds: z.array(z.string()),
  latest: LatestSchema,
});
const ObligationSchema = z.object({
  id: z.string(),
  jurisdiction: z.string(),
  source: z.string(),
  article: z.string(),
  title: z.string(),
  summary: z.string(),
  inForceFrom: z.string().nullable(),
  controls: z.array(ControlSchema),
});
const RunSchema = z.object({
  id: z.string(),
  ranAt: z.string(),
  outcome: z.enum(CONTROL_OUTCOMES),
  trigger: z.string(),
  ranBy: z.string(),
  evidence: z.record(z.string(), z.unknown()),
});
const RunResultSchema = z.object({
  id: z.string(),
  controlId: z.string(),
  code: z.string(),
  platformId: z.string(),
  ranAt: z.string(),
  outcome: z.enum(CONTROL_OUTCOMES),
  evidence: z.record(z.string(), z.unknown()),
});
const PolicySchema = z.object({
  platformId: z.string(),
  jurisdictions: z.array(z.enum(JURISDICTIONS)),
  retentionYearsOverride: z.number().nullable(),
  retentionYears: z.number(),
  statutoryMinimumYears: z.number(),
  configured: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
const DueCustomerSchema = z.object({
  customerId: z.string(),
  relationshipEndedAt: z.string(),
  lastTransactionAt: z.string().nullable(),
  dueAt: z.string(),
  bankAccounts: z.number(),
});
/** A stored report file whose retention ran out: named by its request, never its content. */
const DueReportFileSchema = z.object({
  fileId: z.string(),
  format: z.enum(REPORT_FILE_FORMATS),
  reportId: z.string(),
  reportKind: z.enum(['lvtr', 'str']),
  version: z.number(),
  sha256: z.string(),
  retainedFrom: z.string(),
  dueAt: z.string(),
});

type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
type Db = ApiContext['db'];

/** Obligations register, controls and their automated tests, retention. */
export interface ComplianceRouteOptions extends ApiContext {
  /** The portal's configured relying party; control runs re-verify passkey evidence with it. */
  portalRelyingParty?: RelyingParty;
}

export const complianceRoutes: FastifyPluginAsyncZod<ComplianceRouteOptions> = async (
  app,
  { db, portalRelyingParty },
) => {
  useRetentionVaultOf(db);
  registerRegisterRoutes(app, db);
  registerControlRoutes(app, db, portalRelyingParty);
  registerRetentionRoutes(app, db);
  registerRetentionRunRoutes(app, db);
  registerRetentionHoldRoutes(app, db);
};

function registerRegisterRoutes(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/compliance/obligations',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['compliance'],
        summary:
          'The obligations register, each obligation with its controls and their latest results',
        params: PlatformParams,
        response: { 200: z.object({ items: z.array(ObligationSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      await ensureRegister(db);
      return { items: await listObligations(db, request.params.platformId) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/compliance/controls',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['compliance'],
        summary: 'Controls with their owner, automated tests and latest result for the platform',
        params: PlatformParams,
        response: { 200: z.object({ items: z.array(ControlSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      await ensureRegister(db);
      return { items: await listControls(db, request.params.platformId) };
    },
  );

  app.put(
    '/v1/compliance/controls/:code/owner',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['compliance'],
        summary: 'Names the member of staff answerable for a control (null: nobody yet)',
        params: z.object({ code: CodeSchema }).strict(),
        body: z.object({ ownerId: IdSchema.nullable() }).strict(),
        response: { 200: z.object({ code: z.string(), ownerId: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      const principal = requireStaff(request, reply);
      if (principal === null) return reply;
      await ensureRegister(db);
      const control = await controlByCode(db, request.params.code);
      if (control === null)
        return sendProblem(reply, problem('not_found', `no control ${request.params.code}`));
      try {
        await db.transaction((tx) =>
          setControlOwner(tx, principal.id, control.id, request.body.ownerId),
        );
      } catch (error) {
        if (error instanceof ControlOwnerRefused)
          return sendProblem(reply, problem('validation_failed', error.message));
        throw error;
      }
      return { code: control.code, ownerId: request.body.ownerId };
    },
  );
}

function registerControlRoutes(app: App, db: Db, portalRelyingParty?: RelyingParty): void {
  app.post(
    '/v1/platforms/:platformId/compliance/controls/runs',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['compliance'],
        summary:
          'Runs controls now (all, or the codes given) over a window ending now; keeps the results',
        params: PlatformParams,
        body: z
          .object({
            codes: z.array(CodeSchema).min(1).max(50).optional(),
            windowDays: z.number().int().min(1).max(COMPLIANCE_LIMITS.historyDaysMax).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(RunResultSchema) }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      try {
        const items = await runControls(db, {
          platformId: request.params.platformId,
          trigger: 'manual',
          actor: principal.id,
          ...(request.body.codes === undefined ? {} : { codes: request.body.codes }),
          ...(request.body.windowDays === undefined ? {} : { windowDays: request.body.windowDays }),
          ...(portalRelyingParty === undefined ? {} : { portalRelyingParty }),
        });
        return { items };
      } catch (error) {
        if (error instanceof UnknownControl)
          return sendProblem(reply, problem('not_found', error.message));
        throw error;
      }
    },
  );

  app.get(
    '/v1/platforms/:platformId/compliance/controls/:code/history',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['compliance'],
        summary: "A control's results for the platform, newest first, and its pass rate per day",
        params: PlatformParams.extend({ code: CodeSchema }),
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(COMPLIANCE_LIMITS.historyRunsMax).optional(),
            days: z.coerce.number().int().min(1).max(COMPLIANCE_LIMITS.historyDaysMax).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            code: z.string(),
            runs: z.array(RunSchema),
            daily: z.array(
              z.object({
                day: z.string(),
                runs: z.number(),
                passed: z.number(),
                failed: z.number(),
                errored: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, code } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      await ensureRegister(db);
      const control = await controlByCode(db, code);
      if (control === null) return sendProblem(reply, problem('not_found', `no control ${code}`));
      const history = await controlHistory(db, platformId, control.id, {
        limit: request.query.limit ?? 50,
        days: request.query.days ?? 30,
      });
      return { code, ...history };
    },
  );
}

const END_REFUSAL_CODES: Record<EndRelationshipRefused['reason'], ProblemCode> = {
  customer_not_found: 'unknown_customer',
  already_ended: 'invalid_state',
  ended_in_future: 'validation_failed',
  ended_too_long_ago: 'validation_failed',
  ended_before_creation: 'validation_failed',
  ended_before_activity: 'validation_failed',
  money_held: 'invalid_state',
  active_freeze: 'account_frozen',
};

function registerRetentionRoutes(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/retention/policy',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['compliance'],
        summary: 'The retention policy: jurisdictions, statutory minimum and the period applied',
        params: PlatformParams,
        response: { 200: PolicySchema },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return getRetentionPolicy(db, request.params.platformId);
    },
  );

  app.put(
    '/v1/platforms/:platformId/retention/policy',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['compliance'],
        summary:
          'Sets the jurisdictions whose record-keeping rules apply and an optional longer period',
        params: PlatformParams,
        body: z
          .object({
            jurisdictions: z.array(z.enum(JURISDICTIONS)).min(1).max(4),
            retentionYearsOverride: z.number().int().min(1).max(100).nullable(),
          })
          .strict(),
        response: { 200: PolicySchema },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      try {
        return await db.transaction((tx) =>
          setRetentionPolicy(tx, principal.id, request.params.platformId, request.body),
        );
      } catch (error) {
        if (error instanceof RetentionPolicyRefused)
          return sendProblem(reply, problem('validation_failed', error.message));
        throw error;
      }
    },
  );

  app.post(
    '/v1/platforms/:platformId/retention/runs',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['compliance'],
        summary:
          'The retention job: lists the customers and stored report files whose retention has run out (dry run), or asks a second person to approve anonymizing and purging them',
        params: PlatformParams,
        body: z
          .object({ dryRun: z.boolean(), reason: z.string().trim().min(1).max(500).optional() })
          .strict(),
        response: {
          200: z.object({
            platformId: z.string(),
            dryRun: z.boolean(),
            policy: PolicySchema,
            ranAt: z.string(),
            runId: z.string().nullable(),
            customers: z.array(DueCustomerSchema),
            truncated: z.boolean(),
            reportFiles: z.array(DueReportFileSchema),
            reportFilesTruncated: z.boolean(),
            held: z.object({
              customers: z.number(),
              reportFiles: z.number(),
              truncated: z.boolean(),
            }),
          }),
          202: z.object({
            approvalId: z.string(),
            platformId: z.string(),
            retentionYears: z.number(),
            customers: z.array(DueCustomerSchema),
            truncated: z.boolean(),
            reportFiles: z.array(DueReportFileSchema),
            reportFilesTruncated: z.boolean(),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      if (request.body.dryRun) return runRetention(db, principal.id, platformId, { dryRun: true });
      if (request.body.reason === undefined) {
        return sendProblem(
          reply,
          problem(
            'validation_failed',
            'anonymizing customers and purging report files needs a reason for the approver',
          ),
        );
      }
      const requested = await requestRetentionExecution(
        db,
        principal,
        platformId,
        request.body.reason,
      );
      if (!requested.ok) return sendProblem(reply, custodyProblem(requested.error));
      return reply.code(202).send(requested.value);
    },
  );

  app.post(
    '/v1/platforms/:platformId/customers/:customerId/relationship-end',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags: ['compliance'],
        summary:
          'Records the end of the business relationship: the customer is closed, retention starts',
        params: PlatformParams.extend({ customerId: IdSchema }),
        body: z
          .object({ endedAt: z.iso.datetime().optional(), reason: z.string().min(1).max(500) })
          .strict(),
        response: { 200: z.object({ customerId: z.string(), relationshipEndedAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const endedAtMs =
        request.body.endedAt === undefined ? Date.now() : Date.parse(request.body.endedAt);
      try {
        return await db.transaction((tx) =>
          endRelationship(tx, principal.id, platformId, customerId, {
            endedAtMs,
            reason: request.body.reason,
          }),
        );
      } catch (error) {
        if (error instanceof EndRelationshipRefused) {
          return sendProblem(reply, problem(END_REFUSAL_CODES[error.reason], error.message));
        }
        throw error;
      }
    },
  );
}
