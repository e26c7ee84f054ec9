import { z } from 'zod';
import { MONITORED_EVENT_KINDS } from '../../monitor/monitored-event.js';
import type { SimRecord } from './sim-records.js';
import { TYPOLOGY_IDS } from './typologies.js';

/** The longest line a simulation file may hold (an instance record with its customers). */
export const SIM_LINE_CHARS_MAX = 1_000_000;

/** One record as one JSON line; bigint amounts become decimal strings of minor units. */
export function simRecordToLine(record: SimRecord): string {
  return JSON.stringify(record, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

const Minor = z
  .string()
  .regex(/^-?\d{1,20}$/, 'minor units as a string of digits')
  .transform((text) => BigInt(text));
const PositiveMinor = Minor.refine((value) => value > 0n, 'amount must be positive');
const Id = z.string().min(1).max(200);
const Ms = z.number().int();
const Typology = z.enum(TYPOLOGY_IDS as [string, ...string[]]);

const Profile = z.strictObject({
  customerId: Id,
  platformId: Id,
  kind: z.enum(['person', 'entity']),
  openedAtMs: Ms,
  closedAtMs: Ms.optional(),
  declaredMonthlyMinor: Minor.optional(),
  occupation: z.enum(['student', 'retired', 'employed', 'self_employed', 'other']).optional(),
  riskRating: z.enum(['low', 'medium', 'high']).optional(),
});

const Channel = z.strictObject({
  deviceId: Id.optional(),
  ip: Id.optional(),
  cash: z.boolean().optional(),
  crossBorder: z.boolean().optional(),
  fundingAccountOwnName: z.boolean().optional(),
});

const Event = z.strictObject({
  eventId: Id,
  platformId: Id,
  atMs: Ms,
  kind: z.enum(MONITORED_EVENT_KINDS),
  purpose: z.string().max(100),
  amountMinor: PositiveMinor,
  currency: z.string().regex(/^[A-Z]{3}$/),
  payerCustomerId: Id.nullable(),
  payeeCustomerId: Id.nullable(),
  payerAccountId: Id.nullable(),
  payeeAccountId: Id.nullable(),
  channel: Channel.optional(),
});

const RecordSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('header'),
    format: z.literal('custos-activity/1'),
    platformId: Id,
    currency: z.string(),
    seed: z.number().int(),
    customers: z.number().int(),
    days: z.number().int(),
    historyDays: z.number().int(),
    windowStartMs: Ms,
    windowEndMs: Ms,
  }),
  z.strictObject({ type: z.literal('profile'), atMs: Ms, profile: Profile }),
  z.strictObject({
    type: z.literal('custody_balance'),
    atMs: Ms,
    platformId: Id,
    currency: z.string(),
    balanceMinor: Minor,
  }),
  z.strictObject({
    type: z.literal('instance'),
    atMs: Ms,
    instanceId: Id,
    typology: Typology,
    variant: z.string(),
    scope: z.enum(['customer', 'platform']),
    customerIds: z.array(Id),
  }),
  z.strictObject({
    type: z.literal('event'),
    event: Event,
    label: Typology.nullable(),
    instanceId: Id.nullable(),
  }),
]);

export type LineResult = { ok: true; record: SimRecord } | { ok: false; message: string };

/** Parses one line of a simulation file; the message names the field that is wrong. */
export function parseSimRecordLine(line: string): LineResult {
  if (line.length > SIM_LINE_CHARS_MAX) return { ok: false, message: 'line too long' };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, message: 'not JSON' };
  }
  const parsed = RecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, record: parsed.data as SimRecord };
}
