import type { CustomerState } from './customer-state.js';
import type { CustomerProfile, MonitoredEvent } from './monitored-event.js';
import type { CustomerStore } from './customer-store.js';
import { DerivedLists } from './derived-lists.js';
import { CUSTODY_KEY_SEPARATOR } from './engine-parts.js';
import { EventLinks } from './event-chain.js';
import { appended } from './exact-array.js';
import { FxRateBook } from './fx-rate-book.js';

const EMPTY_IDS: readonly string[] = [];

/** Sides of an event: IN is the payee's view, OUT the payer's, SHARED one view of the event. */
export const IN = 0;
export const OUT = 1;
export const SHARED = 2;
export type Side = typeof IN | typeof OUT | typeof SHARED;

/**
 * One event being evaluated, with what every rule needs resolved once: the amount as a number,
 * both customers' states and profiles. One instance per engine, reused for every event.
 * `mutate` is false inside check(): rules then read state and change nothing.
 */
export class EventContext {
  event!: MonitoredEvent;
  atMs = 0;
  amount = 0;
  currency = '';
  mutate = true;
  /** Set by a rule when the event was too old for one of its windows. */
  late = false;
  payer: CustomerState | undefined = undefined;
  payee: CustomerState | undefined = undefined;
  payerProfile: CustomerProfile | undefined = undefined;
  payeeProfile: CustomerProfile | undefined = undefined;
  /**
   * Lists this event derived, shared by keys that make the same change (see DerivedLists), one
   * cache per kind of list so that each search stays short: bucket or day indexes,
   * distinct-count values and times.
   */
  readonly bucketLists = new DerivedLists();
  readonly distinctLists = new DerivedLists();
  /** The links this event adds to chains of recent events, shared by keys alike (EventLinks). */
  readonly links = new EventLinks();
  /** See idsAlone(): made on first use within an event. */
  private aloneIds: string[] | null = null;

  constructor(
    readonly store: CustomerStore,
    readonly custodyBalances: Map<string, bigint>,
    readonly fxRates: FxRateBook = new FxRateBook(),
  ) {}

  prepare(event: MonitoredEvent, mutate: boolean): void {
    this.event = event;
    this.atMs = event.atMs;
    this.amount = Number(event.amountMinor);
    this.currency = event.currency;
    this.mutate = mutate;
    this.late = false;
    this.aloneIds = null;
    this.links.reset(event.eventId, event.atMs);
    this.bucketLists.clear();
    this.distinctLists.clear();
    const { platformId, payerCustomerId, payeeCustomerId } = event;
    const store = this.store;
    if (mutate) {
      this.payer = payerCustomerId === null ? undefined : store.touch(platformId, payerCustomerId);
      this.payee = payeeCustomerId === null ? undefined : store.touch(platformId, payeeCustomerId);
      this.payerProfile = this.payer?.profile;
      this.payeeProfile = this.payee?.profile;
    } else {
      this.payer = payerCustomerId === null ? undefined : store.peek(platformId, payerCustomerId);
      this.payee = payeeCustomerId === null ? undefined : store.peek(platformId, payeeCustomerId);
      this.payerProfile =
        payerCustomerId === null ? undefined : store.peekProfile(platformId, payerCustomerId);
      this.payeeProfile =
        payeeCustomerId === null ? undefined : store.peekProfile(platformId, payeeCustomerId);
    }
  }

  /**
   * [event id]: the explanation list of a dormancy episode this event starts. Every such key of
   * the event shares the same array; this is safe because those lists are only ever replaced
   * below their bound (appendedBounded copies), never changed in place.
   */
  idsAlone(): string[] {
    return (this.aloneIds ??= appended(EMPTY_IDS, this.event.eventId));
  }

  customerIdOf(side: Side): string | null {
    const event = this.event;
    if (side === IN) return event.payeeCustomerId;
    if (side === OUT) return event.payerCustomerId;
    return event.payerCustomerId ?? event.payeeCustomerId;
  }

  stateOf(side: Side): CustomerState | undefined {
    if (side === IN) return this.payee;
    if (side === OUT) return this.payer;
    return this.event.payerCustomerId !== null ? this.payer : this.payee;
  }

  profileOf(side: Side): CustomerProfile | undefined {
    if (side === IN) return this.payeeProfile;
    if (side === OUT) return this.payerProfile;
    return this.event.payerCustomerId !== null ? this.payerProfile : this.payeeProfile;
  }

  accountOf(side: Side): string | null {
    const event = this.event;
    if (side === IN) return event.payeeAccountId;
    if (side === OUT) return event.payerAccountId;
    return event.payerAccountId ?? event.payeeAccountId;
  }

  /** The other party seen from `side`: its customer id, else its account id. */
  counterpartyOf(side: Side): string | null {
    const event = this.event;
    if (side === IN) return event.payerCustomerId ?? event.payerAccountId;
    if (side === OUT) return event.payeeCustomerId ?? event.payeeAccountId;
    return null;
  }

  /** +1 money arriving to the subject, −1 leaving; for SHARED, +1 from outside, −1 to outside. */
  signOf(side: Side): number {
    if (side === IN) return 1;
    if (side === OUT) return -1;
    const { payerCustomerId, payeeCustomerId } = this.event;
    if (payerCustomerId === null && payeeCustomerId !== null) return 1;
    if (payeeCustomerId === null && payerCustomerId !== null) return -1;
    return 0;
  }

  custodyBalance(platformId: string, currency: string): bigint | undefined {
    return this.custodyBalances.get(platformId + CUSTODY_KEY_SEPARATOR + currency);
  }
}
