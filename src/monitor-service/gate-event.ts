import type { PreparedInstruction } from '../custody/index.js';
import type { MonitoredEvent } from '../monitor/index.js';

/** The event an instruction would be, for the synchronous check before it posts. */
export function eventOfPrepared(prepared: PreparedInstruction): MonitoredEvent {
  const channel = prepared.input.channel;
  return {
    eventId: prepared.id,
    platformId: prepared.platformId,
    atMs: prepared.nowMs,
    kind: prepared.input.type,
    purpose: prepared.input.purpose,
    amountMinor: prepared.input.amountMinor,
    currency: prepared.input.currency,
    payerCustomerId: prepared.route.debit.customerId,
    payeeCustomerId: prepared.route.credit.customerId,
    payerAccountId: prepared.route.debit.id,
    payeeAccountId: prepared.route.credit.id,
    ...(channel === undefined ? {} : { channel: channelOf(channel) }),
  };
}

/** Stored channel facts (hashed device and address) in the shape the engine reads. */
export function channelOf(channel: {
  deviceHash?: string;
  ipHash?: string;
  cash?: boolean;
  crossBorder?: boolean;
  fundingAccountOwnName?: boolean;
}): NonNullable<MonitoredEvent['channel']> {
  return {
    ...(channel.deviceHash === undefined ? {} : { deviceId: channel.deviceHash }),
    ...(channel.ipHash === undefined ? {} : { ip: channel.ipHash }),
    ...(channel.cash === undefined ? {} : { cash: channel.cash }),
    ...(channel.crossBorder === undefined ? {} : { crossBorder: channel.crossBorder }),
    ...(channel.fundingAccountOwnName === undefined
      ? {}
      : { fundingAccountOwnName: channel.fundingAccountOwnName }),
  };
}
