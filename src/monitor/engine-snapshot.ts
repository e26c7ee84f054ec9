import { z } from 'zod';
import { assert } from '../assert.js';
import { CUSTODY_KEY_SEPARATOR, type EngineParts } from './engine-parts.js';
import { compileConditions, FIELDS, keptFields } from './aggregate-conditions.js';
import { chainLists, chainOf } from './event-chain.js';
import { emptyList } from './exact-array.js';
import type { KeyState, SnapshotKeyState } from './key-state.js';
import { KEY_EVENT_IDS_MAX } from './limits.js';
import type { CustomerProfile } from './monitored-event.js';
import type { RulePack } from './rule-pack.js';
import type { TypologyScorer } from './typology-scorer.js';
import { compactedValues, expandedValues } from './window-buckets.js';

export const SNAPSHOT_FORMAT = 'custos.monitor.snapshot.v1';

/** Which state tag each stateful template keeps. */
const STATE_TAG: Record<string, KeyState['t'] | undefined> = {
  aggregate: 'agg',
  baseline_deviation: 'base',
  sequence: 'seq',
  dormancy: 'dorm',
};

interface KeyEntry {
  ruleId: string;
  /** The rest of the key after the rule index. */
  rest: string;
  state: SnapshotKeyState;
  /** Shared keys and customers: the second-chance mark of the eviction queue. */
  referenced?: boolean;
}

interface SlotEntry {
  currency: string;
  ruleId: string;
  side: number;
  state: SnapshotKeyState;
}

interface CustomerEntry {
  platformId: string;
  customerId: string;
  firstActivityMs: number;
  lastActivityMs: number;
  referenced: boolean;
  /** Currencies with a slot array, in Map order (eviction scans keys in this order). */
  currencies: string[];
  slots: SlotEntry[];
  others: KeyEntry[];
  outcomes: { ruleId: string; score: number; atMs: number; eventId: string }[];
  typologyUntil: { typologyId: string; untilMs: number }[];
}

type ProfileEntry = Omit<CustomerProfile, 'declaredMonthlyMinor'> & {
  declaredMonthlyMinor?: string;
};

/** JSON-serializable copy of an engine's state (bigint as decimal strings), in Map order. */
export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  packId: string;
  /** Rule id → version@template: state is restored only into the same rule definition. */
  rules: Record<string, string>;
  counters: EngineParts['counters'];
  evicted: { customers: number; keys: number; sharedKeys: number; profiles: number };
  ruleErrors: [string, number][];
  ruleErrorHours: [string, number][];
  /**
   * [platform, currency, balance]; snapshots from before the engine set balances in the running
   * service hold [platform NUL currency, balance]. NUL never reaches the stored text any more:
   * PostgreSQL's json functions refuse it.
   */
  custody: ([string, string, string] | [string, string])[];
  profiles: ProfileEntry[];
  customers: CustomerEntry[];
  shared: KeyEntry[];
  alertKeys: string[];
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Per rule index, what its state keeps in memory of the snapshot layout: the bucket fields of
 * an aggregate rule (and its number of slots), the metric of a baseline rule (its day counts
 * or its day sums), else null.
 */
type KeptLayout = { fields: readonly number[]; slots: number } | 'count' | 'sum' | null;

function keptFieldsByRule(pack: RulePack): KeptLayout[] {
  return pack.rules.map((rule) => {
    if (rule.template === 'aggregate') {
      const compiled = compileConditions(rule.params.conditions);
      return { fields: keptFields(compiled.conditions), slots: compiled.slotFilters.length };
    }
    return rule.template === 'baseline_deviation' ? rule.params.metric : null;
  });
}

/**
 * A copy of a state in the snapshot layout, as engines that keep everything wrote it: an
 * aggregate's bucket values with every field per slot, a baseline's day counts and day sums;
 * what the rule does not keep is written as zeros (no rule reads it). A rule that keeps no
 * buckets (distinct counts only) is written with its newest bucket, of zeros: an engine that
 * keeps buckets for it (one before this layout, in a rolling deployment) then marks the same
 * events late.
 */
function snapshotState(state: KeyState, kept: KeptLayout | undefined): SnapshotKeyState {
  const copied = withLists(state);
  if (copied.t === 'agg' && isAggregateLayout(kept)) {
    if (kept.fields.length === 0) {
      assert(copied.b.length === 0, 'a state without bucket fields keeps no buckets');
      copied.b = [copied.last];
      copied.v = zeros(kept.slots * FIELDS);
    } else {
      copied.v = expandedValues(copied.v, kept.fields);
    }
  }
  if (copied.t === 'base' && kept === 'sum') copied.c = zeros(copied.b.length);
  if (copied.t === 'base' && kept === 'count') copied.s = zeros(copied.b.length);
  return copied;
}

