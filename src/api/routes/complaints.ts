import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_COMMANDS,
  COMPLAINT_LIMITS,
  COMPLAINT_STATES,
  complaintStatisticsOf,
  DEADLINE_UNITS,
  getComplaint,
  linkComplaint,
  listComplaints,
  loadComplaintPolicies,
  lodgeComplaint,
  moveComplaint,
  saveComplaintPolicy,
  sweepOverdueComplaints,
  type ComplaintError,
} from '../../complaints/index.js';
import { readAttachment } from '../../complaints/complaint-attachment-read.js';
import { platformScope } from '../../security/index.js';
import { roleHasPermission } from '../../security/permissions.js';
import { requireCustomer, requirePlatform, requirePrincipal, type ApiContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';

/** A refusal of the complaints, privacy or notice services as an RFC 9457 problem. */
export function sendComplaintProblem(reply: FastifyReply, error: ComplaintError): FastifyReply {
  const retryAfter = error.detail?.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  return sendProblem(
    reply,
    problem(
      error.code,
      error.message,
      error.detail === undefined ? {} : { detail_fields: error.detail },
    ),
  );
}

/** A file name without control characters or path separators. */
function isPlainFileName(name: string): boolean {
  for (const character of name) {
    const code = character.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || character === '/' || character === '\\') return false;
  }
  return name !== '.' && name !== '..';
}

const FileNameSchema = z.string().min(1).max(200).refine(isPlainFileName, 'a plain file name');

export const ComplaintBodySchema = z
  .object({
    category: z.enum(COMPLAINT_CATEGORIES),
    subject: z.string().trim().min(1).max(COMPLAINT_LIMITS.subjectLengthMax),
    description: z.string().trim().min(1).max(COMPLAINT_LIMITS.descriptionLengthMax),
    freezeId: IdSchema.optional(),
    instructionIds: z.array(IdSchema).max(COMPLAINT_LIMITS.instructionIdsMax).optional(),
    externalRef: z.string().min(1).max(100).optional(),
    attachments: z
      .array(
        z
          .object({
            fileName: FileNameSchema,
            // Base64 of at most attachmentBytesMax bytes: checked again, exactly, after decoding.
            contentBase64: z
              .string()
              .min(1)
              .max(Math.ceil(COMPLAINT_LIMITS.attachmentBytesMax / 3) * 4 + 4),
          })
          .strict(),
      )
      .max(COMPLAINT_LIMITS.attachmentsMax)
      .optional(),
  })
  .strict();

const ComplaintParams = PlatformParams.extend({ complaintId: IdSchema });
const DeadlineSpecSchema = z
  .object({ amount: z.number().int().min(1).max(720), unit: z.enum(DEADLINE_UNITS) })
  .strict();

type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
type Db = ApiContext['db'];

export const complaintRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  registerIntake(app, db);
  registerReads(app, db);
  registerWork(app, db);
  registerStatistics(app, db);
  registerPortal(app, db);
};

