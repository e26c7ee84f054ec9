import { assert } from '../../assert.js';
import type {
  CustomerProfile,
  EventChannel,
  MonitoredEventKind,
} from '../../monitor/monitored-event.js';
import { DAY_MS } from './cn-clock.js';
import type { SimCustomer } from './sim-customer.js';
import type { TypologyId } from './typologies.js';

/** One movement before it gets its event id: customers by reference, balances not yet moved. */
export interface EventDraft {
  atMs: number;
  kind: MonitoredEventKind;
  purpose: string;
  amountMinor: bigint;
  payer: SimCustomer | null;
  payee: SimCustomer | null;
  channel?: EventChannel;
  label?: TypologyId | null;
  instanceId?: string | null;
}

export type DayItem =
  | { what: 'event'; atMs: number; seq: number; draft: EventDraft }
  | { what: 'profile'; atMs: number; seq: number; profile: CustomerProfile };

/** Items scheduled ahead (planted scripts, disbursements, legacy activity), at most. */
export const SCHEDULED_ITEMS_MAX = 20_000_000;

/**
 * Collects one simulated day. An item for a later day waits in that day's bucket; an item of
 * today moves balances at once, so later decisions of the day see them. Attempts
 * (unauthorized debits) move nothing.
 */
export class DayCollector {
  private today: DayItem[] = [];
  private readonly future = new Map<number, DayItem[]>();
  private scheduledCount = 0;
  private seq = 0;
  day = Number.MIN_SAFE_INTEGER;
  dayStartMs = 0;
  totalBalanceMinor = 0n;

  constructor(private readonly windowStartMs: number) {}

  dayOf(atMs: number): number {
    return Math.floor((atMs - this.windowStartMs) / DAY_MS);
  }

  /** Starts a day: snapshots balances for spending caps, then moves its scheduled items in. */
  beginDay(day: number, customers: readonly SimCustomer[], touchAll: boolean): void {
    assert(day > this.day, 'days advance');
    assert(this.today.length === 0, 'the previous day was drained');
    this.day = day;
    this.dayStartMs = this.windowStartMs + day * DAY_MS;
    if (touchAll) {
      for (const customer of customers) {
        customer.dayStartBalanceMinor = customer.balanceMinor;
        customer.spentTodayMinor = 0n;
      }
    }
    const scheduled = this.future.get(day) ?? [];
    this.future.delete(day);
    this.scheduledCount -= scheduled.length;
    for (const item of scheduled) this.accept(item);
  }

  event(draft: EventDraft): void {
    this.push({ what: 'event', atMs: draft.atMs, seq: this.seq++, draft });
  }

  /** A profile as it is now (opened or closed at `atMs`). */
  profile(atMs: number, profile: CustomerProfile): void {
    this.push({ what: 'profile', atMs, seq: this.seq++, profile: { ...profile } });
  }

  hasScheduledBefore(day: number): boolean {
    for (const key of this.future.keys()) if (key < day) return true;
    return false;
  }

  earliestScheduledDay(): number | undefined {
    let earliest: number | undefined;
    for (const key of this.future.keys())
      if (earliest === undefined || key < earliest) earliest = key;
    return earliest;
  }

  /** The day's items in time order (stable for equal times); empties the day. */
  drain(): DayItem[] {
    const items = this.today.sort((x, y) => x.atMs - y.atMs || x.seq - y.seq);
    this.today = [];
    return items;
  }

  private push(item: DayItem): void {
    const itemDay = this.dayOf(item.atMs);
    assert(itemDay >= this.day, 'nothing is scheduled in the past');
    if (itemDay === this.day) {
      this.accept(item);
      return;
    }
    assert(this.scheduledCount < SCHEDULED_ITEMS_MAX, 'too many scheduled items');
    const bucket = this.future.get(itemDay);
    if (bucket === undefined) this.future.set(itemDay, [item]);
    else bucket.push(item);
    this.scheduledCount += 1;
  }

  private accept(item: DayItem): void {
    this.today.push(item);
    if (item.what === 'event') this.move(item.draft);
  }

  private move(draft: EventDraft): void {
    assert(draft.amountMinor > 0n, 'amounts are positive');
    if (draft.kind === 'unauthorized_debit_attempt') return;
    const { payer, payee } = draft;
    for (const customer of [payer, payee]) {
      if (customer !== null && customer.firstSeenDay > this.day) customer.firstSeenDay = this.day;
    }
    if (payer !== null) {
      payer.balanceMinor -= draft.amountMinor;
      payer.spentTodayMinor += draft.amountMinor;
      assert(payer.balanceMinor >= 0n, `account ${payer.accountId} overdrawn by ${draft.purpose}`);
      this.totalBalanceMinor -= draft.amountMinor;
    }
    if (payee !== null) {
      payee.balanceMinor += draft.amountMinor;
      this.totalBalanceMinor += draft.amountMinor;
    }
  }
}
