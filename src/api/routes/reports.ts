import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createFollowUp,
  createStr,
  editStr,
  exportReportXml,
  getReport,
  isIsoDate,
  listReports,
  markReportSubmitted,
  ReportingEntitySchema,
  requestReportSubmission,
  runLvtrBatch,
  saveReportingEntity,
  saveSubjectProfile,
  setCalendarDay,
  setFxRate,
  StrEditableSchema,
  SubjectProfileSchema,
  sweepOverdueReports,
  withdrawReport,
} from '../../reports/index.js';
import { exportReportCamlmac } from '../../reports/camlmac/camlmac-export.js';
import { roleHasPermission } from '../../security/permissions.js';
import { requirePlatform, requireStaff, type ApiContext } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { CurrencySchema, IdSchema, PlatformParams, ReasonSchema } from '../schemas.js';

const ReportParams = PlatformParams.extend({ reportId: IdSchema });
const REPORT_STATUSES = ['draft', 'approved', 'submitted', 'withdrawn'] as const;
const DateSchema = z.string().refine(isIsoDate, 'a YYYY-MM-DD date');
const ReportSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  kind: z.enum(['lvtr', 'str']),
  purpose: z.enum(['new', 'correction', 'deletion']),
  originalReportId: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  overdue: z.boolean(),
  businessDate: z.string().nullable(),
  /** LVTR: which of its day's reports this is (a busy day is split into parts). */
  lvtrPart: z.number().nullable(),
  strDraftId: z.string().nullable(),
  caseId: z.string().nullable(),
  currentVersion: z.number(),
  deadlineDate: z.string(),
  submitApprovalId: z.string().nullable(),
  submitRequestedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedVersion: z.number().nullable(),
  approvedAt: z.string().nullable(),
  approvedFileId: z.string().nullable(),
  /** SHA-256 of the approved file: what the export returns and the FIU receives. */
  approvedSha256: z.string().nullable(),
  /** SHA-256 of the approved CAMLMAC file, when one was stored with the approved request. */
  approvedCamlmacSha256: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  fiuRefNumber: z.string().nullable(),
  /** Status `withdrawn`: who withdrew the report, when and why. */
  withdrawnBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const VersionSchema = z.object({
  version: z.number(),
  note: z.string().nullable(),
  editedBy: z.string(),
  editedAt: z.string(),
});
/** A rate as a decimal of at most six places: CNY per one unit of the currency. */
const RateSchema = z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'CNY per unit, e.g. 7.1034');

function microsOf(rate: string): bigint {
  const [whole = '0', fraction = ''] = rate.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}

type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
type Db = ApiContext['db'];

export const reportRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  registerReportReads(app, db);
  registerReportWrites(app, db);
  registerReportSubmission(app, db);
  registerReportSettings(app, db);
};

