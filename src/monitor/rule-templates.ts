import { z } from 'zod';
import {
  CONDITIONS_PER_RULE_MAX,
  DAY_MS,
  DISTINCT_SET_MAX,
  LIST_VALUES_MAX,
  WINDOW_BUCKETS_MAX,
} from './limits.js';
import {
  CurrencyAmountsSchema,
  DirectionSchema,
  DurationMsSchema,
  EventFilterSchema,
  UtcOffsetMinutesSchema,
  WindowSchema,
} from './rule-schema-parts.js';

/** The parameters of each rule template. Cross-field checks live in rule-definition.ts. */

const singleDirection = z.enum(['in', 'out', 'each']);

/** One event at or above an amount (or any matching event when `atLeast` is absent). */
export const ThresholdParamsSchema = z.strictObject({
  direction: singleDirection,
  filter: EventFilterSchema,
  atLeast: CurrencyAmountsSchema.optional(),
});

/** A field of the event is on a list the tenant maintains. */
export const ListMembershipParamsSchema = z.strictObject({
  direction: singleDirection,
  filter: EventFilterSchema,
  field: z.enum(['device', 'ip', 'counterparty', 'customer', 'account', 'purpose']),
  values: z.array(z.string().min(1).max(200)).min(1).max(LIST_VALUES_MAX),
});

const amountThresholds = {
  atLeast: CurrencyAmountsSchema.optional(),
  /**
   * A currency `atLeast` names: events in a currency it does not name are measured against
   * that amount converted at the engine's rate of the event's day (the USD figure of a
   * "foreign currency equivalent" threshold). Without a rate the rule cannot decide there.
   */
  otherCurrenciesVia: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** Sum at least `multiple` × the subject's declared monthly amount (read in `currency`). */
  atLeastDeclaredMultiple: z
    .strictObject({ multiple: z.number().positive().max(1_000), currency: z.string().length(3) })
    .optional(),
  /** Sum at least `share` × the platform's custody balance in the event's currency. */
  atLeastCustodyShare: z.number().positive().max(10).optional(),
};

export const AggregateConditionSchema = z.discriminatedUnion('measure', [
  z.strictObject({
    measure: z.literal('count'),
    where: EventFilterSchema.optional(),
    atLeast: z.number().int().min(1).max(1_000_000),
  }),
  z.strictObject({
    measure: z.enum(['sum', 'max', 'net_inflow', 'net_outflow']),
    where: EventFilterSchema.optional(),
    ...amountThresholds,
  }),
  z.strictObject({
    measure: z.literal('distinct_count'),
    of: z.enum(['counterparty', 'customer', 'device', 'ip', 'account']),
    atLeast: z.number().int().min(1).max(DISTINCT_SET_MAX),
  }),
  z.strictObject({
    measure: z.literal('ratio'),
    numerator: EventFilterSchema,
    of: z.enum(['count', 'sum']),
    atLeast: z.number().positive().max(1),
    minCount: z.number().int().min(1).max(1_000_000),
  }),
]);
export type AggregateCondition = z.infer<typeof AggregateConditionSchema>;

/** Windowed aggregates over a key: all (or any) conditions hold in the window. */
export const AggregateParamsSchema = z.strictObject({
  keyBy: z.enum(['customer', 'account', 'counterparty', 'device', 'ip', 'platform']),
  direction: DirectionSchema,
  filter: EventFilterSchema,
  window: WindowSchema,
  conditions: z.array(AggregateConditionSchema).min(1).max(CONDITIONS_PER_RULE_MAX),
  combine: z.enum(['all', 'any']),
  /**
   * When the conditions are decided: on every event (default), or when the customer's profile
   * records a closure, over the window ending at the closure (and on movements at or after it).
   */
  decideAt: z.enum(['event', 'closure']).optional(),
});

/** The last period's count or sum against mean + kσ of the key's own trailing periods. */
export const BaselineParamsSchema = z.strictObject({
  keyBy: z.enum(['customer', 'platform']),
  direction: DirectionSchema,
  filter: EventFilterSchema,
  metric: z.enum(['count', 'sum']),
  utcOffsetMinutes: UtcOffsetMinutesSchema,
  periodDays: z.number().int().min(1).max(WINDOW_BUCKETS_MAX),
  baselineDays: z.number().int().min(2).max(WINDOW_BUCKETS_MAX),
  minHistoryDays: z.number().int().min(1).max(WINDOW_BUCKETS_MAX),
  sigmaMultiple: z.number().min(0).max(100),
  meanMultiple: z.number().min(0).max(1_000),
  /** The period's value must also reach this: a count, or an amount per currency for sums. */
  minCount: z.number().int().min(1).max(1_000_000).optional(),
  minAmount: CurrencyAmountsSchema.optional(),
});

const sequenceStep = z.strictObject({
  direction: z.enum(['in', 'out']),
  filter: EventFilterSchema,
});

/** A `first` event, then `then` events of the same customer reaching a share of it in time. */
export const SequenceParamsSchema = z.strictObject({
  first: sequenceStep.extend({ atLeast: CurrencyAmountsSchema.optional() }),
  then: sequenceStep,
  windowMs: DurationMsSchema,
  thenShareAtLeast: z.number().positive().max(10),
});

/** No activity for idleMs, then inflows within windowMs reaching an amount or a multiple. */
export const DormancyParamsSchema = z.strictObject({
  idleMs: DurationMsSchema.refine((ms) => ms >= DAY_MS, 'at least one day'),
  windowMs: DurationMsSchema,
  filter: EventFilterSchema,
  atLeast: CurrencyAmountsSchema.optional(),
  historicalMonthlyMultiple: z.number().positive().max(1_000).optional(),
});

export const RULE_TEMPLATES = [
  'threshold',
  'list_membership',
  'aggregate',
  'baseline_deviation',
  'sequence',
  'dormancy',
] as const;
export type RuleTemplate = (typeof RULE_TEMPLATES)[number];
/** Templates check() can evaluate without touching state; others must be async. */
export const SYNC_TEMPLATES: readonly RuleTemplate[] = [
  'threshold',
  'list_membership',
  'aggregate',
];
