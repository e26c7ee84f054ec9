import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { PaymentRequest } from '../../portal/payment-request.js';
import { PORTAL_LIMITS } from '../../portal/portal-limits.js';
import { loadStatement } from '../../portal/statements/statement-data.js';
import { statementCsv } from '../../portal/statements/statement-csv.js';
import { STATEMENT_LANGUAGES } from '../../portal/statements/statement-labels.js';
import { statementPdf, StatementFontMissing } from '../../portal/statements/statement-pdf.js';
import { periodOfDays, periodOfMonth } from '../../portal/statements/statement-period.js';
import type { Queryable } from '../../store/index.js';
import { moneyJson, MoneySchema } from '../money-json.js';
import { problem, sendProblem } from '../problem.js';

const B64Url = z
  .string()
  .max(PORTAL_LIMITS.webauthnFieldLengthMax)
  .regex(/^[A-Za-z0-9_-]*$/, 'base64url');

/** A WebAuthn assertion as @simplewebauthn/browser returns it. */
export const AssertionBody = z
  .object({
    id: B64Url.min(1),
    rawId: B64Url.min(1),
    type: z.literal('public-key'),
    response: z
      .object({
        authenticatorData: B64Url.min(1),
        clientDataJSON: B64Url.min(1),
        signature: B64Url.min(1),
        userHandle: B64Url.optional(),
      })
      .strip(),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  })
  .strip();

/** A WebAuthn attestation (registration) as @simplewebauthn/browser returns it. */
export const AttestationBody = z
  .object({
    id: B64Url.min(1),
    rawId: B64Url.min(1),
    type: z.literal('public-key'),
    response: z
      .object({
        attestationObject: B64Url.min(1),
        clientDataJSON: B64Url.min(1),
        transports: z
          .array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
          .max(8)
          .optional(),
      })
      .strip(),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  })
  .strip();

export const PaymentRequestSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  customerId: z.string(),
  idempotencyKey: z.string(),
  type: z.string(),
  payerAccountId: z.string(),
  payeeAccountId: z.string().nullable(),
  bankAccountId: z.string().nullable(),
  amount: MoneySchema,
  purpose: z.string(),
  nonce: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  declinedAt: z.string().nullable(),
  status: z.string(),
  instructionId: z.string().nullable(),
});

export function paymentRequestJson(request: PaymentRequest) {
  const { amountMinor, currency, createdBy: _createdBy, ...rest } = request;
  return { ...rest, amount: moneyJson(amountMinor, currency) };
}

export const StatementQuery = z
  .object({
    month: z.string().max(7).optional(),
    from: z.string().max(10).optional(),
    to: z.string().max(10).optional(),
    format: z.enum(['json', 'csv', 'pdf']).default('json'),
    language: z.enum(STATEMENT_LANGUAGES).default('en'),
  })
  .strict();

/**
 * Answers a statement request in JSON, CSV or PDF. The period is a month or from/to dates;
 * the scope limits the account to a platform (and a customer, in the portal).
 */
export async function sendStatement(
  db: Queryable,
  reply: FastifyReply,
  scope: { platformId: string; customerId?: string },
  accountId: string,
  query: z.infer<typeof StatementQuery>,
): Promise<FastifyReply | Record<string, unknown>> {
  const period =
    query.month !== undefined
      ? query.from === undefined && query.to === undefined
        ? periodOfMonth(query.month)
        : { ok: false as const, message: 'give either month or from and to' }
      : query.from !== undefined && query.to !== undefined
        ? periodOfDays(query.from, query.to)
        : { ok: false as const, message: 'give month=YYYY-MM, or from and to (YYYY-MM-DD)' };
  if (!period.ok) return sendProblem(reply, problem('validation_failed', period.message));
  const loaded = await loadStatement(db, scope, accountId, period.period, Date.now());
  if (!loaded.ok) return sendProblem(reply, problem(loaded.code, loaded.message));
  const statement = loaded.statement;
  const name = `statement-${accountId}-${period.period.from}-${period.period.to}-${query.language}`;
  if (query.format === 'csv') {
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.csv"`)
      .send(statementCsv(statement, query.language));
  }
  if (query.format === 'pdf') {
    try {
      const pdf = await statementPdf(statement, query.language);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(pdf);
    } catch (error) {
      if (error instanceof StatementFontMissing)
        return sendProblem(reply, problem('invalid_state', error.message));
      throw error;
    }
  }
  const money = (minor: bigint) => moneyJson(minor, statement.currency);
  return reply.send({
    accountId: statement.accountId,
    currency: statement.currency,
    from: statement.period.from,
    to: statement.period.to,
    opening: money(statement.openingBalanceMinor),
    credits: money(statement.creditsMinor),
    debits: money(statement.debitsMinor),
    closing: money(statement.closingBalanceMinor),
    entries: statement.entries.map((entry) => ({
      transferId: entry.transferId,
      instructionId: entry.instructionId,
      at: entry.at,
      type: entry.type,
      purpose: entry.purpose,
      counterpartyAccountId: entry.counterpartyAccountId,
      amount: money(entry.amountMinor),
      balanceAfter: money(entry.balanceAfterMinor),
    })),
    generatedAt: statement.generatedAt,
  });
}
