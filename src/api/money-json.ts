import { z } from 'zod';
import { formatAmount } from '../money/index.js';

/** Money on the wire: the decimal for people, the minor units for programs, and the currency. */
export const MoneySchema = z.object({
  amount: z.string(),
  amountMinor: z.string(),
  currency: z.string(),
});
export type MoneyJson = z.infer<typeof MoneySchema>;

export function moneyJson(amountMinor: bigint, currency: string): MoneyJson {
  return {
    amount: formatAmount(amountMinor, currency),
    amountMinor: amountMinor.toString(),
    currency,
  };
}

export const BalanceSchema = z.object({
  posted: MoneySchema,
  pending: MoneySchema,
  available: MoneySchema,
});

export function balanceJson(
  balance: { postedMinor: bigint; pendingMinor: bigint; availableMinor: bigint },
  currency: string,
) {
  return {
    posted: moneyJson(balance.postedMinor, currency),
    pending: moneyJson(balance.pendingMinor, currency),
    available: moneyJson(balance.availableMinor, currency),
  };
}
