import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { SoftwareAuthenticator } from './software-authenticator.js';

export const RP_ID = 'portal.custos.test';
export const ORIGIN = `https://${RP_ID}`;

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  text: string;
  headers: Record<string, unknown>;
}

export interface PortalHarness {
  db: Database;
  app: FastifyInstance;
  books: TestBooks;
  /** As the platform (API key) or, with `cookie`, as a signed-in customer. */
  call(
    method: string,
    url: string,
    options?: { body?: unknown; cookie?: string; key?: string },
  ): Promise<Reply>;
  /** Enrols a new passkey for a customer through the API and returns it with a session cookie. */
  enrol(customerId: string): Promise<{ authenticator: SoftwareAuthenticator; cookie: string }>;
  /** Deposits `amount` (a decimal string in CNY) into a customer account, as the platform. */
  deposit(accountId: string, amount: string): Promise<string>;
  /** A CNY transfer waiting for the payer's passkey, created by the platform; its id. */
  paymentRequest(request: PaymentRequestInput): Promise<string>;
  /** The WebAuthn challenge the portal hands the payer for a payment request. */
  authorizationChallenge(requestId: string, cookie: string): Promise<string>;
  /** Authorizes a payment request with `authenticator`; the raw reply. */
  authorize(
    requestId: string,
    cookie: string,
    authenticator: SoftwareAuthenticator,
  ): Promise<Reply>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export interface PaymentRequestInput {
  payerAccountId: string;
  payeeAccountId: string;
  amount: string;
  purpose?: string;
  expiresAt?: string;
}

function cookieOf(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const first = Array.isArray(raw) ? String(raw[0]) : String(raw ?? '');
  return first.split(';')[0] ?? '';
}

export async function createPortalHarness(): Promise<PortalHarness> {
  const db = await createTestDatabase();
  const books = await createTestBooks(db, 3);
  const { app } = await buildServer({
    database: db,
    port: 0,
    portalRelyingParty: { rpId: RP_ID, rpName: 'Custos test', origins: [ORIGIN] },
    signInAttemptsPerMinute: 1_000,
  });
  const call: PortalHarness['call'] = async (method, url, options = {}) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        host: RP_ID,
        ...(options.cookie === undefined
          ? { authorization: `Bearer ${options.key ?? books.apiKey}` }
          : { cookie: options.cookie }),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload }),
    });
    const text = response.body;
    return {
      status: response.statusCode,
      text,
      body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
      headers: response.headers,
    };
  };
  const authorizationChallenge: PortalHarness['authorizationChallenge'] = async (
    requestId,
    cookie,
  ) => {
    const options = await call(
      'POST',
      `/v1/portal/payment-requests/${requestId}/authorization/options`,
      { cookie, body: {} },
    );
    if (options.status !== 200) throw new Error(`authorization options: ${options.text}`);
    return String((options.body.options as { challenge: string }).challenge);
  };
  return {
    db,
    app,
    books,
    call,
    async enrol(customerId) {
      const link = await call(
        'POST',
        `/v1/platforms/${books.platformId}/customers/${customerId}/portal-enrolments`,
        { body: {} },
      );
      if (link.status !== 201) throw new Error(`enrolment link: ${link.text}`);
      const token = String(link.body.token);
      const options = await call('POST', '/v1/portal/enrolment/options', { body: { token } });
      if (options.status !== 200) throw new Error(`enrolment options: ${options.text}`);
      const authenticator = new SoftwareAuthenticator(RP_ID, ORIGIN);
      const response = authenticator.register(
        options.body as unknown as { challenge: string; user: { id: string } },
      );
      const done = await call('POST', '/v1/portal/enrolment', { body: { token, response } });
      if (done.status !== 200) throw new Error(`enrolment: ${done.text}`);
      return { authenticator, cookie: cookieOf(done.headers) };
    },
    async deposit(accountId, amount) {
      const done = await call('POST', `/v1/platforms/${books.platformId}/instructions`, {
        body: {
          type: 'deposit',
          amount,
          currency: 'CNY',
          purpose: 'top up',
          payeeAccountId: accountId,
          idempotencyKey: randomUUID(),
        },
      });
      if (done.status !== 201) throw new Error(`deposit: ${done.text}`);
      return String(done.body.id);
    },
    async paymentRequest(request) {
      const created = await call('POST', `/v1/platforms/${books.platformId}/payment-requests`, {
        body: {
          type: 'transfer',
          idempotencyKey: randomUUID(),
          payerAccountId: request.payerAccountId,
          payeeAccountId: request.payeeAccountId,
          amount: request.amount,
          currency: 'CNY',
          purpose: request.purpose ?? 'loan repayment',
          expiresAt: request.expiresAt ?? new Date(Date.now() + 30 * 60_000).toISOString(),
        },
      });
      if (created.status !== 201) throw new Error(`payment request: ${created.text}`);
      return String(created.body.id);
    },
    authorizationChallenge,
    async authorize(requestId, cookie, authenticator) {
      const challenge = await authorizationChallenge(requestId, cookie);
      return call('POST', `/v1/portal/payment-requests/${requestId}/authorization`, {
        cookie,
        body: { response: authenticator.assert(challenge) },
      });
    },
    async count(table) {
      const rows = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      return Number(rows[0]?.n ?? 0);
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export { cookieOf };
