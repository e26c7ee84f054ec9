import { assert } from '../assert.js';
import {
  BALANCE_POLICIES,
  balanceOf,
  type AccountCounters,
  type LedgerAccount,
} from './account.js';

export type TransferPhase = 'single' | 'pending' | 'post_pending' | 'void_pending';

export interface TransferRequest {
  debitAccountId: string;
  creditAccountId: string;
  amountMinor: bigint;
  currency: string;
  phase: TransferPhase;
}

export type TransferRejection =
  | { code: 'unknown_account'; accountId: string }
  | { code: 'same_account'; accountId: string }
  | { code: 'currency_mismatch'; accountId: string; expected: string; actual: string }
  | { code: 'insufficient_funds'; accountId: string; availableMinor: bigint; amountMinor: bigint }
  | { code: 'pending_exceeded'; accountId: string };

export type TransferOutcome = { ok: true } | { ok: false; error: TransferRejection };

/**
 * Applies transfers to in-memory copies of account counters, one at a time and in order,
 * refusing any that would break an invariant. Nothing here does I/O: the caller loads the
 * accounts, feeds the batch through, and persists `changedAccounts()` if it commits.
 */
export class PostingPlan {
  readonly #accounts = new Map<string, LedgerAccount>();
  readonly #changed = new Set<string>();
  readonly #initialNetByCurrency: Map<string, bigint>;

  constructor(accounts: Iterable<LedgerAccount>) {
    for (const account of accounts) this.#accounts.set(account.id, { ...account });
    this.#initialNetByCurrency = netByCurrency(this.#accounts.values());
  }

  account(id: string): LedgerAccount | undefined {
    return this.#accounts.get(id);
  }

  tryApply(request: TransferRequest): TransferOutcome {
    assert(request.amountMinor > 0n, 'transfer amount must be positive');
    const debit = this.#accounts.get(request.debitAccountId);
    if (debit === undefined)
      return reject({ code: 'unknown_account', accountId: request.debitAccountId });
    const credit = this.#accounts.get(request.creditAccountId);
    if (credit === undefined) {
      return reject({ code: 'unknown_account', accountId: request.creditAccountId });
    }
    if (debit.id === credit.id) return reject({ code: 'same_account', accountId: debit.id });
    for (const account of [debit, credit]) {
      if (account.currency !== request.currency) {
        const error = { expected: account.currency, actual: request.currency };
        return reject({ code: 'currency_mismatch', accountId: account.id, ...error });
      }
    }
    const nextDebit = moveCounters(debit, 'debit', request);
    const nextCredit = moveCounters(credit, 'credit', request);
    if (nextDebit === null) return reject({ code: 'pending_exceeded', accountId: debit.id });
    if (nextCredit === null) return reject({ code: 'pending_exceeded', accountId: credit.id });
    for (const [account, next] of [
      [debit, nextDebit],
      [credit, nextCredit],
    ] as const) {
      const refusal = floorRefusal(account, next, request.amountMinor);
      if (refusal !== null) return reject(refusal);
    }
    Object.assign(debit, nextDebit);
    Object.assign(credit, nextCredit);
    this.#changed.add(debit.id).add(credit.id);
    return { ok: true };
  }

  changedAccounts(): LedgerAccount[] {
    return [...this.#changed].map((id) => {
      const account = this.#accounts.get(id);
      assert(account !== undefined);
      return account;
    });
  }

  /**
   * Every transfer moves one debit and one credit by the same amount, so the net of
   * debits minus credits over the loaded accounts may never change, per currency.
   */
  assertBalanced(): void {
    const now = netByCurrency(this.#accounts.values());
    for (const [currency, net] of this.#initialNetByCurrency) {
      assert(now.get(currency) === net, `books out of balance in ${currency}`);
    }
    assert(now.size === this.#initialNetByCurrency.size, 'currency appeared in a plan');
  }
}

function netByCurrency(accounts: Iterable<LedgerAccount>): Map<string, bigint> {
  const net = new Map<string, bigint>();
  for (const account of accounts) {
    const debits = account.debitsPostedMinor + account.debitsPendingMinor;
    const credits = account.creditsPostedMinor + account.creditsPendingMinor;
    net.set(account.currency, (net.get(account.currency) ?? 0n) + debits - credits);
  }
  return net;
}

function reject(error: TransferRejection): TransferOutcome {
  return { ok: false, error };
}

function moveCounters(
  account: AccountCounters,
  side: 'debit' | 'credit',
  request: TransferRequest,
): AccountCounters | null {
  const next = { ...account };
  const amount = request.amountMinor;
  const pendingKey = side === 'debit' ? 'debitsPendingMinor' : 'creditsPendingMinor';
  const postedKey = side === 'debit' ? 'debitsPostedMinor' : 'creditsPostedMinor';
  if (request.phase === 'single') next[postedKey] += amount;
  if (request.phase === 'pending') next[pendingKey] += amount;
  if (request.phase === 'post_pending' || request.phase === 'void_pending') {
    if (next[pendingKey] < amount) return null;
    next[pendingKey] -= amount;
    if (request.phase === 'post_pending') next[postedKey] += amount;
  }
  return next;
}

function floorRefusal(
  account: LedgerAccount,
  next: AccountCounters,
  amountMinor: bigint,
): TransferRejection | null {
  if (!BALANCE_POLICIES[account.type].floorZero) return null;
  const before = balanceOf(account.type, account).availableMinor;
  const after = balanceOf(account.type, next).availableMinor;
  // Only a move that lowers the available balance can be refused; an account that is
  // already short may always receive money.
  if (after >= before || after >= 0n) return null;
  return { code: 'insufficient_funds', accountId: account.id, availableMinor: before, amountMinor };
}
