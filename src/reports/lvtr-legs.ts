import type { LvtrLeg } from './lvtr-aggregate.js';
import { lvtrCategoryOf, type CustomerKind } from './lvtr-thresholds.js';

/** A posted instruction with the customers (if any) on its debit and credit side. */
export interface PostedMovement {
  instructionId: string;
  type: string;
  currency: string;
  amountMinor: bigint;
  channel: { cash?: boolean; crossBorder?: boolean } | null;
  debitCustomer: { id: string; kind: CustomerKind } | null;
  creditCustomer: { id: string; kind: CustomerKind } | null;
}

/**
 * Corrections are not customer transactions: a reversal undoes a reported movement and a
 * reconciliation adjustment moves only the platform's own accounts.
 */
export const LVTR_EXCLUDED_TYPES: ReadonlySet<string> = new Set(['reversal', 'recon_adjustment']);

/** The customer sides of a posting: the payer's outflow and the payee's inflow. */
export function legsOfMovement(movement: PostedMovement): LvtrLeg[] {
  if (LVTR_EXCLUDED_TYPES.has(movement.type)) return [];
  const legs: LvtrLeg[] = [];
  const sides = [
    ['out', movement.debitCustomer],
    ['in', movement.creditCustomer],
  ] as const;
  for (const [direction, customer] of sides) {
    if (customer === null) continue;
    legs.push({
      instructionId: movement.instructionId,
      customerId: customer.id,
      customerKind: customer.kind,
      direction,
      category: lvtrCategoryOf(customer.kind, movement.channel),
      currency: movement.currency,
      amountMinor: movement.amountMinor,
    });
  }
  return legs;
}
