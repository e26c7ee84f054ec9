import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runBacktest } from '../../monitor-service/backtest.js';
import { kriHistory, readKris } from '../../monitor-service/kri-reader.js';
import { requestKriThresholds } from '../../monitor-service/kri-thresholds.js';
import type { MonitorService } from '../../monitor-service/monitor-service.js';
import {
  effectivePack,
  listRuleVersions,
  packWithDraft,
  requestActivation,
  saveDraft,
} from '../../monitor-service/rule-store.js';
import { requirePrincipal, type ApiContext } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { PlatformParams } from '../schemas.js';

const tags = ['monitoring'];
const RuleParams = z
  .object({
    platformId: PlatformParams.shape.platformId,
    ruleId: z.string().regex(/^[a-z0-9_.-]{1,100}$/),
    version: z.coerce.number().int().min(1).max(1_000_000),
  })
  .strict();
const Json = z.record(z.string(), z.unknown());
const DAY_MS = 86_400_000;
/** A backtest over HTTP covers at most this period; the CLI has no such limit. */
export const BACKTEST_HTTP_DAYS_MAX = 366;

export interface MonitoringRouteOptions extends ApiContext {
  monitor?: MonitorService;
}

export const monitoringRoutes: FastifyPluginAsyncZod<MonitoringRouteOptions> = async (
  app,
  options,
) => {
  const { db } = options;

  app.get(
    '/v1/platforms/:platformId/monitoring/rules',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: "The platform's effective rule pack, and every stored version of its rules",
        params: PlatformParams,
        response: {
          200: z.object({
            packId: z.string(),
            rules: z.array(Json),
            typologies: z.array(Json),
            versions: z.array(Json),
          }),
        },
      },
    },
    async (request) => {
      const pack = await effectivePack(db, request.params.platformId);
      const versions = await listRuleVersions(db, request.params.platformId);
      return {
        packId: pack.id,
        rules: pack.rules as unknown as Record<string, unknown>[],
        typologies: pack.typologies as unknown as Record<string, unknown>[],
        versions: versions as unknown as Record<string, unknown>[],
      };
    },
  );

  app.post(
    '/v1/platforms/:platformId/monitoring/rules',
    {
      config: { permission: 'rules.write' },
      schema: {
        tags,
        summary: 'Save a draft version of a rule or typology (validated; errors name the field)',
        params: PlatformParams,
        body: z.object({ kind: z.enum(['rule', 'typology']), definition: Json }).strict(),
        response: { 201: z.object({ ruleId: z.string(), version: z.number() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const saved = await saveDraft(
        db,
        principal,
        request.params.platformId,
        request.body.kind,
        request.body.definition,
      );
      if (!saved.ok) {
        if ('issues' in saved)
          return sendProblem(
            reply,
            problem(
              'validation_failed',
              saved.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
              {
                issues: saved.issues,
              },
            ),
          );
        return sendProblem(reply, custodyProblem(saved.error));
      }
      return reply.code(201).send(saved.value);
    },
  );

  app.post(
    '/v1/platforms/:platformId/monitoring/rules/:ruleId/versions/:version/activate',
    {
      config: { permission: 'rules.write' },
      schema: {
        tags,
        summary: 'Ask a second person to activate a draft (four-eyes)',
        params: RuleParams,
        body: z.object({ reason: z.string().min(1).max(500) }).strict(),
        response: { 202: z.object({ approvalId: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const { platformId, ruleId, version } = request.params;
      const requested = await requestActivation(
        db,
        principal,
        platformId,
        ruleId,
        version,
        request.body.reason,
      );
      if (!requested.ok) return sendProblem(reply, custodyProblem(requested.error));
      return reply.code(202).send(requested.value);
    },
  );

  app.post(
    '/v1/platforms/:platformId/monitoring/rules/:ruleId/versions/:version/backtest',
    {
      config: { permission: 'rules.write' },
      schema: {
        tags,
        summary: 'What a draft would have flagged against the active pack over a past period',
        params: RuleParams,
        body: z
          .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
          .strict(),
        response: { 200: Json },
      },
    },
    async (request, reply) => {
      const { platformId, ruleId, version } = request.params;
      const fromMs = Date.parse(request.body.from);
      const toMs = Date.parse(request.body.to);
      if (!(toMs > fromMs) || toMs - fromMs > BACKTEST_HTTP_DAYS_MAX * DAY_MS)
        return sendProblem(
          reply,
          problem(
            'validation_failed',
            `to must follow from by at most ${BACKTEST_HTTP_DAYS_MAX} days`,
          ),
        );
      let draftPack;
      try {
        draftPack = await packWithDraft(db, platformId, ruleId, version);
      } catch (error) {
        return sendProblem(
          reply,
          problem('not_found', error instanceof Error ? error.message : String(error)),
        );
      }
      const report = await runBacktest(db, {
        platformId,
        activePack: await effectivePack(db, platformId),
        draftPack,
        fromMs,
        toMs,
      });
      return report as unknown as Record<string, unknown>;
    },
  );

  app.get(
    '/v1/platforms/:platformId/monitoring/kris',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'Key risk indicators: latest light and recent history of each',
        params: PlatformParams,
        response: { 200: z.object({ items: z.array(Json) }) },
      },
    },
    async (request) => ({
      items: (await kriHistory(db, request.params.platformId)) as unknown as Record<
        string,
        unknown
      >[],
    }),
  );

  app.post(
    '/v1/platforms/:platformId/monitoring/kris/read',
    {
      config: { permission: 'rules.write' },
      schema: {
        tags,
        summary: 'Read every KRI now (they are also read on a schedule)',
        params: PlatformParams,
        response: { 200: z.object({ items: z.array(Json) }) },
      },
    },
    async (request) => ({
      items: (await readKris(db, request.params.platformId, Date.now())) as unknown as Record<
        string,
        unknown
      >[],
    }),
  );

  app.put(
    '/v1/platforms/:platformId/monitoring/kris/:kriId/thresholds',
    {
      config: { permission: 'rules.write' },
      schema: {
        tags,
        summary:
          "Ask a second person to set a KRI's amber and red thresholds, or (null) go back to the defaults",
        params: z
          .object({
            platformId: PlatformParams.shape.platformId,
            kriId: z.string().regex(/^[a-z0-9_]{1,64}$/),
          })
          .strict(),
        body: z
          .object({
            thresholds: z.object({ amberAt: z.number(), redAt: z.number() }).strict().nullable(),
            reason: z.string().min(1).max(500),
          })
          .strict(),
        response: { 202: z.object({ approvalId: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const { platformId, kriId } = request.params;
      const { thresholds, reason } = request.body;
      const requested = await requestKriThresholds(
        db,
        principal,
        platformId,
        kriId,
        thresholds,
        reason,
      );
      if (requested.ok) return reply.code(202).send(requested.value);
      const issues = requested.error.detail?.['issues'];
      if (issues !== undefined)
        return sendProblem(
          reply,
          problem('validation_failed', requested.error.message, { issues }),
        );
      return sendProblem(reply, custodyProblem(requested.error));
    },
  );

  app.get(
    '/v1/platforms/:platformId/monitoring/overview',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'Dashboard: funds in custody, reserve, alerts by severity and rule per day',
        params: PlatformParams,
        querystring: z.object({ days: z.coerce.number().int().min(1).max(90).optional() }).strict(),
        response: { 200: Json },
      },
    },
    async (request) => {
      const platformId = request.params.platformId;
      const days = request.query.days ?? 14;
      const balances = await db.query<{
        currency: string;
        custody: string;
        reserve: string;
        bank: string;
      }>(
        `SELECT currency,
           COALESCE(sum(credits_posted - debits_posted) FILTER (WHERE type = 'customer'), 0) AS custody,
           COALESCE(sum(credits_posted - debits_posted) FILTER (WHERE type = 'reserve'), 0) AS reserve,
           COALESCE(sum(debits_posted - credits_posted) FILTER (WHERE type = 'custody_bank'), 0) AS bank
         FROM accounts WHERE platform_id = $1 GROUP BY currency ORDER BY currency`,
        [platformId],
      );
      const alerts = await db.query<{ day: string; severity: string; rule_id: string; n: string }>(
        `SELECT to_char(date_trunc('day', first_seen_at), 'YYYY-MM-DD') AS day, severity, rule_id, count(*) AS n
         FROM alerts WHERE platform_id = $1 AND first_seen_at >= now() - make_interval(days => $2)
         GROUP BY 1, 2, 3 ORDER BY 1`,
        [platformId, days],
      );
      return {
        balances: balances.map((b) => ({
          currency: b.currency,
          custodyMinor: b.custody,
          reserveMinor: b.reserve,
          bankMinor: b.bank,
        })),
        alerts: alerts.map((a) => ({
          day: a.day,
          severity: a.severity,
          ruleId: a.rule_id,
          count: Number(a.n),
        })),
        monitor: options.monitor?.stats() ?? null,
      };
    },
  );
};
