import { z } from 'zod';
import { parseAmount } from '../money/index.js';
import {
  CURRENCIES_PER_AMOUNT_MAX,
  DAY_MS,
  FILTER_VALUES_MAX,
  WINDOW_BUCKETS_MAX,
  WINDOW_MS_MAX,
} from './limits.js';
import { MONITORED_EVENT_KINDS } from './monitored-event.js';

/**
 * Amounts per currency as decimal strings in major units ({ CNY: '50000', USD: '10000' }).
 * A rule with amounts applies only to events in a currency it names.
 */
export const CurrencyAmountsSchema = z
  .record(z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'), z.string())
  .superRefine((amounts, ctx) => {
    const entries = Object.entries(amounts);
    if (entries.length === 0)
      ctx.addIssue({ code: 'custom', message: 'name at least one currency' });
    if (entries.length > CURRENCIES_PER_AMOUNT_MAX) {
      ctx.addIssue({ code: 'custom', message: `at most ${CURRENCIES_PER_AMOUNT_MAX} currencies` });
    }
    for (const [currency, text] of entries) {
      const parsed = parseAmount(text, currency);
      if (!parsed.ok) {
        const why = parsed.error.code === 'bad_amount' ? parsed.error.reason : 'unknown currency';
        ctx.addIssue({ code: 'custom', path: [currency], message: why });
      }
    }
  });
export type CurrencyAmounts = z.infer<typeof CurrencyAmountsSchema>;

const durationMs = z
  .number()
  .int()
  .positive()
  .max(WINDOW_MS_MAX, `at most ${WINDOW_MS_MAX / DAY_MS} days`);
const utcOffsetMinutes = z.number().int().min(-720).max(840);
const values = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(FILTER_VALUES_MAX);

/**
 * Which events (and, for profile fields, which subject customers) a rule looks at. Every field
 * is optional and all given fields must hold. `cash` and `crossBorder` treat a missing channel
 * flag as false; `fundingAccountOwnName: false` matches only an explicit false (unknown funding
 * is not third-party funding). Profile fields never match a customer without a profile.
 */
export const EventFilterSchema = z.strictObject({
  kinds: values(z.enum(MONITORED_EVENT_KINDS)).optional(),
  purposes: values(z.string().min(1).max(64)).optional(),
  excludePurposes: values(z.string().min(1).max(64)).optional(),
  cash: z.boolean().optional(),
  crossBorder: z.boolean().optional(),
  fundingAccountOwnName: z.boolean().optional(),
  customerKinds: values(z.enum(['person', 'entity'])).optional(),
  occupations: values(
    z.enum(['student', 'retired', 'employed', 'self_employed', 'other']),
  ).optional(),
  riskRatings: values(z.enum(['low', 'medium', 'high'])).optional(),
  /** Single amount at least this (per currency). */
  amountAtLeast: CurrencyAmountsSchema.optional(),
  /** Single amount strictly below this (per currency). */
  amountBelow: CurrencyAmountsSchema.optional(),
  /** Amount is a whole multiple of this (per currency). */
  roundMultiple: CurrencyAmountsSchema.optional(),
  /** Local time of day in [fromHour, toHour). */
  localHours: z
    .strictObject({
      fromHour: z.number().int().min(0).max(23),
      toHour: z.number().int().min(1).max(24),
      utcOffsetMinutes,
    })
    .refine((hours) => hours.fromHour < hours.toHour, {
      message: 'fromHour must be before toHour',
      path: ['toHour'],
    })
    .optional(),
  /** The subject customer's account was opened at most this long before the event. */
  accountAgeMsMax: durationMs.optional(),
  /** The subject customer's recorded closure is at most this long after the event. */
  beforeClosureMsMax: durationMs.optional(),
});
export type EventFilter = z.infer<typeof EventFilterSchema>;

/**
 * A window of time: `sliding` (windowMs, kept in buckets of bucketMs) or `calendar_day` (the
 * local day of the event, for "the same day's cumulative total").
 */
export const WindowSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('sliding'), windowMs: durationMs, bucketMs: durationMs })
    .superRefine((window, ctx) => {
      if (window.windowMs % window.bucketMs !== 0) {
        ctx.addIssue({ code: 'custom', path: ['bucketMs'], message: 'must divide windowMs' });
      } else if (window.windowMs / window.bucketMs > WINDOW_BUCKETS_MAX) {
        const message = `windowMs / bucketMs must be at most ${WINDOW_BUCKETS_MAX}`;
        ctx.addIssue({ code: 'custom', path: ['bucketMs'], message });
      }
    }),
  z.strictObject({ kind: z.literal('calendar_day'), utcOffsetMinutes }),
]);
export type Window = z.infer<typeof WindowSchema>;

/**
 * Whose view of an event a rule takes: `in` the payee's, `out` the payer's, `each` both
 * separately (inflows and outflows summed apart), `both` one combined view per customer.
 */
export const DirectionSchema = z.enum(['in', 'out', 'each', 'both']);
export type Direction = z.infer<typeof DirectionSchema>;

export const DurationMsSchema = durationMs;
export const UtcOffsetMinutesSchema = utcOffsetMinutes;
