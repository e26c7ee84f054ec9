import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { authorizationMessage, INSTRUCTION_TYPES, type InstructionType } from '../custody/index.js';
import { ed25519PrivateKeyFromSeed, ed25519Sign } from '../crypto/index.js';
import { parseAmount } from '../money/index.js';
import { CliError } from './transport.js';

export const SIGNATURE_LIFETIME_MS_DEFAULT = 10 * 60_000;

/**
 * What a customer's wallet does: sign the instruction's canonical authorization document with
 * the customer's Ed25519 seed (base64 in a file), and attach the authorization.
 */
export function signInstructionFile(
  instruction: Record<string, unknown>,
  options: {
    platformId: string;
    seedFile: string;
    keyId: string;
    payeeAccountId?: string;
    lifetimeMs?: number;
  },
): Record<string, unknown> {
  const type = instruction.type as InstructionType;
  if (!INSTRUCTION_TYPES.includes(type))
    throw new CliError(`unknown instruction type ${String(instruction.type)}`);
  const currency = String(instruction.currency);
  const amount = parseAmount(String(instruction.amount), currency);
  if (!amount.ok) throw new CliError(`bad amount: ${JSON.stringify(amount.error)}`);
  const seed = Buffer.from(fs.readFileSync(options.seedFile, 'utf8').trim(), 'base64');
  if (seed.length !== 32)
    throw new CliError('the seed file must hold a base64 32-byte Ed25519 seed');
  const payerAccountId = String(instruction.payerAccountId ?? '');
  const payeeAccountId =
    options.payeeAccountId ?? (instruction.payeeAccountId as string | undefined);
  const bankAccountId = instruction.bankAccountId as string | undefined;
  const nonce = randomUUID();
  const expiresAt = new Date(
    Date.now() + (options.lifetimeMs ?? SIGNATURE_LIFETIME_MS_DEFAULT),
  ).toISOString();
  if (type === 'withdrawal' ? bankAccountId === undefined : payeeAccountId === undefined) {
    throw new CliError(
      'the payee must be known to sign: payeeAccountId, bankAccountId, or --payee-account',
    );
  }
  const message = authorizationMessage({
    platformId: options.platformId,
    type,
    payerAccountId,
    ...(type === 'withdrawal'
      ? { bankAccountId: bankAccountId ?? '' }
      : { payeeAccountId: payeeAccountId ?? '' }),
    amountMinor: amount.amountMinor,
    currency,
    purpose: String(instruction.purpose),
    nonce,
    expiresAt,
  });
  const signature = ed25519Sign(ed25519PrivateKeyFromSeed(seed), message).toString('base64');
  return {
    ...instruction,
    authorization: { kind: 'signature', keyId: options.keyId, nonce, expiresAt, signature },
  };
}