function registerReportReads(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/reports',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['reports'],
        summary: 'Regulatory reports (large-value and suspicious), newest first',
        params: PlatformParams,
        querystring: z
          .object({
            kind: z.enum(['lvtr', 'str']).optional(),
            status: z.enum(REPORT_STATUSES).optional(),
            overdue: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
            cursor: IdSchema.optional(),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(ReportSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { overdue, ...rest } = request.query;
      return listReports(db, request.params.platformId, {
        ...rest,
        ...(overdue === undefined ? {} : { overdue: overdue === 'true' }),
      });
    },
  );

  app.get(
    '/v1/platforms/:platformId/reports/:reportId',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['reports'],
        summary: 'A report, one version of its content (the latest by default), its versions',
        params: ReportParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }).strict(),
        response: {
          200: z.object({
            report: ReportSchema,
            content: z.unknown(),
            versions: z.array(VersionSchema),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, reportId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const found = await getReport(db, platformId, reportId, request.query.version);
      if (found === null)
        return sendProblem(reply, problem('not_found', `report ${reportId} not found`));
      return found;
    },
  );

  app.get(
    '/v1/platforms/:platformId/reports/:reportId/export',
    {
      config: { permission: 'reports.export' },
      schema: {
        tags: ['reports'],
        summary: 'The report as goAML or CAMLMAC XML (application/xml), or wrapped in JSON',
        params: ReportParams,
        querystring: z
          .object({
            version: z.coerce.number().int().min(1).optional(),
            format: z.enum(['xml', 'json']).optional(),
            /** goAML (default) or CAMLMAC's HVTR/BSTR messages. */
            standard: z.enum(['goaml', 'camlmac']).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const { platformId, reportId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      // Both standards carry subjects' names and ID numbers in clear.
      if (!roleHasPermission(principal.role, 'personal_data.read'))
        return sendProblem(
          reply,
          problem('forbidden', 'exports carry personal data: personal_data.read is required'),
        );
      const { version, format, standard } = request.query;
      const exported = await (standard === 'camlmac' ? exportReportCamlmac : exportReportXml)(
        db,
        platformId,
        reportId,
        version === undefined ? {} : { version },
      );
      if (!exported.ok) return sendProblem(reply, custodyProblem(exported.error));
      if (format === 'json') return exported.value;
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exported.value.fileName}"`)
        .header('x-content-sha256', exported.value.sha256)
        .send(exported.value.xml);
    },
  );
}

function registerReportWrites(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/reports/lvtr-runs',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary:
          'Run the large-value batch for a CST calendar day that has ended (yesterday or ' +
          'earlier); a day of more transactions than one report lists is split into parts',
        params: PlatformParams,
        body: z.object({ date: DateSchema }).strict(),
        response: {
          200: z.object({
            /** Part 1's report. */
            reportId: z.string().nullable(),
            version: z.number().nullable(),
            businessDate: z.string(),
            postingsRead: z.number(),
            items: z.number(),
            transactions: z.number(),
            unchanged: z.boolean(),
            parts: z.array(
              z.object({
                part: z.number(),
                reportId: z.string(),
                version: z.number(),
                items: z.number(),
                transactions: z.number(),
                unchanged: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const run = await runLvtrBatch(db, principal, request.params.platformId, request.body.date);
      if (!run.ok) return sendProblem(reply, custodyProblem(run.error));
      return run.value;
    },
  );

  app.post(
    '/v1/platforms/:platformId/reports/str',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: "Start a suspicious transaction report from a case's draft, or directly",
        params: PlatformParams,
        body: z.union([
          z.object({ strDraftId: IdSchema }).strict(),
          z.object({ content: StrEditableSchema, caseId: IdSchema.optional() }).strict(),
        ]),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const body = request.body;
      const created = await createStr(
        db,
        principal,
        request.params.platformId,
        'strDraftId' in body
          ? { strDraftId: body.strDraftId }
          : {
              content: body.content,
              ...(body.caseId === undefined ? {} : { caseId: body.caseId }),
            },
      );
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      return reply.code(201).send({ id: created.value.reportId });
    },
  );

  app.post(
    '/v1/platforms/:platformId/reports/:reportId/versions',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: 'Edit a draft suspicious transaction report: each edit is a new version',
        params: ReportParams,
        body: StrEditableSchema.extend({ note: z.string().min(1).max(500).optional() }),
        response: { 201: z.object({ version: z.number() }) },
      },
    },
    async (request, reply) => {
      const { platformId, reportId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const { note, ...editable } = request.body;
      const edited = await editStr(db, principal, platformId, reportId, editable, note ?? null);
      if (!edited.ok) return sendProblem(reply, custodyProblem(edited.error));
      return reply.code(201).send(edited.value);
    },
  );

  app.post(
    '/v1/platforms/:platformId/reports/:reportId/follow-ups',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: 'Start a correction or deletion report of a submitted report',
        params: ReportParams,
        body: z
          .object({
            purpose: z.enum(['correction', 'deletion']),
            reason: z.string().min(1).max(500),
          })
          .strict(),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { platformId, reportId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const { purpose, reason } = request.body;
      const created = await createFollowUp(db, principal, platformId, reportId, purpose, reason);
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      return reply.code(201).send({ id: created.value.reportId });
    },
  );
}

function registerReportSubmission(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/reports/:reportId/submission',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: 'Ask to submit the current version: a second, different person must approve',
        params: ReportParams,
        body: ReasonSchema,
        response: {
          202: z.object({
            approvalId: z.string(),
            version: z.number(),
            /** The CAMLMAC file put up beside the goAML one, or the CAMLMAC fields missing. */
            camlmac: z.union([
              z.object({ sha256: z.string(), fileName: z.string() }),
              z.object({ missingFields: z.array(z.string()) }),
            ]),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, reportId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const requested = await requestReportSubmission(
        db,
        principal,
        platformId,
        reportId,
        request.body.reason,
      );
      if (!requested.ok) return sendProblem(reply, custodyProblem(requested.error));
      return reply.code(202).send(requested.value);
    },
  );

  app.post(
    '/v1/platforms/:platformId/reports/:reportId/submitted',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: 'Record that an approved report was filed with the FIU',
        params: ReportParams,
        body: z.object({ fiuRefNumber: z.string().min(1).max(255).optional() }).strict(),
        response: { 200: z.object({ submittedAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const { platformId, reportId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const marked = await markReportSubmitted(
        db,
        principal,
        platformId,
        reportId,
        request.body.fiuRefNumber ?? null,
      );
      if (!marked.ok) return sendProblem(reply, custodyProblem(marked.error));
      return marked.value;
    },
  );

  app.post(
    '/v1/platforms/:platformId/reports/:reportId/withdrawal',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary:
          'Withdraw a suspicious transaction report never approved (a draft, or awaiting ' +
          'approval: the request is closed); it is kept, and a new follow-up can be started',
        params: ReportParams,
        body: ReasonSchema,
        response: {
          200: z.object({
            reportId: z.string(),
            status: z.literal('withdrawn'),
            withdrawnBy: z.string(),
            withdrawnAt: z.string(),
            /** The submission request that awaited approval and was closed, if any. */
            closedApprovalId: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, reportId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const withdrawn = await withdrawReport(
        db,
        principal,
        platformId,
        reportId,
        request.body.reason,
      );
      if (!withdrawn.ok) return sendProblem(reply, custodyProblem(withdrawn.error));
      return { ...withdrawn.value, status: 'withdrawn' as const };
    },
  );

  app.post(
    '/v1/reports/overdue-sweep',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: 'Raise an alert for every report past its deadline and not submitted',
        response: { 200: z.object({ alerted: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      if (requireStaff(request, reply) === null) return reply;
      return sweepOverdueReports(db);
    },
  );
}

function registerReportSettings(app: App, db: Db): void {
  app.put(
    '/v1/platforms/:platformId/reports/entity',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: 'The reporting entity as the FIU knows it, and the FIU code lists',
        params: PlatformParams,
        body: ReportingEntitySchema,
        response: { 200: ReportingEntitySchema },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      await db.transaction((tx) =>
        saveReportingEntity(tx, principal.id, request.params.platformId, request.body),
      );
      return request.body;
    },
  );

  app.put(
    '/v1/platforms/:platformId/reports/subjects/:customerId',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: "A customer's reporting profile (occupation, nationality, registration facts)",
        params: PlatformParams.extend({ customerId: IdSchema }),
        body: SubjectProfileSchema,
        response: { 200: SubjectProfileSchema },
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const known = await db.query('SELECT 1 FROM customers WHERE id = $1 AND platform_id = $2', [
        customerId,
        platformId,
      ]);
      if (known.length === 0)
        return sendProblem(reply, problem('not_found', `customer ${customerId} not found`));
      await saveSubjectProfile(db, principal.id, platformId, customerId, request.body);
      return request.body;
    },
  );

  app.put(
    '/v1/reports/calendar/:day',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: 'Mark a day as a holiday or make-up workday for report deadlines',
        params: z.object({ day: DateSchema }).strict(),
        body: z
          .object({
            kind: z.enum(['holiday', 'workday', 'normal']),
            note: z.string().min(1).max(200).optional(),
          })
          .strict(),
        response: { 200: z.object({ day: z.string(), kind: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { day } = request.params;
      const { kind, note } = request.body;
      await db.transaction((tx) => setCalendarDay(tx, staff.id, day, kind, note ?? null));
      return { day, kind };
    },
  );

  app.put(
    '/v1/reports/fx-rates/:currency',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['reports'],
        summary: "A currency's rate to CNY for a day, or its default (date null)",
        params: z.object({ currency: CurrencySchema.refine((c) => c !== 'CNY') }).strict(),
        body: z.object({ date: DateSchema.nullable(), cnyPerUnit: RateSchema }).strict(),
        response: {
          200: z.object({
            currency: z.string(),
            date: z.string().nullable(),
            cnyPerUnit: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const micros = microsOf(request.body.cnyPerUnit);
      if (micros === 0n) return sendProblem(reply, problem('validation_failed', 'a rate above 0'));
      const { currency } = request.params;
      await db.transaction((tx) => setFxRate(tx, staff.id, currency, request.body.date, micros));
      return { currency, date: request.body.date, cnyPerUnit: request.body.cnyPerUnit };
    },
  );
}
