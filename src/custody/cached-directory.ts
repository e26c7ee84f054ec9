import type { AccountType } from '../ledger/index.js';
import type { Queryable } from '../store/index.js';
import type { AccountDirectory, AccountInfo } from './account-directory.js';

/** How many immutable facts a process keeps in memory; past it, the cache starts over. */
export const DIRECTORY_ENTRIES_MAX = 1_000_000;

export interface CustomerKeyInfo {
  id: string;
  customerId: string;
  platformId: string;
  publicKeyRaw: Uint8Array;
}

/**
 * Caches facts that never change once written (account owner/type/currency, bank account
 * owner, customer public keys) so the instruction path reads them without a query. Mutable
 * state (balances, revocations, freezes) is always read under lock in the batch instead.
 */
export class CachedDirectory implements AccountDirectory {
  readonly #db: Queryable;
  readonly #accounts = new Map<string, AccountInfo>();
  readonly #system = new Map<string, AccountInfo>();
  readonly #bankAccounts = new Map<string, { customerId: string; currency: string }>();
  readonly #keys = new Map<string, CustomerKeyInfo>();
  readonly #platformsLoaded = new Set<string>();

  constructor(db: Queryable) {
    this.#db = db;
  }

  account(id: string): AccountInfo | undefined {
    return this.#accounts.get(id);
  }

  systemAccount(platformId: string, type: AccountType, currency: string): AccountInfo | undefined {
    return this.#system.get(`${platformId}/${type}/${currency}`);
  }

  bankAccount(id: string): { customerId: string; currency: string } | undefined {
    return this.#bankAccounts.get(id);
  }

  key(id: string): CustomerKeyInfo | undefined {
    return this.#keys.get(id);
  }

  /** Loads whatever of these is not cached yet, in one query per kind. */
  async ensure(want: {
    accountIds: string[];
    platformIds: string[];
    bankAccountIds: string[];
    keyIds: string[];
  }): Promise<void> {
    this.#trim();
    const accountIds = want.accountIds.filter((id) => !this.#accounts.has(id));
    const platformIds = want.platformIds.filter((id) => !this.#platformsLoaded.has(id));
    if (accountIds.length > 0 || platformIds.length > 0)
      await this.#loadAccounts(accountIds, platformIds);
    const bankIds = want.bankAccountIds.filter((id) => !this.#bankAccounts.has(id));
    if (bankIds.length > 0) {
      const rows = await this.#db.query<{ id: string; customer_id: string; currency: string }>(
        'SELECT id, customer_id, currency FROM customer_bank_accounts WHERE id = ANY($1::text[])',
        [bankIds],
      );
      for (const row of rows)
        this.#bankAccounts.set(row.id, { customerId: row.customer_id, currency: row.currency });
    }
    const keyIds = want.keyIds.filter((id) => !this.#keys.has(id));
    if (keyIds.length > 0) {
      const rows = await this.#db.query<{
        id: string;
        customer_id: string;
        platform_id: string;
        public_key: Buffer;
      }>(
        'SELECT id, customer_id, platform_id, public_key FROM customer_keys WHERE id = ANY($1::text[])',
        [keyIds],
      );
      for (const row of rows) {
        const publicKeyRaw = new Uint8Array(row.public_key);
        this.#keys.set(row.id, {
          id: row.id,
          customerId: row.customer_id,
          platformId: row.platform_id,
          publicKeyRaw,
        });
      }
    }
  }

  /** Forgets a platform's system accounts so new currencies are seen. */
  forgetPlatform(platformId: string): void {
    this.#platformsLoaded.delete(platformId);
    for (const key of [...this.#system.keys()])
      if (key.startsWith(`${platformId}/`)) this.#system.delete(key);
  }

  async #loadAccounts(accountIds: string[], platformIds: string[]): Promise<void> {
    const rows = await this.#db.query<{
      id: string;
      platform_id: string;
      customer_id: string | null;
      type: AccountType;
      currency: string;
    }>(
      `SELECT id, platform_id, customer_id, type, currency FROM accounts
       WHERE id = ANY($1::text[]) OR (customer_id IS NULL AND platform_id = ANY($2::text[]))`,
      [accountIds, platformIds],
    );
    for (const row of rows) {
      const info: AccountInfo = {
        id: row.id,
        platformId: row.platform_id,
        customerId: row.customer_id,
        type: row.type,
        currency: row.currency,
      };
      this.#accounts.set(info.id, info);
      if (info.customerId === null)
        this.#system.set(`${info.platformId}/${info.type}/${info.currency}`, info);
    }
    for (const platformId of platformIds) this.#platformsLoaded.add(platformId);
  }

  #trim(): void {
    const size = this.#accounts.size + this.#bankAccounts.size + this.#keys.size;
    if (size < DIRECTORY_ENTRIES_MAX) return;
    this.#accounts.clear();
    this.#system.clear();
    this.#bankAccounts.clear();
    this.#keys.clear();
    this.#platformsLoaded.clear();
  }
}
