import { authenticateApiKey, hashApiKey, type Principal } from '../security/index.js';
import { authenticateSession, type SessionPrincipal } from '../security/sessions.js';
import type { Queryable } from '../store/index.js';

export const PRINCIPAL_CACHE_TTL_MS = 5_000;
export const PRINCIPAL_CACHE_ENTRIES_MAX = 10_000;

/**
 * Remembers which principal a key belongs to for a few seconds, so a busy client does not
 * cost one query per request. A revoked key stops working within the TTL.
 */
export class PrincipalCache {
  readonly #db: Queryable;
  readonly #entries = new Map<string, { principal: Principal | null; expiresAtMs: number }>();

  constructor(db: Queryable) {
    this.#db = db;
  }

  async authenticate(key: string): Promise<Principal | null> {
    const slot = hashApiKey(key).toString('base64');
    const nowMs = Date.now();
    const cached = this.#entries.get(slot);
    if (cached !== undefined && cached.expiresAtMs > nowMs) return cached.principal;
    const principal = await authenticateApiKey(this.#db, key);
    if (this.#entries.size >= PRINCIPAL_CACHE_ENTRIES_MAX) this.#entries.clear();
    this.#entries.set(slot, { principal, expiresAtMs: nowMs + PRINCIPAL_CACHE_TTL_MS });
    return principal;
  }

  /** Sessions are looked up on every request: signing out must take effect at once. */
  async authenticateSession(token: string): Promise<SessionPrincipal | null> {
    return authenticateSession(this.#db, token, Date.now());
  }
}
