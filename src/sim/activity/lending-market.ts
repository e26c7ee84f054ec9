import { assert } from '../../assert.js';
import { HOUR_MS, MINUTE_MS, sampleBetweenMs } from './cn-clock.js';
import type { DayCollector } from './day-collector.js';
import type { Prng } from './prng.js';
import type { SimCustomer } from './sim-customer.js';
import type { TypologyId } from './typologies.js';

/** Loans open for bidding at once, at most; applications beyond it wait. */
export const OPEN_LOANS_MAX = 100_000;
const FUNDING_DAYS_MAX = 14;
const LATE_SHARE = 0.04;
const SERVICE_FEE_BASIS_POINTS = 300n;

export interface LoanShare {
  owner: SimCustomer;
  principalMinor: bigint;
}

export interface Loan {
  readonly borrower: SimCustomer;
  readonly principalMinor: bigint;
  readonly termMonths: number;
  readonly monthlyRateBasisPoints: bigint;
  readonly expiresDay: number;
  remainingMinor: bigint;
  fillAtMs: number;
  shares: LoanShare[];
  outstandingMinor: bigint;
  installmentsLeft: number;
  disbursedDay: number | null;
  lateOnce: boolean;
  closed: boolean;
  /** Position in `running` while disbursed and not closed, else -1. */
  runningIndex: number;
}

interface Label {
  label: TypologyId | null;
  instanceId: string | null;
}
const ORDINARY: Label = { label: null, instanceId: null };

/**
 * The loan book: borrowers' loans are funded by investors' bids (a transfer investor →
 * borrower, purpose `investment`), disbursed to the borrower's bank once full (a service fee,
 * then a withdrawal with purpose `disbursement`) and repaid monthly (the borrower tops up, then
 * one `repayment` transfer per share, pro rata).
 */
export class LendingMarket {
  readonly open: Loan[] = [];
  readonly running: Loan[] = [];
  private readonly due = new Map<number, Loan[]>();

  constructor(readonly collector: DayCollector) {}

  openLoan(
    borrower: SimCustomer,
    principalMinor: bigint,
    termMonths: number,
    rateBp: number,
  ): Loan {
    assert(principalMinor > 0n, 'a loan lends something');
    assert(this.open.length < OPEN_LOANS_MAX, 'too many open loans');
    const loan: Loan = {
      borrower,
      principalMinor,
      termMonths,
      monthlyRateBasisPoints: BigInt(rateBp),
      expiresDay: this.collector.day + FUNDING_DAYS_MAX,
      remainingMinor: principalMinor,
      fillAtMs: 0,
      shares: [],
      outstandingMinor: principalMinor,
      installmentsLeft: termMonths,
      disbursedDay: null,
      lateOnce: false,
      closed: false,
      runningIndex: -1,
    };
    borrower.hasLoan = true;
    this.open.push(loan);
    return loan;
  }

  /** Places up to `amountMinor` in a random open loan; returns what was placed. */
  bid(prng: Prng, investor: SimCustomer, amountMinor: bigint, atMs: number): bigint {
    if (this.open.length === 0) return 0n;
    const index = Math.floor(prng.float() * this.open.length);
    const loan = this.open[index] as Loan;
    if (loan.borrower === investor) return 0n;
    const placed = amountMinor < loan.remainingMinor ? amountMinor : loan.remainingMinor;
    const channel = { deviceId: investor.deviceId, ip: investor.ip };
    const draft = { atMs, kind: 'transfer', purpose: 'investment', amountMinor: placed } as const;
    this.collector.event({ ...draft, payer: investor, payee: loan.borrower, channel });
    loan.shares.push({ owner: investor, principalMinor: placed });
    investor.sharesHeld += 1;
    loan.remainingMinor -= placed;
    loan.fillAtMs = Math.max(loan.fillAtMs, atMs);
    if (loan.remainingMinor === 0n) {
      this.open[index] = this.open[this.open.length - 1] as Loan;
      this.open.pop();
      this.disburse(prng, loan);
    }
    return placed;
  }

  /** Repayments due today, late ones, and loans whose funding period ran out. */
  runDay(prng: Prng): void {
    const day = this.collector.day;
    for (const loan of this.due.get(day) ?? []) if (!loan.closed) this.repayInstallment(prng, loan);
    this.due.delete(day);
    for (let index = this.open.length - 1; index >= 0; index -= 1) {
      const loan = this.open[index] as Loan;
      if (loan.expiresDay > day) continue;
      this.open[index] = this.open[this.open.length - 1] as Loan;
      this.open.pop();
      this.refund(prng, loan);
    }
  }

  /** Repays the whole outstanding principal now (with a month's interest). */
  prepay(prng: Prng, loan: Loan, atMs: number, label: Label): void {
    assert(loan.disbursedDay !== null && !loan.closed, 'only a running loan is prepaid');
    const interest = (loan.outstandingMinor * loan.monthlyRateBasisPoints) / 10_000n;
    this.payShares(prng, loan, loan.outstandingMinor + interest, atMs, label);
    loan.outstandingMinor = 0n;
    this.close(loan);
  }

