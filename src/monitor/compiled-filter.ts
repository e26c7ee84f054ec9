import { DAY_MS, HOUR_MS } from './limits.js';
import { compileAmounts } from './money-format.js';
import type { EventContext } from './event-context.js';
import type { CustomerProfile } from './monitored-event.js';
import type { EventFilter } from './rule-schema-parts.js';

export type EventPredicate = (ctx: EventContext, profile: CustomerProfile | undefined) => boolean;

const setOf = <T>(items: readonly T[] | undefined): Set<T> | null =>
  items === undefined ? null : new Set(items);

/** The part of a filter that reads only the event: the same for every side and profile. */
export type EventTest = (ctx: EventContext) => boolean;

/** Compiles a filter once into one predicate; evaluating it allocates nothing. */
export function compileFilter(filter: EventFilter): EventPredicate {
  const eventPasses = compileEventTest(filter) ?? passes;
  const customerKinds = setOf(filter.customerKinds);
  const occupations = setOf(filter.occupations);
  const riskRatings = setOf(filter.riskRatings);
  const { accountAgeMsMax, beforeClosureMsMax } = filter;
  const needsProfile =
    customerKinds !== null ||
    occupations !== null ||
    riskRatings !== null ||
    accountAgeMsMax !== undefined ||
    beforeClosureMsMax !== undefined;

  return (ctx, profile) => {
    if (!eventPasses(ctx)) return false;
    if (!needsProfile) return true;
    if (profile === undefined) return false;
    if (customerKinds !== null && !customerKinds.has(profile.kind)) return false;
    if (
      occupations !== null &&
      (profile.occupation === undefined || !occupations.has(profile.occupation))
    ) {
      return false;
    }
    if (
      riskRatings !== null &&
      (profile.riskRating === undefined || !riskRatings.has(profile.riskRating))
    ) {
      return false;
    }
    if (accountAgeMsMax !== undefined && ctx.atMs - profile.openedAtMs > accountAgeMsMax)
      return false;
    if (beforeClosureMsMax !== undefined) {
      const untilClosureMs = (profile.closedAtMs ?? -1) - ctx.atMs;
      if (profile.closedAtMs === undefined || untilClosureMs < 0) return false;
      if (untilClosureMs > beforeClosureMsMax) return false;
    }
    return true;
  };
}

const passes: EventTest = () => true;

/** The filter fields that read only the event, in the order compileFilter checks them. */
const EVENT_CONDITION_KEYS = [
  'kinds',
  'purposes',
  'excludePurposes',
  'cash',
  'crossBorder',
  'fundingAccountOwnName',
  'amountAtLeast',
  'amountBelow',
  'roundMultiple',
  'localHours',
] as const satisfies readonly (keyof EventFilter)[];

type EventConditions = Pick<EventFilter, (typeof EVENT_CONDITION_KEYS)[number]>;

/** The event conditions of a filter (absent ones included, as undefined, for a stable key). */
function eventConditions(filter: EventFilter): EventConditions {
  const conditions: Record<string, unknown> = {};
  for (const key of EVENT_CONDITION_KEYS) conditions[key] = filter[key];
  return conditions as EventConditions;
}

/**
 * A text naming a filter's event conditions: two filters with the same key pass the same
 * events (EventGates evaluates them once per event).
 */
export function eventTestKey(filter: EventFilter): string {
  return JSON.stringify(eventConditions(filter));
}

/** The filter's event conditions as one test, or null when it has none (every event passes). */
export function compileEventTest(filter: EventFilter): EventTest | null {
  const conditions = eventConditions(filter);
  if (Object.values(conditions).every((value) => value === undefined)) return null;
  const kinds = setOf(conditions.kinds);
  const purposes = setOf(conditions.purposes);
  const excluded = setOf(conditions.excludePurposes);
  const atLeast = compileAmounts(conditions.amountAtLeast);
  const below = compileAmounts(conditions.amountBelow);
  const round = compileAmounts(conditions.roundMultiple);
  const hours = conditions.localHours ?? null;
  const offsetMs = hours === null ? 0 : hours.utcOffsetMinutes * 60_000;
  const { cash, crossBorder, fundingAccountOwnName } = conditions;

  return (ctx) => {
    const event = ctx.event;
    if (kinds !== null && !kinds.has(event.kind)) return false;
    if (purposes !== null && !purposes.has(event.purpose)) return false;
    if (excluded !== null && excluded.has(event.purpose)) return false;
    const channel = event.channel;
    if (cash !== undefined && (channel?.cash === true) !== cash) return false;
    if (crossBorder !== undefined && (channel?.crossBorder === true) !== crossBorder) return false;
    if (
      fundingAccountOwnName !== undefined &&
      channel?.fundingAccountOwnName !== fundingAccountOwnName
    ) {
      return false;
    }
    if (atLeast !== null && !(ctx.amount >= (atLeast.get(ctx.currency) ?? Infinity))) return false;
    if (below !== null && !(ctx.amount < (below.get(ctx.currency) ?? -Infinity))) return false;
    if (round !== null) {
      const multiple = round.get(ctx.currency);
      if (multiple === undefined || ctx.amount % multiple !== 0) return false;
    }
    if (hours !== null) {
      const hour = Math.floor(((((ctx.atMs + offsetMs) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
      if (hour < hours.fromHour || hour >= hours.toHour) return false;
    }
    return true;
  };
}
