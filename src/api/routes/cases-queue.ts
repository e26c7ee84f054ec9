import { z } from 'zod';
import {
  CASE_QUEUES,
  CASE_STATES,
  getCaseWorkspace,
  listCases,
  loadCaseMetrics,
  SEVERITIES,
  AlertViewSchema,
  CaseEventSchema,
  CaseViewSchema,
  EvidenceViewSchema,
  MetricsSchema,
} from '../../cases/index.js';
import { platformScope } from '../../security/index.js';
import { requirePlatform, requireStaff } from '../context.js';
import { MoneySchema, moneyJson } from '../money-json.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';
import { CaseParams, type App, type Db } from './cases-schemas.js';

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

/** Case queues, one case's workspace and the queue metrics. */
export function registerCaseQueueRoutes(app: App, db: Db): void {
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
}
