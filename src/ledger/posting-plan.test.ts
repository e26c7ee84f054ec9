import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  PostingPlan,
  zeroCounters,
  type AccountType,
  type LedgerAccount,
  type TransferPhase,
} from './index.js';

function account(id: string, type: AccountType, currency = 'CNY'): LedgerAccount {
  const customerId = type === 'customer' ? `cus_${id}` : null;
  return { id, platformId: 'plt', customerId, type, currency, ...zeroCounters() };
}

const BOOK = [
  account('bank', 'custody_bank'),
  account('alice', 'customer'),
  account('bob', 'customer'),
  account('fees', 'fees'),
  account('reserve', 'reserve'),
  account('clearing', 'clearing'),
  account('usd', 'customer', 'USD'),
];

describe('PostingPlan', () => {
  it('posts a deposit and derives balances on each normal side', () => {
    const plan = new PostingPlan(BOOK);
    const deposit = { debitAccountId: 'bank', creditAccountId: 'alice', amountMinor: 500n };
    expect(plan.tryApply({ ...deposit, currency: 'CNY', phase: 'single' })).toEqual({ ok: true });
    const alice = plan.account('alice');
    const bank = plan.account('bank');
    expect(alice && balanceOf('customer', alice).availableMinor).toBe(500n);
    expect(bank && balanceOf('custody_bank', bank).postedMinor).toBe(500n);
    plan.assertBalanced();
  });

  it('refuses to overdraw a customer, counting holds as gone', () => {
    const plan = new PostingPlan(BOOK);
    const move = (debit: string, credit: string, amountMinor: bigint, phase: TransferPhase) =>
      plan.tryApply({
        debitAccountId: debit,
        creditAccountId: credit,
        amountMinor,
        currency: 'CNY',
        phase,
      });
    expect(move('bank', 'alice', 100n, 'single').ok).toBe(true);
    expect(move('alice', 'bob', 80n, 'pending').ok).toBe(true);
    const refused = move('alice', 'bob', 30n, 'single');
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'insufficient_funds', availableMinor: 20n },
    });
    expect(move('alice', 'bob', 80n, 'void_pending').ok).toBe(true);
    expect(move('alice', 'bob', 30n, 'single').ok).toBe(true);
    expect(move('alice', 'bob', 1n, 'void_pending')).toMatchObject({
      ok: false,
      error: { code: 'pending_exceeded' },
    });
  });

  it('refuses mixed currencies and unknown accounts', () => {
    const plan = new PostingPlan(BOOK);
    expect(
      plan.tryApply({
        debitAccountId: 'bank',
        creditAccountId: 'usd',
        amountMinor: 1n,
        currency: 'CNY',
        phase: 'single',
      }),
    ).toMatchObject({ ok: false, error: { code: 'currency_mismatch', accountId: 'usd' } });
    expect(
      plan.tryApply({
        debitAccountId: 'bank',
        creditAccountId: 'nope',
        amountMinor: 1n,
        currency: 'CNY',
        phase: 'single',
      }),
    ).toMatchObject({ ok: false, error: { code: 'unknown_account' } });
  });

  it('keeps the books balanced and floors intact after any sequence', () => {
    const ids = BOOK.filter((a) => a.currency === 'CNY').map((a) => a.id);
    const transfer = fc.record({
      debitAccountId: fc.constantFrom(...ids),
      creditAccountId: fc.constantFrom(...ids),
      amountMinor: fc.bigInt({ min: 1n, max: 1_000n }),
      phase: fc.constantFrom<TransferPhase>('single', 'pending', 'post_pending', 'void_pending'),
    });
    fc.assert(
      fc.property(fc.array(transfer, { maxLength: 200 }), (transfers) => {
        const plan = new PostingPlan(BOOK);
        for (const request of transfers) {
          const before = ids.map((id) => ({ ...plan.account(id) }));
          const outcome = plan.tryApply({ ...request, currency: 'CNY' });
          if (!outcome.ok) {
            // A refused transfer moves nothing.
            expect(ids.map((id) => ({ ...plan.account(id) }))).toEqual(before);
          }
          plan.assertBalanced();
        }
        for (const id of ids) {
          const state = plan.account(id);
          expect(state).toBeDefined();
          if (state === undefined) continue;
          for (const counter of [
            state.debitsPendingMinor,
            state.creditsPendingMinor,
            state.debitsPostedMinor,
            state.creditsPostedMinor,
          ]) {
            expect(counter >= 0n).toBe(true);
          }
          if (state.type !== 'clearing') {
            expect(balanceOf(state.type, state).availableMinor >= 0n).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
