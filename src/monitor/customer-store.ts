import { assert } from '../assert.js';
import {
  customerKey,
  newCustomerState,
  type CustomerState,
  type SlotArray,
} from './customer-state.js';
import { keyStateBytes, type KeyState } from './key-state.js';
import type { CustomerProfile } from './monitored-event.js';
import { SecondChanceRing } from './second-chance-ring.js';

/** A device, IP or platform key's state in the shared store. */
interface SharedEntry {
  key: string;
  state: KeyState;
  referenced: boolean;
}

export interface StoreLimits {
  customersMax: number;
  keysPerCustomerMax: number;
}

export interface EvictionCounts {
  customers: number;
  keys: number;
  sharedKeys: number;
  profiles: number;
}

/**
 * Bounded in-memory state. Customers are evicted past customersMax in approximately
 * least-recently-seen order (second chance, see SecondChanceRing), and so are shared keys (device,
 * IP, platform) past the same cap. Every eviction is counted. Within a customer, past keysPerCustomerMax the key seen least
 * recently (smallest seenMs) is evicted. Profiles are capped at customersMax, oldest first.
 */
export class CustomerStore {
  /** Customers in eviction order (see SecondChanceRing). */
  readonly customers: SecondChanceRing<CustomerState>;
  /** The same customers by platform, then customer id: lookups build no key string. */
  private readonly byPlatform = new Map<string, Map<string, CustomerState>>();
  /** Shared keys in eviction order, and by key. */
  readonly shared: SecondChanceRing<SharedEntry>;
  private readonly sharedByKey = new Map<string, SharedEntry>();
  readonly profiles = new Map<string, CustomerProfile>();
  readonly evicted: EvictionCounts = { customers: 0, keys: 0, sharedKeys: 0, profiles: 0 };
  /**
   * Customers' slot arrays are dense: each rule slot in use gets a position the first time it
   * is set, the same for every customer, so an array holds only slots some rule has used.
   * Currency-free arrays ('') and currency arrays number their positions apart: a rule keeps
   * its state in one kind only, so neither kind carries room for the other's rules.
   */
  private readonly currencyFree = new SlotLayout();
  private readonly perCurrency = new SlotLayout();

  constructor(readonly limits: StoreLimits) {
    assert(limits.customersMax >= 1, 'customersMax must be at least 1');
    assert(limits.keysPerCustomerMax >= 1, 'keysPerCustomerMax must be at least 1');
    this.customers = new SecondChanceRing(limits.customersMax);
    this.shared = new SecondChanceRing(limits.customersMax);
  }

  upsertProfile(profile: CustomerProfile): void {
    const key = customerKey(profile.platformId, profile.customerId);
    this.profiles.delete(key);
    this.profiles.set(key, profile);
    if (this.profiles.size > this.limits.customersMax) {
      const oldest = this.profiles.keys().next().value;
      if (oldest !== undefined) this.profiles.delete(oldest);
      this.evicted.profiles += 1;
    }
    const state = this.peek(profile.platformId, profile.customerId);
    if (state !== undefined) state.profile = profile;
  }

  /** Without creating or reordering anything (check() uses this). */
  peek(platformId: string, customerId: string): CustomerState | undefined {
    return this.byPlatform.get(platformId)?.get(customerId);
  }

  peekProfile(platformId: string, customerId: string): CustomerProfile | undefined {
    return this.profiles.get(customerKey(platformId, customerId));
  }

  touch(platformId: string, customerId: string): CustomerState {
    let platform = this.byPlatform.get(platformId);
    let state = platform?.get(customerId);
    if (state !== undefined) {
      state.referenced = true;
      return state;
    }
    state = newCustomerState(
      platformId,
      customerId,
      this.profiles.get(customerKey(platformId, customerId)),
    );
    const evicted = this.customers.add(state);
    if (evicted !== undefined) {
      this.byPlatform.get(evicted.platformId)?.delete(evicted.customerId);
      this.evicted.customers += 1;
    }
    if (platform === undefined) this.byPlatform.set(platformId, (platform = new Map()));
    platform.set(customerId, state);
    return state;
  }

  getSlot(state: CustomerState, currencyKey: string, slot: number): KeyState | undefined {
    const slots = state.slots?.get(currencyKey);
    return slots === undefined ? undefined : this.slotIn(slots, currencyKey, slot);
  }

  /**
   * The state of rule slot `slot` (rule index × 2 + side) in a customer's slot array of
   * `currencyKey`.
   */
  slotIn(slots: SlotArray, currencyKey: string, slot: number): KeyState | undefined {
    const position = this.layoutOf(currencyKey).positionOfSlot[slot];
    return position === undefined || position >= slots.length ? undefined : slots[position];
  }

