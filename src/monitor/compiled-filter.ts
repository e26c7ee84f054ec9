import { DAY_MS, HOUR_MS } from './limits.js';
import { compileAmounts } from './money-format.js';
import type { EventContext } from './event-context.js';
import type { CustomerProfile } from './monitored-event.js';
import type { EventFilter } from './rule-schema-parts.js';

export type EventPredicate = (ctx: EventContext, profile: CustomerProfile | undefined) => boolean;

const setOf = <T>(items: readonly T[] | undefined): Set<T> | null =>
  items === undefined ? null : new Set(items);

/** Compiles a filter once into one predicate; evaluating it allocates nothing. */
export function compileFilter(filter: EventFilter): EventPredicate {
  const kinds = setOf(filter.kinds);
  const purposes = setOf(filter.purposes);
  const excluded = setOf(filter.excludePurposes);
  const customerKinds = setOf(filter.customerKinds);
  const occupations = setOf(filter.occupations);
  const riskRatings = setOf(filter.riskRatings);
  const atLeast = compileAmounts(filter.amountAtLeast);
  const below = compileAmounts(filter.amountBelow);
  const round = compileAmounts(filter.roundMultiple);
  const hours = filter.localHours ?? null;
  const offsetMs = hours === null ? 0 : hours.utcOffsetMinutes * 60_000;
  const { cash, crossBorder, fundingAccountOwnName, accountAgeMsMax, beforeClosureMsMax } = filter;
  const needsProfile =
    customerKinds !== null ||
    occupations !== null ||
    riskRatings !== null ||
    accountAgeMsMax !== undefined ||
    beforeClosureMsMax !== undefined;

  return (ctx, profile) => {
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