  /** A running loan at random (secondary market), or undefined. */
  randomRunning(prng: Prng): Loan | undefined {
    return this.running.length === 0 ? undefined : prng.pick(this.running);
  }

  private disburse(prng: Prng, loan: Loan): void {
    const { borrower } = loan;
    const atMs = loan.fillAtMs + prng.int(30, 300) * MINUTE_MS;
    const feeMinor = (loan.principalMinor * SERVICE_FEE_BASIS_POINTS) / 10_000n;
    const base = { payer: borrower, payee: null } as const;
    const fee = {
      ...base,
      atMs,
      kind: 'fee',
      purpose: 'service_fee',
      amountMinor: feeMinor,
    } as const;
    this.collector.event(fee);
    const channel = { deviceId: borrower.deviceId, ip: borrower.ip };
    const amountMinor = loan.principalMinor - feeMinor;
    const out = {
      atMs: atMs + 1000,
      kind: 'withdrawal',
      purpose: 'disbursement',
      amountMinor,
    } as const;
    this.collector.event({ ...base, ...out, channel });
    loan.disbursedDay = this.collector.dayOf(atMs);
    loan.runningIndex = this.running.length;
    this.running.push(loan);
    this.schedule(loan, loan.disbursedDay + 30);
  }

  private repayInstallment(prng: Prng, loan: Loan): void {
    const day = this.collector.day;
    if (!loan.lateOnce && prng.chance(LATE_SHARE)) {
      loan.lateOnce = true;
      this.schedule(loan, day + prng.int(1, 7));
      return;
    }
    const principalPart =
      loan.installmentsLeft === 1
        ? loan.outstandingMinor
        : loan.principalMinor / BigInt(loan.termMonths);
    const interest = (loan.outstandingMinor * loan.monthlyRateBasisPoints) / 10_000n;
    const start = this.collector.dayStartMs;
    const atMs = sampleBetweenMs(prng, start + 8 * HOUR_MS, start + 21 * HOUR_MS);
    this.payShares(prng, loan, principalPart + interest, atMs, ORDINARY);
    loan.outstandingMinor -= principalPart;
    loan.installmentsLeft -= 1;
    if (loan.installmentsLeft === 0) this.close(loan);
    else this.schedule(loan, day + 30);
  }

  /** The borrower tops up `totalMinor`, then each share gets its pro-rata part. */
  private payShares(prng: Prng, loan: Loan, totalMinor: bigint, atMs: number, label: Label): void {
    const { borrower } = loan;
    const channel = { deviceId: borrower.deviceId, ip: borrower.ip, fundingAccountOwnName: true };
    this.collector.event({
      atMs,
      kind: 'deposit',
      purpose: 'repayment_topup',
      amountMinor: totalMinor,
      payer: null,
      payee: borrower,
      channel,
      ...label,
    });
    let paidMinor = 0n;
    loan.shares.forEach((share, index) => {
      const last = index === loan.shares.length - 1;
      const part = last
        ? totalMinor - paidMinor
        : (totalMinor * share.principalMinor) / loan.principalMinor;
      paidMinor += part;
      if (part === 0n) return;
      const at = atMs + prng.int(60, 600) * 1000 + index * 1000;
      const base = { atMs: at, kind: 'transfer', purpose: 'repayment', amountMinor: part } as const;
      this.collector.event({ ...base, payer: borrower, payee: share.owner, ...label });
    });
    assert(paidMinor === totalMinor, 'shares add up to the repayment');
  }

  private refund(prng: Prng, loan: Loan): void {
    const start = this.collector.dayStartMs;
    const atMs = sampleBetweenMs(prng, start + 9 * HOUR_MS, start + 12 * HOUR_MS);
    loan.shares.forEach((share, index) => {
      const base = { atMs: atMs + index * 1000, kind: 'transfer', purpose: 'refund' } as const;
      const draft = { ...base, amountMinor: share.principalMinor };
      this.collector.event({ ...draft, payer: loan.borrower, payee: share.owner });
      share.owner.sharesHeld -= 1;
    });
    loan.shares = [];
    loan.closed = true;
    loan.borrower.hasLoan = false;
  }

  private close(loan: Loan): void {
    loan.closed = true;
    loan.borrower.hasLoan = false;
    loan.borrower.loanFreeFromDay = this.collector.day + 1;
    for (const share of loan.shares) share.owner.sharesHeld -= 1;
    const index = loan.runningIndex;
    if (index < 0) return;
    const moved = this.running[this.running.length - 1] as Loan;
    this.running[index] = moved;
    moved.runningIndex = index;
    this.running.pop();
    loan.runningIndex = -1;
  }

  private schedule(loan: Loan, day: number): void {
    const list = this.due.get(day);
    if (list === undefined) this.due.set(day, [loan]);
    else list.push(loan);
  }
}