function registerIntake(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/complaints',
    {
      config: { permission: 'complaints.submit' },
      schema: {
        tags: ['complaints'],
        summary:
          "Lodge a customer's complaint (a flood from one customer or platform is refused with 429)",
        params: PlatformParams,
        body: ComplaintBodySchema.extend({
          customerId: IdSchema,
          channel: z.enum(['api', 'staff']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const { channel, ...body } = request.body;
      const lodged = await lodgeComplaint(db, principal.id, platformId, {
        ...stripUndefined(body),
        channel: channel ?? (principal.kind === 'platform' ? 'api' : 'staff'),
      });
      if (!lodged.ok) return sendComplaintProblem(reply, lodged.error);
      return reply.code(lodged.value.replayed ? 200 : 201).send(lodged.value);
    },
  );
}

/** Drops keys whose value is undefined (exactOptionalPropertyTypes). */
export function stripUndefined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function registerReads(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/complaints',
    {
      config: { permission: 'complaints.read' },
      schema: {
        tags: ['complaints'],
        summary: 'Complaints of a platform, newest first, with deadlines and overdue flags',
        params: PlatformParams,
        querystring: z
          .object({
            state: z.enum(COMPLAINT_STATES).optional(),
            category: z.enum(COMPLAINT_CATEGORIES).optional(),
            customerId: IdSchema.optional(),
            overdue: z.enum(['true', 'false']).optional(),
            open: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(COMPLAINT_LIMITS.pageMax).optional(),
            cursor: IdSchema.optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { overdue, open, ...rest } = request.query;
      return listComplaints(db, request.params.platformId, {
        ...stripUndefined(rest),
        ...(overdue === undefined ? {} : { overdue: overdue === 'true' }),
        ...(open === undefined ? {} : { open: open === 'true' }),
      });
    },
  );

  app.get(
    '/v1/platforms/:platformId/complaints/:complaintId',
    {
      config: { permission: 'complaints.read' },
      schema: {
        tags: ['complaints'],
        summary: 'A complaint with its timeline; its text only for readers of personal data',
        params: ComplaintParams,
      },
    },
    async (request, reply) => {
      const { platformId, complaintId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const withText = roleHasPermission(principal.role, 'personal_data.read');
      const found = await getComplaint(db, platformId, complaintId, withText);
      if (found === null)
        return sendProblem(
          reply,
          problem('unknown_complaint', `complaint ${complaintId} not found`),
        );
      return found;
    },
  );

  app.get(
    '/v1/platforms/:platformId/complaints/:complaintId/attachments/:attachmentId',
    {
      config: { permission: 'complaints.manage' },
      schema: {
        tags: ['complaints'],
        summary: "A complaint's attachment, as uploaded (its SHA-256 in x-content-sha256)",
        params: ComplaintParams.extend({ attachmentId: IdSchema }),
      },
    },
    async (request, reply) => {
      const { platformId, complaintId, attachmentId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const file = await readAttachment(db, platformId, complaintId, attachmentId);
      if (!file.ok) return sendComplaintProblem(reply, file.error);
      return reply
        .type(file.value.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${encodeURIComponent(file.value.fileName)}"`,
        )
        .header('x-content-sha256', file.value.sha256)
        .send(file.value.bytes);
    },
  );
}

function registerWork(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/complaints/:complaintId/moves',
    {
      config: { permission: 'complaints.manage' },
      schema: {
        tags: ['complaints'],
        summary:
          'Acknowledge, investigate, escalate (with reason), resolve or reject (with the answer)',
        params: ComplaintParams,
        body: z
          .object({
            command: z.enum(COMPLAINT_COMMANDS),
            text: z.string().max(COMPLAINT_LIMITS.outcomeLengthMax).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const { platformId, complaintId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const moved = await moveComplaint(
        db,
        principal.id,
        platformId,
        complaintId,
        request.body.command,
        request.body.text,
      );
      if (!moved.ok) return sendComplaintProblem(reply, moved.error);
      return moved.value;
    },
  );

  app.post(
    '/v1/platforms/:platformId/complaints/:complaintId/links',
    {
      config: { permission: 'complaints.manage' },
      schema: {
        tags: ['complaints'],
        summary: 'Link a complaint to a case and/or an incident',
        params: ComplaintParams,
        body: z.object({ caseId: IdSchema.optional(), incidentId: IdSchema.optional() }).strict(),
      },
    },
    async (request, reply) => {
      const { platformId, complaintId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const linked = await linkComplaint(
        db,
        principal.id,
        platformId,
        complaintId,
        stripUndefined(request.body),
      );
      if (!linked.ok) return sendComplaintProblem(reply, linked.error);
      return linked.value;
    },
  );

  app.get(
    '/v1/platforms/:platformId/complaint-policies',
    {
      config: { permission: 'complaints.read' },
      schema: {
        tags: ['complaints'],
        summary:
          'Acknowledgement and resolution deadlines per category (platform values or defaults)',
        params: PlatformParams,
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return { policies: await loadComplaintPolicies(db, request.params.platformId) };
    },
  );

  app.put(
    '/v1/platforms/:platformId/complaint-policies/:category',
    {
      config: { permission: 'complaints.manage' },
      schema: {
        tags: ['complaints'],
        summary: "Set a category's deadlines (restriction objections: at most 15 calendar days)",
        params: PlatformParams.extend({ category: z.enum(COMPLAINT_CATEGORIES) }),
        body: z.object({ acknowledge: DeadlineSpecSchema, resolve: DeadlineSpecSchema }).strict(),
      },
    },
    async (request, reply) => {
      const { platformId, category } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const saved = await db.transaction((tx) =>
        saveComplaintPolicy(tx, principal.id, platformId, category, request.body),
      );
      if (!saved.ok) return sendComplaintProblem(reply, saved.error);
      return { category, ...saved.value };
    },
  );

  app.post(
    '/v1/complaints/overdue-sweep',
    {
      config: { permission: 'complaints.manage' },
      schema: {
        tags: ['complaints'],
        summary:
          'Raise alerts for complaints past a deadline now (the server also does it every minute)',
      },
    },
    async () => sweepOverdueComplaints(db),
  );
}

function registerStatistics(app: App, db: Db): void {
  const Months = z
    .object({
      months: z.coerce.number().int().min(1).max(COMPLAINT_LIMITS.statisticsMonthsMax).optional(),
    })
    .strict();
  app.get(
    '/v1/platforms/:platformId/complaint-statistics',
    {
      config: { permission: 'complaints.read' },
      schema: {
        tags: ['complaints'],
        summary: 'Complaints by category and month: counts, median time to answer, overdue share',
        params: PlatformParams,
        querystring: Months,
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return complaintStatisticsOf(db, [request.params.platformId], request.query.months ?? 12);
    },
  );

  app.get(
    '/v1/complaint-statistics',
    {
      config: { permission: 'complaints.read' },
      schema: {
        tags: ['complaints'],
        summary:
          'Complaints by platform, category and month, over the platforms the caller may see',
        querystring: Months,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      return complaintStatisticsOf(db, platformScope(principal), request.query.months ?? 12);
    },
  );
}

/** The customer's own complaints in the portal: platform and customer come from the session. */
function registerPortal(app: App, db: Db): void {
  app.get(
    '/v1/portal/complaints',
    {
      config: { permission: 'portal.self' },
      schema: { tags: ['portal'], summary: 'My complaints, newest first' },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      return listComplaints(db, customer.platformId, {
        customerId: customer.customerId,
        limit: COMPLAINT_LIMITS.pageMax,
      });
    },
  );

  app.post(
    '/v1/portal/complaints',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags: ['portal'],
        summary: 'Lodge a complaint',
        body: ComplaintBodySchema.omit({ externalRef: true }),
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const lodged = await lodgeComplaint(db, customer.id, customer.platformId, {
        ...stripUndefined(request.body),
        customerId: customer.customerId,
        channel: 'portal',
      });
      if (!lodged.ok) return sendComplaintProblem(reply, lodged.error);
      const { caseId: _internal, ...visible } = lodged.value;
      return reply.code(201).send(visible);
    },
  );

  app.get(
    '/v1/portal/complaints/:complaintId',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags: ['portal'],
        summary: 'One of my complaints, with its timeline and answer',
        params: z.object({ complaintId: IdSchema }).strict(),
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const { complaintId } = request.params;
      const found = await getComplaint(db, customer.platformId, complaintId, true);
      if (found === null || found.complaint.customerId !== customer.customerId)
        return sendProblem(
          reply,
          problem('unknown_complaint', `complaint ${complaintId} not found`),
        );
      // Staff identities and internal links stay inside: the customer sees what happened and when.
      return {
        complaint: { ...found.complaint, caseId: null, incidentId: null },
        subject: found.subject,
        description: found.description,
        outcome: found.outcome,
        events: found.events.map((event) => ({
          kind: event.kind,
          at: event.at,
          text: event.kind === 'resolve' || event.kind === 'reject' ? event.text : null,
        })),
      };
    },
  );
}