  setSlot(state: CustomerState, currencyKey: string, slot: number, value: KeyState): void {
    const byCurrency = (state.slots ??= new Map());
    let slots = byCurrency.get(currencyKey);
    const layout = this.layoutOf(currencyKey);
    const position = layout.positionOf(slot);
    if (slots === undefined || position >= slots.length) {
      // Exactly as long as the positions known so far: a sparse array indexed by rule slot
      // would carry room for every rule of the pack (and V8's growth slack) per customer.
      const grown: SlotArray = new Array<KeyState | undefined>(layout.slotOfPosition.length);
      for (let at = 0; at < (slots?.length ?? 0); at += 1) grown[at] = slots?.[at];
      slots = grown;
      byCurrency.set(currencyKey, slots);
    }
    assert(slots[position] === undefined, 'a slot is set once until evicted');
    slots[position] = value;
    this.added(state, value);
  }

  /**
   * A slot array's states with their rule slots, in rule slot order (snapshot, eviction).
   */
  *slotEntries(
    slots: SlotArray,
    currencyKey: string,
  ): Generator<[slot: number, value: KeyState, position: number]> {
    const layout = this.layoutOf(currencyKey);
    for (const position of layout.positionsInSlotOrder) {
      const value = position < slots.length ? slots[position] : undefined;
      if (value !== undefined) yield [layout.slotOfPosition[position] ?? 0, value, position];
    }
  }

  private layoutOf(currencyKey: string): SlotLayout {
    return currencyKey === '' ? this.currencyFree : this.perCurrency;
  }

  getOther(state: CustomerState, key: string): KeyState | undefined {
    return state.others?.get(key);
  }

  setOther(state: CustomerState, key: string, value: KeyState): void {
    const others = (state.others ??= new Map());
    assert(!others.has(key), 'an other-key is set once until evicted');
    others.set(key, value);
    this.added(state, value);
  }

  getShared(key: string): KeyState | undefined {
    const entry = this.sharedByKey.get(key);
    if (entry === undefined) return undefined;
    entry.referenced = true;
    return entry.state;
  }

  /** Without marking the key as used (check()). */
  peekShared(key: string): KeyState | undefined {
    return this.sharedByKey.get(key)?.state;
  }

  setShared(key: string, state: KeyState): void {
    assert(!this.sharedByKey.has(key), 'a shared key is set once until evicted');
    const entry: SharedEntry = { key, state, referenced: false };
    const evicted = this.shared.add(entry);
    if (evicted !== undefined) {
      this.sharedByKey.delete(evicted.key);
      this.evicted.sharedKeys += 1;
    }
    this.sharedByKey.set(key, entry);
  }

  private added(state: CustomerState, value: KeyState): void {
    state.keyCount += 1;
    if (state.keyCount <= this.limits.keysPerCustomerMax) return;
    this.evictOldestKey(state, value);
    this.evicted.keys += 1;
  }

  private evictOldestKey(state: CustomerState, keep: KeyState): void {
    let oldestMs = Number.POSITIVE_INFINITY;
    let remove: (() => void) | null = null;
    for (const [currencyKey, slots] of state.slots ?? []) {
      for (const [, candidate, position] of this.slotEntries(slots, currencyKey)) {
        if (candidate === keep || candidate.seenMs >= oldestMs) continue;
        oldestMs = candidate.seenMs;
        remove = () => (slots[position] = undefined);
      }
    }
    for (const [key, candidate] of state.others ?? []) {
      if (candidate === keep || candidate.seenMs >= oldestMs) continue;
      oldestMs = candidate.seenMs;
      remove = () => state.others?.delete(key);
    }
    assert(remove !== null, 'a customer over its key cap has another key');
    remove();
    state.keyCount -= 1;
  }

  approxBytes(): number {
    let bytes = this.profiles.size * 200 + this.shared.size * 80;
    for (const entry of this.shared.inOrder()) bytes += keyStateBytes(entry.state);
    for (const state of this.customers.inOrder()) {
      bytes += 260 + state.key.length * 2;
      for (const slots of state.slots?.values() ?? []) {
        // Counted by what is present, so a restored engine reports the same figure.
        for (const value of slots) if (value !== undefined) bytes += 48 + keyStateBytes(value);
      }
      for (const [key, value] of state.others ?? [])
        bytes += 60 + key.length + keyStateBytes(value);
      bytes += (state.outcomes?.length ?? 0) * 48 + (state.typologyUntilMs?.length ?? 0) * 8;
    }
    return bytes;
  }
}

/** Positions of rule slots in one kind of customer slot array (see CustomerStore). */
class SlotLayout {
  readonly positionOfSlot: (number | undefined)[] = [];
  readonly slotOfPosition: number[] = [];
  positionsInSlotOrder: number[] = [];

  /** The slot's position, given on first use. */
  positionOf(slot: number): number {
    let position = this.positionOfSlot[slot];
    if (position !== undefined) return position;
    position = this.slotOfPosition.length;
    this.positionOfSlot[slot] = position;
    this.slotOfPosition.push(slot);
    this.positionsInSlotOrder = this.slotOfPosition
      .map((_, at) => at)
      .sort((a, b) => (this.slotOfPosition[a] ?? 0) - (this.slotOfPosition[b] ?? 0));
    return position;
  }
}
