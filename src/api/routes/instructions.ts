import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getInstruction,
  listInstructions,
  settleHold,
  type InstructionInput,
  type InstructionView,
} from '../../custody/index.js';
import { parseAmount } from '../../money/index.js';
import type { Principal } from '../../security/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { MoneySchema, moneyJson } from '../money-json.js';
import { custodyProblem, problem, sendProblem, type Problem } from '../problem.js';
import {
  IdSchema,
  InstructionBody,
  InstructionSchema,
  PlatformParams,
  ReasonSchema,
  type InstructionBodyType,
} from '../schemas.js';

const tags = ['instructions'];
const InstructionParams = PlatformParams.extend({ instructionId: IdSchema });

export function instructionJson(view: InstructionView, principal: Principal | null = null) {
  const { amountMinor, currency, platformId: _platformId, ...rest } = view;
  const json = { ...rest, amount: moneyJson(amountMinor, currency) };
  return seesGateDetail(principal) ? json : { ...json, holdRuleIds: [], holdNote: null };
}

/**
 * Why a gate held an instruction (the matched list entry and score, the monitoring rules) is
 * for staff: a platform, whose people talk to the customer, sees only that it is held and the
 * hold's code, so no one is tipped off about screening or monitoring.
 */
function seesGateDetail(principal: Principal | null): boolean {
  return principal !== null && principal.kind === 'staff';
}

const GATE_DETAIL_KEYS = ['holdRuleIds', 'holdNote', 'holdReviewsPending'];

function eventVisibleTo<E extends { detail: unknown }>(event: E, principal: Principal | null): E {
  if (seesGateDetail(principal) || event.detail === null || typeof event.detail !== 'object')
    return event;
  const detail = Object.fromEntries(
    Object.entries(event.detail).filter(([key]) => !GATE_DETAIL_KEYS.includes(key)),
  );
  return { ...event, detail };
}

/** Edge parsing: the decimal amount becomes minor units; the key comes from header or body. */
export function instructionInput(
  body: InstructionBodyType,
  headerKey: string | undefined,
): InstructionInput | Problem {
  const idempotencyKey = headerKey ?? body.idempotencyKey;
  if (idempotencyKey === undefined || idempotencyKey.length === 0 || idempotencyKey.length > 100) {
    return problem('validation_failed', 'send an Idempotency-Key header (1 to 100 characters)');
  }
  if (
    headerKey !== undefined &&
    body.idempotencyKey !== undefined &&
    headerKey !== body.idempotencyKey
  ) {
    return problem('validation_failed', 'Idempotency-Key header and body idempotencyKey differ');
  }
  const amount = parseAmount(body.amount, body.currency);
  if (!amount.ok) {
    if (amount.error.code === 'unknown_currency')
      return problem('unknown_currency', `unknown currency ${body.currency}`);
    return problem('bad_amount', amount.error.reason);
  }
  const { amount: _amount, idempotencyKey: _key, channel: _channel, ...rest } = body;
  return { ...rest, idempotencyKey, amountMinor: amount.amountMinor };
}

export const instructionRoutes: FastifyPluginAsyncZod<ApiContext> = async (
  app,
  { db, custody },
) => {
  app.post(
    '/v1/platforms/:platformId/instructions',
    {
      config: { permission: 'instructions.submit' },
      schema: {
        tags,
        summary:
          "Submit an instruction; a customer debit needs the customer's signature or mandate",
        description:
          'Idempotent by the Idempotency-Key header: a replay returns the first result with ' +
          'Idempotency-Replayed: true; the same key with another payload is refused (409).',
        params: PlatformParams,
        headers: z
          .object({ 'idempotency-key': z.string().min(1).max(100).optional() })
          .passthrough(),
        body: InstructionBody,
        response: { 200: InstructionSchema, 201: InstructionSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const input = instructionInput(request.body, request.headers['idempotency-key']);
      if ('code' in input) return sendProblem(reply, input);
      if (request.body.channel !== undefined)
        input.channel = custody.hashChannel(request.params.platformId, request.body.channel);
      const result = await custody.submit(principal, request.params.platformId, input);
      if (!result.ok) return sendProblem(reply, custodyProblem(result.error));
      if (result.value.created !== null) {
        return reply
          .code(201)
          .header(
            'location',
            `/v1/platforms/${request.params.platformId}/instructions/${result.value.instructionId}`,
          )
          .send(instructionJson(result.value.created, principal));
      }
      const stored = await getInstruction(
        db,
        request.params.platformId,
        result.value.instructionId,
      );
      if (stored === null)
        return sendProblem(reply, problem('internal_error', 'replayed instruction vanished'));
      return reply
        .code(200)
        .header('idempotency-replayed', 'true')
        .send(instructionJson(stored.instruction, principal));
    },
  );

  app.get(
    '/v1/platforms/:platformId/instructions',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'Instructions, newest first',
        params: PlatformParams,
        querystring: z
          .object({
            status: z.enum(['pending', 'posted', 'voided']).optional(),
            accountId: IdSchema.optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
            cursor: z.string().max(64).optional(),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(InstructionSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const page = await listInstructions(db, request.params.platformId, request.query);
      return {
        items: page.items.map((item) => instructionJson(item, principal)),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/v1/platforms/:platformId/instructions/:instructionId',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'One instruction with its history and journal entries',
        params: InstructionParams,
        response: {
          200: InstructionSchema.extend({
            events: z.array(
              z.object({
                event: z.string(),
                actor: z.string(),
                at: z.string(),
                detail: z.unknown(),
              }),
            ),
            transfers: z.array(
              z.object({
                id: z.string(),
                phase: z.string(),
                debitAccountId: z.string(),
                creditAccountId: z.string(),
                amount: MoneySchema,
                at: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const found = await getInstruction(
        db,
        request.params.platformId,
        request.params.instructionId,
      );
      if (found === null)
        return sendProblem(reply, problem('unknown_instruction', 'instruction not found'));
      return {
        ...instructionJson(found.instruction, principal),
        events: found.events.map((event) => eventVisibleTo(event, principal)),
        transfers: found.transfers.map(({ amountMinor, currency, ...transfer }) => ({
          ...transfer,
          amount: moneyJson(amountMinor, currency),
        })),
      };
    },
  );

  for (const decision of ['release', 'void'] as const) {
    app.post(
      `/v1/platforms/:platformId/instructions/:instructionId/${decision}`,
      {
        config: { permission: 'holds.settle' },
        schema: {
          tags,
          summary:
            decision === 'release'
              ? 'Post a held instruction (needs a second person when it awaits approval)'
              : 'Void a held instruction and return the held funds',
          params: InstructionParams,
          body: ReasonSchema,
          response: { 200: z.object({ id: z.string(), status: z.enum(['posted', 'voided']) }) },
        },
      },
      async (request, reply) => {
        const principal = requirePlatform(request, reply, request.params.platformId);
        if (principal === null) return reply;
        const { platformId, instructionId } = request.params;
        const settled = await settleHold(
          db,
          principal,
          platformId,
          instructionId,
          decision,
          request.body.reason,
        );
        if (!settled.ok) return sendProblem(reply, custodyProblem(settled.error));
        return { id: settled.value.instructionId, status: settled.value.status };
      },
    );
  }
};
