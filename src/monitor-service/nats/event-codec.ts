import { z } from 'zod';
import { assert } from '../../assert.js';
import {
  MONITORED_EVENT_KINDS,
  type ExternalRuleAlert,
  type MonitoredEvent,
} from '../../monitor/index.js';

/**
 * Shared-key outcomes one message may carry: one per side for each rule of a pack (at most
 * 256 rules). In practice an event carries none or a few.
 */
export const OUTCOMES_PER_EVENT_MAX = 512;
/**
 * Room for an event with OUTCOMES_PER_EVENT_MAX outcomes of the longest ids (under 600 bytes
 * each), below the NATS server's default payload limit of 1 MiB. Anything larger is refused
 * rather than parsed, and never published.
 */
export const EVENT_MESSAGE_BYTES_MAX = 384 * 1_024;

const Id = z.string().min(1).max(200);

const WireOutcomeSchema = z.strictObject({
  alertKey: z.string().min(1).max(200),
  ruleId: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/),
  customerId: Id,
  score: z.number().min(0).max(1),
  atMs: z.number().int(),
});

const WireEventSchema = z.strictObject({
  leafIndex: z.number().int().min(0),
  event: z.strictObject({
    eventId: Id,
    platformId: Id,
    atMs: z.number().int(),
    kind: z.enum(MONITORED_EVENT_KINDS),
    purpose: z.string().min(1).max(200),
    amountMinor: z.string().regex(/^[0-9]{1,30}$/),
    currency: z.string().length(3),
    payerCustomerId: Id.nullable(),
    payeeCustomerId: Id.nullable(),
    payerAccountId: Id.nullable(),
    payeeAccountId: Id.nullable(),
    channel: z
      .strictObject({
        deviceId: z.string().max(200).optional(),
        ip: z.string().max(200).optional(),
        cash: z.boolean().optional(),
        crossBorder: z.boolean().optional(),
        fundingAccountOwnName: z.boolean().optional(),
      })
      .optional(),
  }),
  /** The event's shared-key rule outcomes that typologies read; absent when none. */
  outcomes: z.array(WireOutcomeSchema).min(1).max(OUTCOMES_PER_EVENT_MAX).optional(),
});

/** A customer's profile changed at this leaf: the partition rereads it (closure, occupation). */
const WireProfileChangeSchema = z.strictObject({
  leafIndex: z.number().int().min(0),
  profileChange: z.strictObject({ customerId: Id }),
});

export interface WireProfileChange {
  leafIndex: number;
  profileChange: { customerId: string };
}

/** What a partition's subject carries, in leaf order. */
export type WireMessage = WireEvent | WireProfileChange;

export function isProfileChange(message: WireMessage): message is WireProfileChange {
  return 'profileChange' in message;
}

export interface WireEvent {
  leafIndex: number;
  event: MonitoredEvent;
  /** Shared-key rule alerts of this event, for the partition engine's typologies. */
  outcomes: ExternalRuleAlert[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JSON with the amount as a decimal string of minor units (JSON has no bigint). */
export function encodeEvent(
  leafIndex: number,
  event: MonitoredEvent,
  outcomes: readonly ExternalRuleAlert[] = [],
): Uint8Array {
  assert(outcomes.length <= OUTCOMES_PER_EVENT_MAX, 'too many outcomes for one event');
  const data = encoder.encode(
    JSON.stringify({
      leafIndex,
      event: { ...event, amountMinor: event.amountMinor.toString() },
      ...(outcomes.length === 0 ? {} : { outcomes }),
    }),
  );
  assert(data.length <= EVENT_MESSAGE_BYTES_MAX, 'event message over the size limit');
  return data;
}

export function encodeProfileChange(leafIndex: number, customerId: string): Uint8Array {
  return encoder.encode(JSON.stringify({ leafIndex, profileChange: { customerId } }));
}

/** An event or a profile change; anything else, or anything over the size limit, throws. */
export function decodeMessage(data: Uint8Array): WireMessage {
  if (data.length > EVENT_MESSAGE_BYTES_MAX)
    throw new Error(`event message of ${data.length} bytes is over the limit`);
  const json: unknown = JSON.parse(decoder.decode(data));
  if (typeof json === 'object' && json !== null && 'profileChange' in json)
    return WireProfileChangeSchema.parse(json);
  return eventOf(json);
}

export function decodeEvent(data: Uint8Array): WireEvent {
  if (data.length > EVENT_MESSAGE_BYTES_MAX)
    throw new Error(`event message of ${data.length} bytes is over the limit`);
  return eventOf(JSON.parse(decoder.decode(data)));
}

function eventOf(json: unknown): WireEvent {
  const parsed = WireEventSchema.parse(json);
  const { channel, amountMinor, ...rest } = parsed.event;
  return {
    leafIndex: parsed.leafIndex,
    event: {
      ...rest,
      amountMinor: BigInt(amountMinor),
      ...(channel === undefined ? {} : { channel: dropUndefined(channel) }),
    },
    outcomes: parsed.outcomes ?? [],
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
