import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  passkeyChallenge,
  passkeyChallengeDocument,
  type AuthorizationFields,
} from '../../src/custody/index.js';

const id = fc.stringMatching(/^[a-z]{3}_[0-9a-z]{4,12}$/);
const fieldsArb: fc.Arbitrary<AuthorizationFields> = fc.record({
  platformId: id,
  type: fc.constantFrom('withdrawal', 'transfer', 'fee'),
  payerAccountId: id,
  payeeAccountId: id,
  amountMinor: fc.bigInt({ min: 1n, max: 10n ** 15n }),
  currency: fc.constantFrom('CNY', 'USD', 'JPY', 'KWD'),
  purpose: fc.string({ minLength: 1, maxLength: 64 }),
  nonce: fc.string({ minLength: 8, maxLength: 40 }),
  expiresAt: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
});

type Change = (fields: AuthorizationFields, customerId: string) => [AuthorizationFields, string];
const CHANGES: Record<string, Change> = {
  amount: (f, c) => [{ ...f, amountMinor: f.amountMinor + 1n }, c],
  currency: (f, c) => [{ ...f, currency: f.currency === 'CNY' ? 'USD' : 'CNY' }, c],
  payee: (f, c) => [{ ...f, payeeAccountId: `${f.payeeAccountId ?? ''}x` }, c],
  payeeAsBank: (f, c) => {
    const { payeeAccountId, ...rest } = f;
    return [{ ...rest, bankAccountId: payeeAccountId ?? 'bnk_x' }, c];
  },
  payer: (f, c) => [{ ...f, payerAccountId: `${f.payerAccountId}x` }, c],
  platform: (f, c) => [{ ...f, platformId: `${f.platformId}x` }, c],
  nonce: (f, c) => [{ ...f, nonce: `${f.nonce}x` }, c],
  expiry: (f, c) => [{ ...f, expiresAt: new Date(Date.parse(f.expiresAt) + 1).toISOString() }, c],
  purpose: (f, c) => [{ ...f, purpose: `${f.purpose}.` }, c],
  type: (f, c) => [{ ...f, type: f.type === 'fee' ? 'transfer' : 'fee' }, c],
  customer: (f, c) => [f, `${c}x`],
};

describe('passkey challenge of an instruction', () => {
  it('is a 32-byte hash the server recomputes identically', () => {
    fc.assert(
      fc.property(fieldsArb, id, (fields, customerId) => {
        const challenge = passkeyChallenge(fields, customerId);
        expect(challenge.length).toBe(32);
        expect(passkeyChallenge({ ...fields }, customerId).equals(challenge)).toBe(true);
      }),
    );
  });

  it('changes when any signed field changes (amount, currency, payee, nonce, expiry, platform, customer, account …)', () => {
    fc.assert(
      fc.property(
        fieldsArb,
        id,
        fc.constantFrom(...Object.keys(CHANGES)),
        (fields, customerId, name) => {
          const change = CHANGES[name];
          if (change === undefined) throw new Error(name);
          const [changed, changedCustomer] = change(fields, customerId);
          expect(
            passkeyChallenge(changed, changedCustomer).equals(passkeyChallenge(fields, customerId)),
          ).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('states amounts as integer minor units and names its scheme', () => {
    fc.assert(
      fc.property(fieldsArb, id, (fields, customerId) => {
        const document = passkeyChallengeDocument(fields, customerId);
        expect(document.amountMinor).toBe(fields.amountMinor.toString());
        expect(document.scheme).toBe('custos.passkey-authorization.v1');
        expect(document.customerId).toBe(customerId);
      }),
    );
  });
});
