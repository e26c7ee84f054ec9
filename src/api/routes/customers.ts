import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getCustomer,
  listCustomers,
  openCustomerAccount,
  registerBankAccount,
  registerCustomer,
  registerCustomerKey,
  registerMandate,
  revokeCustomerKey,
} from '../../custody/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { MoneySchema, moneyJson } from '../money-json.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { accountJson } from './accounts.js';
import {
  AccountSchema,
  CurrencySchema,
  CursorQuery,
  IdSchema,
  MandateDocumentSchema,
  PlatformParams,
} from '../schemas.js';

const CustomerParams = PlatformParams.extend({ customerId: IdSchema });
const PersonalText = z.string().min(1).max(200);
const CustomerSchema = z.object({
  id: z.string(),
  kind: z.enum(['person', 'entity']),
  externalRef: z.string(),
  displayName: z.string(),
  status: z.string(),
  createdAt: z.string(),
});
const CustomerDetailSchema = CustomerSchema.extend({
  accounts: z.array(AccountSchema),
  keys: z.array(
    z.object({ id: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() }),
  ),
  bankAccounts: z.array(
    z.object({
      id: z.string(),
      currency: z.string(),
      maskedNumber: z.string(),
      bankName: z.string(),
    }),
  ),
  mandates: z.array(
    z.object({
      id: z.string(),
      payerAccountId: z.string(),
      payeeAccountId: z.string(),
      purpose: z.string(),
      currency: z.string(),
      perInstructionMax: MoneySchema,
      perPeriodMax: MoneySchema,
      periodDays: z.number(),
      validFrom: z.string(),
      validUntil: z.string(),
      revokedAt: z.string().nullable(),
    }),
  ),
});
const tags = ['customers'];

export const customerRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db, custody }) => {
  app.get(
    '/v1/platforms/:platformId/customers',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'List customers (names masked)',
        params: PlatformParams,
        querystring: CursorQuery,
        response: {
          200: z.object({ items: z.array(CustomerSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return listCustomers(db, request.params.platformId, request.query);
    },
  );

  app.post(
    '/v1/platforms/:platformId/customers',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: 'Register a customer (person or entity) with personal data',
        params: PlatformParams,
        body: z
          .object({
            kind: z.enum(['person', 'entity']),
            externalRef: z.string().min(1).max(100),
            name: PersonalText,
            idNumber: PersonalText.optional(),
            phone: PersonalText.optional(),
            email: PersonalText.optional(),
            address: PersonalText.optional(),
          })
          .strict(),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const { kind, externalRef, ...personalData } = request.body;
      const created = await registerCustomer(db, principal, request.params.platformId, {
        kind,
        externalRef,
        personalData,
      });
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      return reply.code(201).send({ id: created.value.customerId });
    },
  );

  app.get(
    '/v1/platforms/:platformId/customers/:customerId',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'A customer with accounts, keys, bank accounts and mandates',
        params: CustomerParams,
        response: { 200: CustomerDetailSchema },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const found = await getCustomer(db, request.params.platformId, request.params.customerId);
      if (found === null)
        return sendProblem(reply, problem('unknown_customer', 'customer not found'));
      return {
        ...found.customer,
        accounts: found.accounts.map(accountJson),
        keys: found.keys,
        bankAccounts: found.bankAccounts,
        mandates: found.mandates.map(({ perInstructionMaxMinor, perPeriodMaxMinor, ...rest }) => ({
          ...rest,
          perInstructionMax: moneyJson(perInstructionMaxMinor, rest.currency),
          perPeriodMax: moneyJson(perPeriodMaxMinor, rest.currency),
        })),
      };
    },
  );

  app.post(
    '/v1/platforms/:platformId/customers/:customerId/accounts',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: "Open the customer's account in a currency",
        params: CustomerParams,
        body: z.object({ currency: CurrencySchema }).strict(),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const { platformId, customerId } = request.params;
      const opened = await openCustomerAccount(
        db,
        principal,
        platformId,
        customerId,
        request.body.currency,
      );
      if (!opened.ok) return sendProblem(reply, custodyProblem(opened.error));
      custody.directory.forgetPlatform(platformId);
      return reply.code(201).send({ id: opened.value.accountId });
    },
  );

  app.post(
    '/v1/platforms/:platformId/customers/:customerId/keys',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: 'Register an Ed25519 public key (32 raw bytes, base64)',
        params: CustomerParams,
        body: z.object({ publicKey: z.string().min(40).max(64) }).strict(),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const { platformId, customerId } = request.params;
      const registered = await registerCustomerKey(
        db,
        principal,
        platformId,
        customerId,
        Buffer.from(request.body.publicKey, 'base64'),
      );
      if (!registered.ok) return sendProblem(reply, custodyProblem(registered.error));
      return reply.code(201).send({ id: registered.value.keyId });
    },
  );

  app.post(
    '/v1/platforms/:platformId/customers/:customerId/keys/:keyId/revoke',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: 'Revoke a customer key',
        params: CustomerParams.extend({ keyId: IdSchema }),
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const revoked = await revokeCustomerKey(
        db,
        principal,
        request.params.platformId,
        request.params.keyId,
      );
      if (!revoked.ok) return sendProblem(reply, custodyProblem(revoked.error));
      return { id: revoked.value.keyId };
    },
  );

  app.post(
    '/v1/platforms/:platformId/customers/:customerId/bank-accounts',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: "Register the customer's own bank account: the only destination of withdrawals",
        params: CustomerParams,
        body: z
          .object({
            currency: CurrencySchema,
            accountNumber: PersonalText,
            bankName: PersonalText,
            holderName: PersonalText,
          })
          .strict(),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const { currency, ...personalData } = request.body;
      const { platformId, customerId } = request.params;
      const created = await registerBankAccount(
        db,
        principal,
        platformId,
        customerId,
        currency,
        personalData,
      );
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      return reply.code(201).send({ id: created.value.bankAccountId });
    },
  );

  app.post(
    '/v1/platforms/:platformId/customers/:customerId/mandates',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: 'Register a mandate the customer signed (Ed25519 over its RFC 8785 JSON)',
        params: CustomerParams,
        body: z
          .object({
            document: MandateDocumentSchema,
            keyId: IdSchema,
            signature: z.string().min(1).max(200),
          })
          .strict(),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      if (request.body.document.customerId !== request.params.customerId) {
        return sendProblem(
          reply,
          problem('mandate_mismatch', 'the mandate names another customer'),
        );
      }
      const { document, keyId, signature } = request.body;
      const created = await registerMandate(
        db,
        principal,
        request.params.platformId,
        document,
        keyId,
        Buffer.from(signature, 'base64'),
      );
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      return reply.code(201).send({ id: created.value.mandateId });
    },
  );
};
