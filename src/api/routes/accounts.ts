import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountStatement,
  getAccount,
  listAccounts,
  trialBalance,
  type AccountView,
} from '../../custody/index.js';
import { ACCOUNT_TYPES } from '../../ledger/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { balanceJson, MoneySchema, moneyJson } from '../money-json.js';
import { problem, sendProblem } from '../problem.js';
import { AccountSchema, CurrencySchema, IdSchema, PlatformParams } from '../schemas.js';

const tags = ['accounts'];
const AccountParams = PlatformParams.extend({ accountId: IdSchema });

export function accountJson(account: AccountView) {
  return {
    id: account.id,
    type: account.type,
    customerId: account.customerId,
    currency: account.currency,
    balance: balanceJson(account.balance, account.currency),
    createdAt: account.createdAt,
  };
}

export const accountRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.get(
    '/v1/platforms/:platformId/accounts',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'Accounts with balances (posted, pending, available)',
        params: PlatformParams,
        querystring: z
          .object({
            type: z.enum(ACCOUNT_TYPES).optional(),
            currency: CurrencySchema.optional(),
            customerId: IdSchema.optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
            cursor: z.string().max(64).optional(),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(AccountSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const page = await listAccounts(db, request.params.platformId, request.query);
      return { items: page.items.map(accountJson), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/platforms/:platformId/accounts/:accountId',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'One account with its balance',
        params: AccountParams,
        response: { 200: AccountSchema },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const account = await getAccount(db, request.params.platformId, request.params.accountId);
      if (account === null)
        return sendProblem(reply, problem('unknown_account', 'account not found'));
      return accountJson(account);
    },
  );

  app.get(
    '/v1/platforms/:platformId/accounts/:accountId/statement',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'Posted movements, newest first, with the running balance after each',
        params: AccountParams,
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(500).optional(),
            cursor: z
              .string()
              .regex(/^[0-9]{1,19}$/)
              .optional(),
          })
          .strict(),
        response: {
          200: z.object({
            account: AccountSchema,
            items: z.array(
              z.object({
                transferId: z.string(),
                instructionId: z.string(),
                at: z.string(),
                phase: z.string(),
                direction: z.enum(['debit', 'credit']),
                amount: MoneySchema,
                runningBalance: MoneySchema,
                counterpartyAccountId: z.string(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const account = await getAccount(db, request.params.platformId, request.params.accountId);
      if (account === null)
        return sendProblem(reply, problem('unknown_account', 'account not found'));
      const { limit, cursor } = request.query;
      const page = await accountStatement(db, account, {
        ...(limit === undefined ? {} : { limit }),
        ...(cursor === undefined ? {} : { before: cursor }),
      });
      return {
        account: accountJson(account),
        items: page.items.map(({ amountMinor, runningBalanceMinor, ...line }) => ({
          ...line,
          amount: moneyJson(amountMinor, account.currency),
          runningBalance: moneyJson(runningBalanceMinor, account.currency),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/v1/platforms/:platformId/balances',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'Trial balance per currency: debits equal credits, holdings by account type',
        params: PlatformParams,
        response: {
          200: z.object({
            currencies: z.array(
              z.object({
                currency: z.string(),
                balanced: z.boolean(),
                debitsMinor: z.string(),
                creditsMinor: z.string(),
                byType: z.array(
                  z.object({
                    type: z.string(),
                    posted: MoneySchema,
                    pending: MoneySchema,
                    accounts: z.number(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const balances = await trialBalance(db, request.params.platformId);
      return {
        currencies: balances.map((entry) => ({
          currency: entry.currency,
          balanced: entry.balanced,
          debitsMinor: entry.debitsMinor.toString(),
          creditsMinor: entry.creditsMinor.toString(),
          byType: entry.byType.map((row) => ({
            type: row.type,
            posted: moneyJson(row.postedMinor, entry.currency),
            pending: moneyJson(row.pendingMinor, entry.currency),
            accounts: row.accounts,
          })),
        })),
      };
    },
  );
};
