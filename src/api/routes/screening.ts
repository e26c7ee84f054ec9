import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  countryCode,
  customerResults,
  decideReview,
  getRescreenRun,
  getReview,
  hitJson,
  LIST_KINDS,
  ListFormatError,
  listRescreenRuns,
  listReviews,
  listVersions,
  parseInternalEntries,
  parseQueryDob,
  ScreeningService,
  startRescreen,
  storeListVersion,
  contentHash,
  type ListFile,
} from '../../screening/index.js';
import {
  LIST_FILE_BYTES_MAX,
  NAME_CHARS_MAX,
  PAGE_ROWS_MAX,
  REASON_CHARS_MAX,
} from '../../screening/screening-limits.js';
import type { Database, Queryable } from '../../store/index.js';
import { requirePlatform, requireStaff, type ApiContext } from '../context.js';
import { custodyProblem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';

export interface ScreeningApiContext extends ApiContext {
  /** The server's screening service (with the gate); a routes-only one is made if absent. */
  screening?: ScreeningService;
}

/** Upload limit of a list import: the files in base64 or text, plus JSON framing. */
export const LIST_IMPORT_BODY_BYTES_MAX = Math.ceil(LIST_FILE_BYTES_MAX * 1.4);

const tags = ['screening'];
const ListNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, . _ -');
const FileSchema = z
  .object({
    name: z.string().min(1).max(200),
    content: z.string().max(LIST_FILE_BYTES_MAX).optional(),
    contentBase64: z.string().max(LIST_IMPORT_BODY_BYTES_MAX).optional(),
  })
  .strict()
  .refine(
    (f) => (f.content === undefined) !== (f.contentBase64 === undefined),
    'give content or contentBase64',
  );
const ReviewParams = PlatformParams.extend({ reviewId: IdSchema });
const CustomerParams = PlatformParams.extend({ customerId: IdSchema });
const DobSchema = z
  .string()
  .refine((v) => parseQueryDob(v) !== null, 'YYYY, YYYY-MM or YYYY-MM-DD');
const CountrySchema = z
  .string()
  .refine((v) => countryCode(v) !== null, 'an ISO 3166 code or country name');

const services = new WeakMap<Database, ScreeningService>();
function serviceFor(db: Database, given: ScreeningService | undefined): ScreeningService {
  if (given !== undefined) return given;
  let s = services.get(db);
  if (s === undefined) services.set(db, (s = new ScreeningService(db)));
  return s;
}

function filesOf(files: z.infer<typeof FileSchema>[]): ListFile[] {
  return files.map((f) => ({
    name: f.name,
    content: f.content ?? Buffer.from(f.contentBase64 ?? '', 'base64').toString('utf8'),
  }));
}

function listProblem(error: unknown) {
  if (error instanceof ListFormatError)
    return custodyProblem({ code: 'validation_failed', message: error.message });
  throw error;
}

export const screeningRoutes: FastifyPluginAsyncZod<ScreeningApiContext> = async (app, options) => {
  const { db } = options;
  const service = serviceFor(db, options.screening);

  app.get(
    '/v1/screening/lists',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags,
        summary: 'List versions (UN, OFAC, OpenSanctions, internal), newest first, current marked',
        querystring: z
          .object({ limit: z.coerce.number().int().min(1).max(PAGE_ROWS_MAX).optional() })
          .strict(),
      },
    },
    async (request, reply) => {
      if (requireStaff(request, reply) === null) return reply;
      return { items: await listVersions(db, request.query.limit ?? 100) };
    },
  );

  app.post(
    '/v1/screening/lists/imports',
    {
      bodyLimit: LIST_IMPORT_BODY_BYTES_MAX,
      config: { permission: 'screening.manage' },
      schema: {
        tags,
        summary:
          'Import a list file (or OFAC sdn/alt/add files) as a new version; starts a rescreen',
        body: z
          .object({
            kind: z.enum(LIST_KINDS),
            listName: ListNameSchema.optional(),
            files: z.array(FileSchema).min(1).max(3),
            rescreen: z.boolean().default(true),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const principal = requireStaff(request, reply);
      if (principal === null) return reply;
      const { kind, files, rescreen } = request.body;
      const listName = request.body.listName ?? kind;
      let outcome;
      try {
        outcome = await service.importList(principal.id, kind, listName, filesOf(files));
      } catch (error) {
        return sendProblem(reply, listProblem(error));
      }
      if (outcome.unchanged)
        return reply.code(200).send({
          unchanged: true,
          version: outcome.version,
          rescreenRunId: null,
          message: `same content as version ${outcome.version.version}: nothing imported`,
        });
      const run = rescreen
        ? await startRescreen(
            service,
            principal.id,
            `${kind}/${listName} version ${outcome.version.version}`,
          )
        : null;
      return reply
        .code(201)
        .send({ unchanged: false, version: outcome.version, rescreenRunId: run?.id ?? null });
    },
  );

  app.post(
    '/v1/screening/internal-lists/:listName/entries',
    {
      config: { permission: 'screening.manage' },
      schema: {
        tags,
        summary: 'Replace an internal watchlist with these entries (a new version)',
        params: z.object({ listName: ListNameSchema }).strict(),
        body: z
          .object({
            entries: z.array(z.unknown()).min(1).max(10_000),
            rescreen: z.boolean().default(true),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const principal = requireStaff(request, reply);
      if (principal === null) return reply;
      const { listName } = request.params;
      let outcome;
      try {
        const parsed = parseInternalEntries(request.body.entries);
        const body = JSON.stringify(request.body.entries);
        outcome = await storeListVersion(
          db,
          principal.id,
          listName,
          parsed,
          contentHash([{ name: 'entries.json', content: body }]),
        );
      } catch (error) {
        return sendProblem(reply, listProblem(error));
      }
      if (outcome.unchanged)
        return reply
          .code(200)
          .send({ unchanged: true, version: outcome.version, rescreenRunId: null });
      await service.reload();
      const run = request.body.rescreen
        ? await startRescreen(
            service,
            principal.id,
            `internal/${listName} version ${outcome.version.version}`,
          )
        : null;
      return reply
        .code(201)
        .send({ unchanged: false, version: outcome.version, rescreenRunId: run?.id ?? null });
    },
  );

  app.post(
    '/v1/screening/screen',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags,
        summary: 'Screen a name against the current lists, with the explanation of each hit',
        body: z
          .object({
            name: z.string().min(1).max(NAME_CHARS_MAX),
            dob: DobSchema.optional(),
            country: CountrySchema.optional(),
            minScore: z.number().min(0).max(1).optional(),
            limit: z.number().int().min(1).max(50).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      if (requireStaff(request, reply) === null) return reply;
      const { name, dob, country, minScore, limit } = request.body;
      const started = process.hrtime.bigint();
      const hits = await service.screenName(
        {
          name,
          dob: dob === undefined ? null : parseQueryDob(dob),
          country: country === undefined ? null : countryCode(country),
        },
        { minScore: minScore ?? 0.7, limit: limit ?? 10 },
      );
      const micros = Number(process.hrtime.bigint() - started) / 1_000;
      return {
        threshold: service.threshold,
        listsFingerprint: service.fingerprint,
        tookMicros: Math.round(micros),
        hits: hits.map((h) => ({
          ...hitJson(h, false),
          aboveThreshold: h.score >= service.threshold,
        })),
      };
    },
  );

  app.post(
    '/v1/screening/rescreen-runs',
    {
      config: { permission: 'screening.manage' },
      schema: {
        tags,
        summary: 'Rescreen every customer and bank account holder against the current lists',
        body: z.object({ reason: z.string().min(1).max(500) }).strict(),
      },
    },
    async (request, reply) => {
      const principal = requireStaff(request, reply);
      if (principal === null) return reply;
      const run = await startRescreen(service, principal.id, request.body.reason);
      return reply.code(202).send({ id: run.id, joined: run.joined });
    },
  );

  app.get(
    '/v1/screening/rescreen-runs',
    {
      config: { permission: 'screening.read' },
      schema: { tags, summary: 'Rescreen runs, newest first' },
    },
    async (request, reply) => {
      if (requireStaff(request, reply) === null) return reply;
      return { items: await listRescreenRuns(db, 50) };
    },
  );

  app.get(
    '/v1/screening/rescreen-runs/:runId',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags,
        summary: 'A rescreen run and its progress',
        params: z.object({ runId: IdSchema }).strict(),
      },
    },
    async (request, reply) => {
      if (requireStaff(request, reply) === null) return reply;
      const run = await getRescreenRun(db, request.params.runId);
      if (run === null)
        return sendProblem(
          reply,
          custodyProblem({
            code: 'not_found',
            message: `rescreen run ${request.params.runId} not found`,
          }),
        );
      return run;
    },
  );

  app.get(
    '/v1/platforms/:platformId/customers/:customerId/screening',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags,
        summary: "A customer's latest screening results and reviews",
        params: CustomerParams,
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      if (!(await customerExists(db, platformId, customerId)))
        return sendProblem(
          reply,
          custodyProblem({ code: 'unknown_customer', message: `customer ${customerId} not found` }),
        );
      return {
        results: await customerResults(db, platformId, customerId),
        reviews: await listReviews(db, platformId, {
          subjectKind: 'customer',
          subjectId: customerId,
          limit: PAGE_ROWS_MAX,
        }),
      };
    },
  );

  app.post(
    '/v1/platforms/:platformId/customers/:customerId/screening',
    {
      config: { permission: 'screening.manage' },
      schema: {
        tags,
        summary: 'Screen a customer and its bank account holders now',
        params: CustomerParams,
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      if (!(await customerExists(db, platformId, customerId)))
        return sendProblem(
          reply,
          custodyProblem({ code: 'unknown_customer', message: `customer ${customerId} not found` }),
        );
      await service.screenCustomerNow(customerId);
      return {
        results: await customerResults(db, platformId, customerId),
        reviews: await listReviews(db, platformId, {
          subjectKind: 'customer',
          subjectId: customerId,
          limit: PAGE_ROWS_MAX,
        }),
      };
    },
  );

  app.get(
    '/v1/platforms/:platformId/screening/reviews',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags,
        summary: 'Screening reviews, newest first (status pending = open or release proposed)',
        params: PlatformParams,
        querystring: z
          .object({
            status: z
              .enum(['pending', 'open', 'release_proposed', 'true_match', 'false_positive'])
              .optional(),
            subjectKind: z.enum(['customer', 'instruction']).optional(),
            limit: z.coerce.number().int().min(1).max(PAGE_ROWS_MAX).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { status, subjectKind, limit } = request.query;
      return {
        items: await listReviews(db, request.params.platformId, {
          ...(status === undefined ? {} : { status }),
          ...(subjectKind === undefined ? {} : { subjectKind }),
          limit: limit ?? 100,
        }),
      };
    },
  );

  app.get(
    '/v1/platforms/:platformId/screening/reviews/:reviewId',
    {
      config: { permission: 'screening.read' },
      schema: { tags, summary: 'A screening review', params: ReviewParams },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const review = await getReview(db, request.params.platformId, request.params.reviewId);
      if (review === null)
        return sendProblem(
          reply,
          custodyProblem({
            code: 'not_found',
            message: `screening review ${request.params.reviewId} not found`,
          }),
        );
      return review;
    },
  );

  app.post(
    '/v1/platforms/:platformId/screening/reviews/:reviewId/decision',
    {
      config: { permission: 'screening.manage' },
      schema: {
        tags,
        summary:
          'Decide a review: true match (keeps held, freezes) or false positive (whitelists, releases)',
        params: ReviewParams,
        body: z
          .object({
            decision: z.enum(['true_match', 'false_positive']),
            reason: z.string().min(1).max(REASON_CHARS_MAX),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const result = await decideReview(
        service,
        principal,
        request.params.platformId,
        request.params.reviewId,
        request.body.decision,
        request.body.reason,
      );
      if (!result.ok) return sendProblem(reply, custodyProblem(result.error));
      return result.value;
    },
  );
};

async function customerExists(db: Queryable, platformId: string, customerId: string) {
  const found = await db.query('SELECT 1 FROM customers WHERE id = $1 AND platform_id = $2', [
    customerId,
    platformId,
  ]);
  return found.length > 0;
}