/** The inverse of snapshotState: a state as the engine keeps it. */
function restoredState(state: SnapshotKeyState, kept: KeptLayout | undefined): KeyState {
  const copied = withChain(state);
  if (copied.t === 'agg' && isAggregateLayout(kept)) {
    assert(copied.v.length % FIELDS === 0, 'snapshot bucket values hold every field');
    copied.v = compactedValues(copied.v, kept.fields);
    // A rule that reads no bucket field keeps no buckets, only the newest bucket's index.
    if (kept.fields.length === 0) copied.b = emptyList();
  }
  if (copied.t === 'base' && kept === 'sum') copied.c = emptyList();
  if (copied.t === 'base' && kept === 'count') copied.s = emptyList();
  return copied;
}

function isAggregateLayout(
  kept: KeptLayout | undefined,
): kept is { fields: readonly number[]; slots: number } {
  return typeof kept === 'object' && kept !== null;
}

/** A copy with the chain of recent events written as two lists (aggregates and baselines). */
function withLists(state: KeyState): SnapshotKeyState {
  if (state.t !== 'agg' && state.t !== 'base') return copy(state);
  const { recent, ...rest } = state;
  return { ...copy(rest), ...chainLists(recent, KEY_EVENT_IDS_MAX) };
}

/** The inverse of withLists. */
function withChain(state: SnapshotKeyState): KeyState {
  if (state.t !== 'agg' && state.t !== 'base') return copy(state);
  const { ids, at, ...rest } = state;
  return { ...copy(rest), recent: chainOf(ids, at) };
}

const zeros = (length: number): number[] => new Array<number>(length).fill(0);
const ruleSignature = (rule: RulePack['rules'][number]) => `${rule.version}@${rule.template}`;

function splitKey(pack: RulePack, key: string): { ruleId: string; rest: string } {
  const bar = key.indexOf('|');
  const rule = pack.rules[ruleIndexOf(key)];
  assert(rule !== undefined, `state key ${key} names a rule of the pack`);
  return { ruleId: rule.id, rest: key.slice(bar + 1) };
}

const ruleIndexOf = (key: string): number => Number(key.slice(0, key.indexOf('|')));

export function snapshotParts(
  parts: EngineParts,
  pack: RulePack,
  scorer: TypologyScorer,
): EngineSnapshot {
  const { store } = parts;
  const fieldsOf = keptFieldsByRule(pack);
  const customers: CustomerEntry[] = [];
  for (const state of store.customers.inOrder()) {
    const slots: SlotEntry[] = [];
    for (const [currency, values] of state.slots ?? []) {
      for (const [slot, value] of store.slotEntries(values, currency)) {
        const rule = pack.rules[Math.floor(slot / 2)];
        if (rule !== undefined) {
          const state = snapshotState(value, fieldsOf[Math.floor(slot / 2)]);
          slots.push({ currency, ruleId: rule.id, side: slot % 2, state });
        }
      }
    }
    const others = [...(state.others ?? [])].map(([key, value]) => ({
      ...splitKey(pack, key),
      state: snapshotState(value, fieldsOf[ruleIndexOf(key)]),
    }));
    const outcomes = (state.outcomes ?? []).flatMap((outcome, index) =>
      outcome === undefined ? [] : [{ ruleId: scorer.outcomeRuleIds[index] ?? '', ...outcome }],
    );
    const typologyUntil = (state.typologyUntilMs ?? []).map((untilMs, index) => ({
      typologyId: scorer.typologies[index]?.def.id ?? '',
      untilMs,
    }));
    const { platformId, customerId, firstActivityMs, lastActivityMs, referenced } = state;
    customers.push({
      platformId,
      customerId,
      firstActivityMs,
      lastActivityMs,
      referenced,
      currencies: [...(state.slots?.keys() ?? [])],
      slots,
      others,
      outcomes,
      typologyUntil,
    });
  }
  return {
    format: SNAPSHOT_FORMAT,
    packId: pack.id,
    rules: Object.fromEntries(pack.rules.map((rule) => [rule.id, ruleSignature(rule)])),
    counters: { ...parts.counters },
    evicted: { ...store.evicted },
    ruleErrors: [...parts.ruleErrors],
    ruleErrorHours: [...parts.ruleErrorHours],
    custody: [...parts.custody].map(([key, balance]): [string, string, string] => {
      const [platformId = '', currency = ''] = key.split(CUSTODY_KEY_SEPARATOR);
      return [platformId, currency, balance.toString()];
    }),
    profiles: [...store.profiles.values()].map(({ declaredMonthlyMinor, ...rest }) =>
      declaredMonthlyMinor === undefined
        ? { ...rest }
        : { ...rest, declaredMonthlyMinor: declaredMonthlyMinor.toString() },
    ),
    customers,
    shared: [...store.shared.inOrder()].map(({ key, ...entry }) => ({
      ...splitKey(pack, key),
      state: snapshotState(entry.state, fieldsOf[ruleIndexOf(key)]),
      referenced: entry.referenced,
    })),
    alertKeys: [...parts.alertKeys],
  };
}

const SnapshotHeaderSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  rules: z.record(z.string(), z.string()),
  customers: z.array(z.object({ platformId: z.string(), customerId: z.string() })),
  alertKeys: z.array(z.string()),
});

/**
 * Fills a fresh engine's parts from a snapshot. State of a rule that is missing from the pack,
 * or whose version or template changed, is dropped: it was built under another definition.
 */
export function restoreParts(
  parts: EngineParts,
  pack: RulePack,
  scorer: TypologyScorer,
  snapshot: EngineSnapshot,
): void {
  const header = SnapshotHeaderSchema.safeParse(snapshot);
  assert(header.success, `not a monitoring snapshot: ${header.error?.message ?? ''}`);
  const indexOf = new Map<string, number>();
  pack.rules.forEach((rule, index) => {
    const stateTag = STATE_TAG[rule.template];
    if (snapshot.rules[rule.id] === ruleSignature(rule) && stateTag !== undefined)
      indexOf.set(rule.id, index);
  });
  const typologyIndex = new Map(
    scorer.typologies.map((typology) => [typology.def.id, typology.index]),
  );
  const { store } = parts;
  const fieldsOf = keptFieldsByRule(pack);
  Object.assign(parts.counters, snapshot.counters);
  Object.assign(store.evicted, snapshot.evicted);
  for (const [key, value] of snapshot.ruleErrors) parts.ruleErrors.set(key, value);
  for (const [key, value] of snapshot.ruleErrorHours) parts.ruleErrorHours.set(key, value);
  for (const entry of snapshot.custody) {
    const key = entry.length === 3 ? entry[0] + CUSTODY_KEY_SEPARATOR + entry[1] : entry[0];
    parts.custody.set(key, BigInt(entry.length === 3 ? entry[2] : entry[1]));
  }
  for (const key of snapshot.alertKeys) parts.alertKeys.add(key);
  for (const profile of snapshot.profiles) {
    const { declaredMonthlyMinor, ...rest } = profile;
    store.upsertProfile(
      declaredMonthlyMinor === undefined
        ? rest
        : { ...rest, declaredMonthlyMinor: BigInt(declaredMonthlyMinor) },
    );
  }
  for (const entry of snapshot.customers) {
    const state = store.touch(entry.platformId, entry.customerId);
    state.firstActivityMs = entry.firstActivityMs;
    state.lastActivityMs = entry.lastActivityMs;
    state.referenced = entry.referenced;
    if (entry.currencies.length > 0) {
      state.slots = new Map(entry.currencies.map((currency) => [currency, []]));
    }
    for (const slot of entry.slots) {
      const index = indexOf.get(slot.ruleId);
      if (index === undefined) continue;
      const restored = restoredState(slot.state, fieldsOf[index]);
      store.setSlot(state, slot.currency, index * 2 + slot.side, restored);
    }
    for (const other of entry.others) {
      const index = indexOf.get(other.ruleId);
      if (index === undefined) continue;
      store.setOther(state, `${index}|${other.rest}`, restoredState(other.state, fieldsOf[index]));
    }
    for (const outcome of entry.outcomes) {
      const index = scorer.outcomeIndex.get(outcome.ruleId);
      if (index === undefined) continue;
      (state.outcomes ??= [])[index] = {
        score: outcome.score,
        atMs: outcome.atMs,
        eventId: outcome.eventId,
      };
    }
    for (const until of entry.typologyUntil) {
      const index = typologyIndex.get(until.typologyId);
      if (index === undefined) continue;
      (state.typologyUntilMs ??= new Array<number>(scorer.typologies.length).fill(
        Number.MIN_SAFE_INTEGER,
      ))[index] = until.untilMs;
    }
  }
  for (const shared of snapshot.shared) {
    const index = indexOf.get(shared.ruleId);
    if (index === undefined) continue;
    const key = `${index}|${shared.rest}`;
    store.setShared(key, restoredState(shared.state, fieldsOf[index]));
    if (shared.referenced === true) store.getShared(key);
  }
}
