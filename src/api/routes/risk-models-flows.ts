import { z } from 'zod';
import { formatAmount, parseAmount } from '../../money/index.js';
import {
  addLiquidityFlows,
  deleteLiquidityFlow,
  listLiquidityFlows,
} from '../../risk-models/index.js';
import { LiquidityFlowSchema } from '../../risk-models/risk-model-api-schemas.js';
import { requirePlatform } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { CurrencySchema, IdSchema, PlatformParams } from '../schemas.js';
import { DateSchema, type App, type Db } from './risk-models-schemas.js';

const FlowParams = PlatformParams.extend({ flowId: IdSchema });

const NewFlowSchema = z
  .object({
    currency: CurrencySchema,
    dueOn: DateSchema,
    kind: z.enum(['loan_repayment', 'loan_disbursement', 'other_inflow', 'other_outflow']),
    amount: z.string().max(32),
    note: z.string().max(500).default(''),
  })
  .strict();

/** Expected inflows and outflows by date, which a stress run counts in its liquidity path. */
export function registerLiquidityFlowRoutes(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/liquidity-flows',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: 'Expected inflows and outflows by date (loan instalments, disbursements …)',
        params: PlatformParams,
        querystring: z
          .object({
            currency: CurrencySchema.optional(),
            from: DateSchema.optional(),
            to: DateSchema.optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(LiquidityFlowSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const flows = await listLiquidityFlows(db, request.params.platformId, request.query);
      return {
        items: flows.map((f) => ({
          ...f,
          amount: formatAmount(f.amountMinor, f.currency),
          amountMinor: f.amountMinor.toString(),
        })),
      };
    },
  );

  app.post(
    '/v1/platforms/:platformId/liquidity-flows',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: 'Add expected flows (all or none)',
        params: PlatformParams,
        body: z.object({ flows: z.array(NewFlowSchema).min(1).max(1_000) }).strict(),
        response: { 201: z.object({ ids: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const flows = [];
      for (const [index, flow] of request.body.flows.entries()) {
        const parsed = parseAmount(flow.amount, flow.currency);
        if (!parsed.ok) {
          return sendProblem(
            reply,
            problem(parsed.error.code, `flows[${index}].amount: ${JSON.stringify(parsed.error)}`),
          );
        }
        flows.push({ ...flow, amountMinor: parsed.amountMinor });
      }
      const added = await addLiquidityFlows(db, request.params.platformId, flows, principal.id);
      if (!added.ok) return sendProblem(reply, custodyProblem(added.error));
      return reply.code(201).send(added.value);
    },
  );

  app.delete(
    '/v1/platforms/:platformId/liquidity-flows/:flowId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: 'Delete an expected flow',
        params: FlowParams,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { platformId, flowId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const deleted = await deleteLiquidityFlow(db, platformId, flowId, principal.id);
      if (!deleted.ok) return sendProblem(reply, custodyProblem(deleted.error));
      return deleted.value;
    },
  );
}
