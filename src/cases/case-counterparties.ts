import { CASE_COUNTERPARTIES_MAX } from './case-limits.js';

/** One of a customer's instructions, seen from that customer's side. */
export interface CustomerInstruction {
  id: string;
  type: string;
  status: string;
  amountMinor: bigint;
  currency: string;
  purpose: string;
  direction: 'in' | 'out';
  counterpartyAccountId: string;
  counterpartyAccountType: string;
  counterpartyCustomerId: string | null;
  holdReason: string | null;
  createdAt: string;
}

export interface Counterparty {
  accountId: string;
  accountType: string;
  customerId: string | null;
  currency: string;
  instructionCount: number;
  inMinor: bigint;
  outMinor: bigint;
}

/**
 * Who the customer's money came from and went to, per counterparty account, largest flows
 * first. Voided instructions moved nothing and are left out.
 */
export function counterpartiesOf(instructions: readonly CustomerInstruction[]): Counterparty[] {
  const byAccount = new Map<string, Counterparty>();
  for (const instruction of instructions) {
    if (instruction.status === 'voided') continue;
    const key = `${instruction.counterpartyAccountId}\u0000${instruction.currency}`;
    const entry = byAccount.get(key) ?? {
      accountId: instruction.counterpartyAccountId,
      accountType: instruction.counterpartyAccountType,
      customerId: instruction.counterpartyCustomerId,
      currency: instruction.currency,
      instructionCount: 0,
      inMinor: 0n,
      outMinor: 0n,
    };
    entry.instructionCount += 1;
    if (instruction.direction === 'in') entry.inMinor += instruction.amountMinor;
    else entry.outMinor += instruction.amountMinor;
    byAccount.set(key, entry);
  }
  return [...byAccount.values()]
    .sort((a, b) => {
      const flowA = a.inMinor + a.outMinor;
      const flowB = b.inMinor + b.outMinor;
      if (flowA !== flowB) return flowA > flowB ? -1 : 1;
      return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
    })
    .slice(0, CASE_COUNTERPARTIES_MAX);
}
