import { assert } from '../assert.js';
import { RISK_LIMITS } from './risk-limits.js';
import type { LossKind } from './risk-types.js';

/** A loss event's amounts in integer minor units of its currency. */
export interface LossAmounts {
  kind: LossKind;
  grossLossMinor: bigint;
  potentialLossMinor: bigint;
  recoveryInsuranceMinor: bigint;
  recoveryGuaranteeMinor: bigint;
  recoveryOtherMinor: bigint;
}

export type LossAmountsCheck = { ok: true; netLossMinor: bigint } | { ok: false; message: string };

/**
 * Net loss = gross − recoveries (pure). Recoveries may not exceed the gross loss: a recovery
 * above the loss is a gain booked somewhere else, not a negative loss. A near miss has no
 * gross loss (only what it would have cost) and so no recoveries.
 */
export function checkLossAmounts(amounts: LossAmounts): LossAmountsCheck {
  const all = [
    amounts.grossLossMinor,
    amounts.potentialLossMinor,
    amounts.recoveryInsuranceMinor,
    amounts.recoveryGuaranteeMinor,
    amounts.recoveryOtherMinor,
  ];
  if (all.some((a) => a < 0n)) return { ok: false, message: 'amounts may not be negative' };
  if (all.some((a) => a > RISK_LIMITS.amountMinorMax))
    return { ok: false, message: 'an amount exceeds 10^15 minor units' };
  if (amounts.kind === 'near_miss' && amounts.grossLossMinor !== 0n)
    return { ok: false, message: 'a near miss has no gross loss: use potentialLoss' };
  if (amounts.kind === 'loss' && amounts.potentialLossMinor !== 0n)
    return { ok: false, message: 'potentialLoss is for near misses' };
  const recoveries =
    amounts.recoveryInsuranceMinor + amounts.recoveryGuaranteeMinor + amounts.recoveryOtherMinor;
  if (recoveries > amounts.grossLossMinor)
    return { ok: false, message: 'recoveries exceed the gross loss' };
  const netLossMinor = amounts.grossLossMinor - recoveries;
  assert(netLossMinor >= 0n && netLossMinor <= amounts.grossLossMinor, 'net within gross');
  return { ok: true, netLossMinor };
}

export interface LossTotals {
  currency: string;
  events: number;
  nearMisses: number;
  grossLossMinor: bigint;
  recoveredMinor: bigint;
  netLossMinor: bigint;
}

/** Totals per currency, currencies in code order (pure); amounts are never mixed. */
export function lossTotals(
  events: readonly {
    currency: string;
    kind: LossKind;
    grossLossMinor: bigint;
    netLossMinor: bigint;
  }[],
): LossTotals[] {
  const byCurrency = new Map<string, LossTotals>();
  for (const event of events) {
    const totals = byCurrency.get(event.currency) ?? {
      currency: event.currency,
      events: 0,
      nearMisses: 0,
      grossLossMinor: 0n,
      recoveredMinor: 0n,
      netLossMinor: 0n,
    };
    totals.events += 1;
    if (event.kind === 'near_miss') totals.nearMisses += 1;
    totals.grossLossMinor += event.grossLossMinor;
    totals.recoveredMinor += event.grossLossMinor - event.netLossMinor;
    totals.netLossMinor += event.netLossMinor;
    byCurrency.set(event.currency, totals);
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}
