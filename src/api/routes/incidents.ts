import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  closeIncident,
  completeIncidentStep,
  getIncident,
  INCIDENT_STEP_OUTCOMES,
  INCIDENT_TYPES,
  IncidentReviewBody,
  IncidentSummarySchema,
  IncidentViewSchema,
  listIncidents,
  listPlaybooks,
  openIncident,
  PlaybookSchema,
  recordIncidentReview,
  SEVERITIES,
} from '../../cases/index.js';
import { canActOnPlatform, type Principal } from '../../security/index.js';
import { requireStaff, type ApiContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema } from '../schemas.js';
import { sendCaseProblem } from './cases.js';

const IncidentBody = z
  .object({
    incidentType: z.enum(INCIDENT_TYPES),
    title: z.string().min(1).max(200),
    summary: z.string().min(1).max(4_000),
    severity: z.enum(SEVERITIES),
    platformId: IdSchema.optional(),
    caseId: IdSchema.optional(),
  })
  .strict();
const IncidentParams = z.object({ incidentId: IdSchema }).strict();
const Opened = z.object({ incidentId: z.string(), steps: z.number().int() });

/** Incidents of another tenant's platform do not exist for a scoped reader. */
function visible(principal: Principal, platformId: string | null): boolean {
  return platformId === null
    ? principal.role !== 'regulator'
    : canActOnPlatform(principal, platformId);
}

/** Emergency playbooks, incidents and drills, step tracking and post-incident reviews. */
export const incidentRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.get(
    '/v1/playbooks',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['incidents'],
        summary: 'Emergency playbooks: ordered steps, owner roles, deadlines',
        response: { 200: z.object({ items: z.array(PlaybookSchema) }) },
      },
    },
    async () => ({ items: await listPlaybooks(db) }),
  );

  for (const drill of [false, true]) {
    app.post(
      drill ? '/v1/incidents/drills' : '/v1/incidents',
      {
        config: { permission: 'incidents.manage' },
        schema: {
          tags: ['incidents'],
          summary: drill
            ? 'Run a playbook as a drill (marked as such everywhere)'
            : "Open an incident from its type's playbook",
          body: IncidentBody,
          response: { 201: Opened },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request, reply);
        if (staff === null) return reply;
        const opened = await openIncident(db, staff, { ...request.body, drill });
        return opened.ok
          ? reply.code(201).send(opened.value)
          : sendCaseProblem(reply, opened.error);
      },
    );
  }

  app.get(
    '/v1/incidents',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['incidents'],
        summary: 'Incidents and drills, newest first',
        querystring: z
          .object({
            state: z.enum(['open', 'closed']).optional(),
            drill: z.enum(['true', 'false']).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(IncidentSummarySchema) }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { state, drill } = request.query;
      const items = await listIncidents(db, {
        ...(state === undefined ? {} : { state }),
        ...(drill === undefined ? {} : { drill: drill === 'true' }),
      });
      return { items: items.filter((item) => visible(staff, item.platformId)) };
    },
  );

  app.get(
    '/v1/incidents/:incidentId',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['incidents'],
        summary: 'An incident with its steps and review',
        params: IncidentParams,
        response: { 200: IncidentViewSchema },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const incident = await getIncident(db, request.params.incidentId);
      if (incident === null || !visible(staff, incident.platformId))
        return sendProblem(
          reply,
          problem('not_found', `incident ${request.params.incidentId} not found`),
        );
      return incident;
    },
  );

  app.post(
    '/v1/incidents/:incidentId/steps/:stepNo',
    {
      config: { permission: 'incidents.manage' },
      schema: {
        tags: ['incidents'],
        summary:
          "Mark a step done or skipped (skips need a note); only the step's owner role or an admin",
        params: IncidentParams.extend({ stepNo: z.coerce.number().int().min(1).max(50) }),
        body: z
          .object({
            outcome: z.enum(INCIDENT_STEP_OUTCOMES),
            note: z.string().max(4_000).optional(),
          })
          .strict(),
        response: { 200: z.object({ incidentId: z.string(), stepNo: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { incidentId, stepNo } = request.params;
      const done = await completeIncidentStep(db, staff, incidentId, stepNo, request.body);
      return done.ok ? done.value : sendCaseProblem(reply, done.error);
    },
  );

  app.post(
    '/v1/incidents/:incidentId/review',
    {
      config: { permission: 'incidents.manage' },
      schema: {
        tags: ['incidents'],
        summary: 'Record the post-incident review: causes, lessons, follow-up actions',
        params: IncidentParams,
        body: IncidentReviewBody,
        response: { 201: z.object({ incidentId: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const reviewed = await recordIncidentReview(
        db,
        staff,
        request.params.incidentId,
        request.body,
      );
      return reviewed.ok
        ? reply.code(201).send(reviewed.value)
        : sendCaseProblem(reply, reviewed.error);
    },
  );

  app.post(
    '/v1/incidents/:incidentId/close',
    {
      config: { permission: 'incidents.manage' },
      schema: {
        tags: ['incidents'],
        summary: 'Close an incident: every step done or skipped and the review recorded',
        params: IncidentParams,
        response: { 200: z.object({ incidentId: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const closed = await closeIncident(db, staff, request.params.incidentId);
      return closed.ok ? closed.value : sendCaseProblem(reply, closed.error);
    },
  );
};
