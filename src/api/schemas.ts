import { z } from 'zod';
import { FREEZE_REASON_CODES, INSTRUCTION_TYPES } from '../custody/index.js';
import { ACCOUNT_TYPES } from '../ledger/index.js';
import { BalanceSchema, MoneySchema } from './money-json.js';

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z]+_[0-9a-z]+$/, 'not an identifier');
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY');
export const ReasonSchema = z.object({ reason: z.string().min(1).max(500) }).strict();
export const CursorQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(64).optional(),
  })
  .strict();

export const PlatformParams = z.object({ platformId: IdSchema }).strict();
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
  })
  .catchall(z.unknown());

export const AccountSchema = z.object({
  id: z.string(),
  type: z.enum(ACCOUNT_TYPES),
  customerId: z.string().nullable(),
  currency: z.string(),
  balance: BalanceSchema,
  createdAt: z.string(),
});

export const InstructionSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'posted', 'voided']),
  amount: MoneySchema,
  debitAccountId: z.string(),
  creditAccountId: z.string(),
  purpose: z.string(),
  authorizationKind: z.string(),
  holdReason: z.string().nullable(),
  holdRuleIds: z.array(z.string()),
  holdNote: z.string().nullable(),
  idempotencyKey: z.string(),
  reversesInstructionId: z.string().nullable(),
  submittedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const SignatureAuthorization = z
  .object({
    kind: z.literal('signature'),
    keyId: IdSchema,
    nonce: z.string().min(8).max(128),
    expiresAt: z.iso.datetime({ offset: true }),
    signature: z.string().min(1).max(200),
  })
  .strict();
const MandateAuthorization = z.object({ kind: z.literal('mandate'), mandateId: IdSchema }).strict();

export const InstructionBody = z
  .object({
    type: z.enum(INSTRUCTION_TYPES),
    amount: z.string().max(32).describe("positive decimal string, at most the currency's decimals"),
    currency: CurrencySchema,
    purpose: z.string().min(1).max(64),
    payerAccountId: IdSchema.optional(),
    payeeAccountId: IdSchema.optional(),
    bankAccountId: IdSchema.optional(),
    reversesInstructionId: IdSchema.optional(),
    hold: z.boolean().optional(),
    idempotencyKey: z.string().min(1).max(100).optional(),
    authorization: z
      .discriminatedUnion('kind', [SignatureAuthorization, MandateAuthorization])
      .optional(),
    channel: z
      .object({
        deviceId: z.string().min(1).max(200).optional(),
        ip: z.string().min(2).max(64).optional(),
        cash: z.boolean().optional(),
        crossBorder: z.boolean().optional(),
        fundingAccountOwnName: z.boolean().optional(),
      })
      .strict()
      .optional()
      .describe('context for monitoring; device and address are stored only as keyed hashes'),
  })
  .strict();
export type InstructionBodyType = z.infer<typeof InstructionBody>;

export const FreezeBody = z
  .object({
    customerId: IdSchema.optional(),
    accountId: IdSchema.optional(),
    scope: z.enum(['debits', 'all']),
    reasonCode: z.enum(FREEZE_REASON_CODES),
    note: z.string().max(1_000).optional(),
    caseRef: z.string().max(100).optional(),
  })
  .strict();

export const MandateDocumentSchema = z
  .object({
    platformId: IdSchema,
    customerId: IdSchema,
    payerAccountId: IdSchema,
    payeeAccountId: IdSchema,
    purpose: z.string().min(1).max(64),
    currency: CurrencySchema,
    perInstructionMaxMinor: z.string().regex(/^[1-9][0-9]{0,15}$/),
    perPeriodMaxMinor: z.string().regex(/^[1-9][0-9]{0,15}$/),
    periodDays: z.number().int().min(1).max(366),
    validFrom: z.iso.datetime({ offset: true }),
    validUntil: z.iso.datetime({ offset: true }),
    nonce: z.string().min(8).max(128),
  })
  .strict();
