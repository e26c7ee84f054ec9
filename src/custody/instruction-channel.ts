import { createHmac } from 'node:crypto';

/**
 * Context of an instruction that monitoring uses: which device and client address it came
 * from (as keyed hashes: equal values give equal hashes, the clear values are never stored),
 * whether it is cash, cross-border, or funded from an account in the customer's own name.
 */
export interface InstructionChannel {
  deviceHash?: string;
  ipHash?: string;
  cash?: boolean;
  crossBorder?: boolean;
  fundingAccountOwnName?: boolean;
}

export interface ChannelInput {
  deviceId?: string;
  ip?: string;
  cash?: boolean;
  crossBorder?: boolean;
  fundingAccountOwnName?: boolean;
}

const CHANNEL_HASH_HEX_LENGTH = 32;

/** HMAC-SHA256 under the deployment's channel key, per platform, truncated to 128 bits. */
export function hashChannel(
  key: Buffer,
  platformId: string,
  input: ChannelInput,
): InstructionChannel {
  const digest = (kind: string, value: string) =>
    createHmac('sha256', key)
      .update(`${platformId}\u0000${kind}\u0000${value}`)
      .digest('hex')
      .slice(0, CHANNEL_HASH_HEX_LENGTH);
  return {
    ...(input.deviceId === undefined ? {} : { deviceHash: digest('device', input.deviceId) }),
    ...(input.ip === undefined ? {} : { ipHash: digest('ip', input.ip.trim().toLowerCase()) }),
    ...(input.cash === undefined ? {} : { cash: input.cash }),
    ...(input.crossBorder === undefined ? {} : { crossBorder: input.crossBorder }),
    ...(input.fundingAccountOwnName === undefined
      ? {}
      : { fundingAccountOwnName: input.fundingAccountOwnName }),
  };
}
