import { randomUUID } from 'node:crypto';
import {
  authorizationMessage,
  type InstructionInput,
  type MandateDocument,
} from '../custody/index.js';
import {
  canonicalJson,
  ed25519GenerateRaw,
  ed25519PrivateKeyFromSeed,
  ed25519Sign,
} from '../crypto/index.js';

/** A simulated customer who holds a signing key, as a wallet app on their phone would. */
export class DemoCustomer {
  readonly seed: Buffer;
  readonly publicKey: Buffer;
  customerId = '';
  accountId = '';
  keyId = '';
  bankAccountId = '';

  constructor(
    readonly name: string,
    readonly role: 'lender' | 'borrower',
  ) {
    const pair = ed25519GenerateRaw();
    this.seed = pair.seed;
    this.publicKey = pair.publicKey;
  }

  /** Signs a debit of this customer's account, linking payee, amount, nonce and expiry. */
  sign(
    platformId: string,
    input: Omit<InstructionInput, 'authorization'>,
    payeeAccountId: string,
  ): InstructionInput {
    const nonce = randomUUID();
    const expiresAt = new Date(Date.now() + 5 * 60_000).toISOString();
    const message = authorizationMessage({
      platformId,
      type: input.type,
      payerAccountId: this.accountId,
      ...(input.type === 'withdrawal' ? { bankAccountId: this.bankAccountId } : { payeeAccountId }),
      amountMinor: input.amountMinor,
      currency: input.currency,
      purpose: input.purpose,
      nonce,
      expiresAt,
    });
    const signature = ed25519Sign(ed25519PrivateKeyFromSeed(this.seed), message).toString('base64');
    return {
      ...input,
      authorization: { kind: 'signature', keyId: this.keyId, nonce, expiresAt, signature },
    };
  }

  signMandate(document: MandateDocument): Buffer {
    return ed25519Sign(
      ed25519PrivateKeyFromSeed(this.seed),
      Buffer.from(canonicalJson(document), 'utf8'),
    );
  }
}
