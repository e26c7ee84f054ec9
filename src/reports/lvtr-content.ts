import { z } from 'zod';
import type { CnyRates } from './fx-conversion.js';
import type { LvtrItem, LvtrOptions } from './lvtr-aggregate.js';
import { LVTR_CATEGORIES } from './lvtr-thresholds.js';

/** A large-value report version as stored: bigint amounts as decimal strings. */
export const LvtrContentSchema = z.object({
  kind: z.literal('lvtr'),
  businessDate: z.string(),
  legCount: z.number().int().min(0),
  combineMixedCurrencies: z.boolean(),
  ratesMicros: z.record(z.string(), z.string()),
  items: z.array(
    z.object({
      customerId: z.string(),
      customerKind: z.enum(['person', 'entity']),
      direction: z.enum(['in', 'out']),
      category: z.enum(LVTR_CATEGORIES),
      totals: z.array(z.object({ currency: z.string(), amountMinor: z.string() })),
      cnyPartMinor: z.string(),
      fxUsdMinor: z.string(),
      totalCnyMinor: z.string(),
      basis: z.enum(['cny', 'fx', 'combined']),
      instructionIds: z.array(z.string()),
    }),
  ),
});
export type LvtrContent = z.infer<typeof LvtrContentSchema>;

export function lvtrContentOf(
  businessDate: string,
  items: readonly LvtrItem[],
  rates: CnyRates,
  legCount: number,
  options: LvtrOptions,
): LvtrContent {
  return {
    kind: 'lvtr',
    businessDate,
    legCount,
    combineMixedCurrencies: options.combineMixedCurrencies,
    ratesMicros: Object.fromEntries(
      [...rates].map(([currency, micros]) => [currency, `${micros}`]),
    ),
    items: items.map((item) => ({
      customerId: item.customerId,
      customerKind: item.customerKind,
      direction: item.direction,
      category: item.category,
      totals: item.totals.map((t) => ({ currency: t.currency, amountMinor: `${t.amountMinor}` })),
      cnyPartMinor: `${item.cnyPartMinor}`,
      fxUsdMinor: `${item.fxUsdMinor}`,
      totalCnyMinor: `${item.totalCnyMinor}`,
      basis: item.basis,
      instructionIds: item.instructionIds,
    })),
  };
}
