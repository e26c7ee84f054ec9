import { chainLength, type EventLink } from './event-chain.js';

/**
 * Per-key rule state: plain data (numbers, strings, arrays) but for the chain of recent events
 * an explanation quotes, which snapshots write as two lists (SnapshotKeyState); `t` tells the
 * template. NONE_MS stands for "no time yet".
 */
export const NONE_MS = Number.MIN_SAFE_INTEGER;

/** Recent values with the time each was last seen; at most DISTINCT_SET_MAX entries. */
export interface DistinctSet {
  v: string[];
  at: number[];
}

/**
 * Sparse time buckets: b[i] is a bucket index, v holds slots × [count, sum, max, net] per bucket
 * in snapshots; in memory each slot keeps only the fields its rule reads (keptFields), and `b`
 * may be shared with other keys (DerivedLists).
 */
export interface AggregateState {
  t: 'agg';
  seenMs: number;
  last: number;
  b: number[];
  v: number[];
  /** The newest KEY_EVENT_IDS_MAX events counted, for explanations (shared, never changed). */
  recent: EventLink | null;
  ds: DistinctSet[] | null;
  untilMs: number;
}

/**
 * Sparse day buckets of counts and sums; `first` is the first day with activity. In memory only
 * the list the rule's metric reads grows (the other stays empty); snapshots hold both.
 */
export interface BaselineState {
  t: 'base';
  seenMs: number;
  first: number;
  b: number[];
  c: number[];
  s: number[];
  recent: EventLink | null;
  untilMs: number;
}

export interface OpenStep {
  atMs: number;
  amount: number;
  id: string;
  thenSum: number;
  thenIds: string[];
  fired: boolean;
}

export interface SequenceState {
  t: 'seq';
  seenMs: number;
  open: OpenStep[];
}

export interface DormancyState {
  t: 'dorm';
  seenMs: number;
  lifetimeSum: number;
  startMs: number;
  sum: number;
  monthlyAvg: number;
  idleMs: number;
  ids: string[];
  fired: boolean;
}

export type KeyState = AggregateState | BaselineState | SequenceState | DormancyState;

/** A state with its recent events as the snapshot's lists: ids and times, oldest first. */
type WithLists<T> = Omit<T, 'recent'> & { ids: string[]; at: number[] };

/** A state as snapshots write it. */
export type SnapshotKeyState =
  WithLists<AggregateState> | WithLists<BaselineState> | SequenceState | DormancyState;

/** A rough size in bytes of a state on the V8 heap (objects, array slots, strings by pointer). */
export function keyStateBytes(state: KeyState): number {
  switch (state.t) {
    case 'agg': {
      let bytes = 120 + (state.b.length + state.v.length) * 8 + chainLength(state.recent) * 16;
      for (const set of state.ds ?? []) bytes += 40 + set.v.length * 16;
      return bytes;
    }
    case 'base':
      return 120 + state.b.length * 24 + chainLength(state.recent) * 16;
    case 'seq':
      return 40 + state.open.reduce((sum, step) => sum + 80 + step.thenIds.length * 8, 0);
    case 'dorm':
      return 100 + state.ids.length * 8;
  }
}
