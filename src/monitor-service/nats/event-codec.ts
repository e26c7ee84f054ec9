import { z } from 'zod';
import { MONITORED_EVENT_KINDS, type MonitoredEvent } from '../../monitor/index.js';

/** A published message is small; anything larger is refused rather than parsed. */
export const EVENT_MESSAGE_BYTES_MAX = 16_384;

const Id = z.string().min(1).max(200);

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
});

export interface WireEvent {
  leafIndex: number;
  event: MonitoredEvent;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JSON with the amount as a decimal string of minor units (JSON has no bigint). */
export function encodeEvent(leafIndex: number, event: MonitoredEvent): Uint8Array {
  return encoder.encode(
    JSON.stringify({ leafIndex, event: { ...event, amountMinor: event.amountMinor.toString() } }),
  );
}

export function decodeEvent(data: Uint8Array): WireEvent {
  if (data.length > EVENT_MESSAGE_BYTES_MAX)
    throw new Error(`event message of ${data.length} bytes is over the limit`);
  const parsed = WireEventSchema.parse(JSON.parse(decoder.decode(data)));
  const { channel, amountMinor, ...rest } = parsed.event;
  return {
    leafIndex: parsed.leafIndex,
    event: {
      ...rest,
      amountMinor: BigInt(amountMinor),
      ...(channel === undefined ? {} : { channel: dropUndefined(channel) }),
    },
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
