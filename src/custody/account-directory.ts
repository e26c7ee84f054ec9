import type { AccountType } from '../ledger/index.js';

/** The immutable facts about an account: who owns it and what it is. Safe to cache. */
export interface AccountInfo {
  id: string;
  platformId: string;
  customerId: string | null;
  type: AccountType;
  currency: string;
}

/** Reads account facts, and the platform's system account of a type in a currency. */
export interface AccountDirectory {
  account(id: string): AccountInfo | undefined;
  systemAccount(platformId: string, type: AccountType, currency: string): AccountInfo | undefined;
  bankAccount(id: string): { customerId: string; currency: string } | undefined;
}
