import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceOf, zeroCounters, type LedgerAccount } from '../ledger/index.js';
import { decideBatch, type BatchState } from './decide-batch.js';
import type { PreparedInstruction } from './prepared-instruction.js';

// Goal: the batch decision keeps every ledger invariant whatever arrives together. Method:
// random batches of deposits and mandate-free transfers (authorization is not the subject
// here), with idempotency keys drawn from a small pool so duplicates and conflicts are common.

const CUSTOMERS = ['c1', 'c2', 'c3'];
const bank: LedgerAccount = {
  id: 'bank',
  platformId: 'p',
  customerId: null,
  type: 'custody_bank',
  currency: 'CNY',
  ...zeroCounters(),
};
const customerAccounts: LedgerAccount[] = CUSTOMERS.map((id) => ({
  id: `a-${id}`,
  platformId: 'p',
  customerId: id,
  type: 'customer',
  currency: 'CNY',
  ...zeroCounters(),
}));

function state(): BatchState {
  return {
    accounts: [bank, ...customerAccounts].map((account) => ({ ...account })),
    existing: [],
    usedNonces: new Set(),
    customerFreezes: new Map(),
    accountFreezes: new Map(),
    mandates: new Map(),
    keys: new Map(CUSTOMERS.map((id) => [`k-${id}`, { customerId: id, revoked: false }])),
  };
}

const request = fc.record({
  key: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6'),
  kind: fc.constantFrom('deposit', 'transfer'),
  from: fc.integer({ min: 0, max: 2 }),
  to: fc.integer({ min: 0, max: 2 }),
  amountMinor: fc.bigInt({ min: 1n, max: 500n }),
  nonce: fc.constantFrom('n1', 'n2', 'n3', 'n4'),
});
type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

function prepared(item: Request, index: number): PreparedInstruction {
  const payer = customerAccounts[item.from] as LedgerAccount;
  const payee = customerAccounts[
    item.kind === 'transfer' && item.to === item.from ? (item.to + 1) % 3 : item.to
  ] as LedgerAccount;
  const debit = item.kind === 'deposit' ? bank : payer;
  const payload = `${item.kind}/${debit.id}/${payee.id}/${item.amountMinor}`;
  return {
    id: `ins-${index}`,
    platformId: 'p',
    input: {
      type: item.kind,
      idempotencyKey: item.key,
      currency: 'CNY',
      amountMinor: item.amountMinor,
      purpose: 'x',
    },
    requestHash: createHash('sha256').update(payload).digest(),
    route: {
      debit: {
        id: debit.id,
        platformId: 'p',
        customerId: debit.customerId,
        type: debit.type,
        currency: 'CNY',
      },
      credit: {
        id: payee.id,
        platformId: 'p',
        customerId: payee.customerId,
        type: 'customer',
        currency: 'CNY',
      },
      authorizingCustomerId: debit.customerId,
      needsApproval: false,
    },
    authorization:
      debit.customerId === null
        ? { kind: 'none' }
        : {
            kind: 'signature',
            customerId: debit.customerId,
            keyId: `k-${debit.customerId}`,
            nonce: item.nonce,
            expiresAt: '',
            signature: '',
          },
    holdReason: null,
    submittedBy: 'platform',
    nowMs: 0,
  };
}

describe('decideBatch', () => {
  it('accepts each idempotency key once, replays the same payload, refuses a different one', () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 60 }), (requests) => {
        const batch = requests.map(prepared);
        const { decisions } = decideBatch(state(), batch);
        const acceptedByKey = new Map<string, number>();
        decisions.forEach((decision, index) => {
          const item = batch[index] as PreparedInstruction;
          const key = item.input.idempotencyKey;
          const first = acceptedByKey.get(key);
          if (decision.kind === 'accepted') {
            expect(first).toBeUndefined();
            acceptedByKey.set(key, index);
          }
          if (decision.kind === 'replay') {
            expect(first).toBeDefined();
            expect(decision.instructionId).toBe(`ins-${first}`);
            expect(
              (batch[first as number] as PreparedInstruction).requestHash.equals(item.requestHash),
            ).toBe(true);
          }
          if (decision.kind === 'rejected' && decision.error.code === 'idempotency_conflict') {
            expect(first).toBeDefined();
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('keeps books balanced, customers non-negative, and never reuses a nonce', () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 60 }), (requests) => {
        const batch = requests.map(prepared);
        const decided = decideBatch(state(), batch);
        let debits = 0n;
        let credits = 0n;
        for (const account of decided.changedAccounts) {
          debits += account.debitsPostedMinor;
          credits += account.creditsPostedMinor;
          if (account.type === 'customer')
            expect(balanceOf('customer', account).availableMinor >= 0n).toBe(true);
        }
        expect(debits).toBe(credits);
        const nonces = new Set<string>();
        decided.decisions.forEach((decision, index) => {
          const auth = (batch[index] as PreparedInstruction).authorization;
          if (decision.kind !== 'accepted' || auth.kind !== 'signature') return;
          const slot = `${auth.customerId}/${auth.nonce}`;
          expect(nonces.has(slot)).toBe(false);
          nonces.add(slot);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('a replay of a stored instruction moves nothing', () => {
    fc.assert(
      fc.property(request, (item) => {
        const one = prepared(item, 0);
        const stored = {
          id: 'ins-stored',
          platformId: 'p',
          idempotencyKey: item.key,
          requestHash: one.requestHash,
          status: 'posted' as const,
        };
        const decided = decideBatch({ ...state(), existing: [stored] }, [one]);
        expect(decided.decisions[0]).toEqual({ kind: 'replay', instructionId: 'ins-stored' });
        expect(decided.changedAccounts).toEqual([]);
      }),
    );
  });
});
