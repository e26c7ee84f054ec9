import { assert } from '../assert.js';
import type { Database } from '../store/index.js';
import type { ListKind } from './lists/list-entry.js';
import { parseListFiles, type ListFile } from './lists/parse-list.js';
import {
  ScreeningIndex,
  type ScreeningHit,
  type ScreeningQuery,
  type ScreenOptions,
} from './matching/screening-index.js';
import { hitJson } from './screening-hit-json.js';
import { GATE_PARTIES_MAX, RESCREEN_BATCH } from './screening-limits.js';
import {
  contentHash,
  listsFingerprint,
  loadCurrentEntries,
  storeListVersion,
  type ImportOutcome,
} from './store/list-store.js';
import { loadParty } from './store/party-source.js';
import {
  loadWhitelist,
  nameFingerprint,
  saveResult,
  whitelistKey,
  type Party,
  type PartyKind,
  type ScreeningTrigger,
} from './store/result-store.js';
import { openReviews, type ReviewView } from './store/review-store.js';

/** Hits at or above this score hold an instruction and open a review (regulatory table, #15). */
export const HIT_THRESHOLD_DEFAULT = 0.85;
export const SCREENING_ACTOR = 'system:screening';

export interface ScreeningServiceOptions {
  threshold?: number;
  strongScore?: number;
}

export interface PartyScreening {
  party: Party;
  hits: ScreeningHit[];
  opened: ReviewView[];
}

/** Entry types a party may match: persons match individuals, companies match the rest. */
function typeCompatible(party: Party, hit: ScreeningHit): boolean {
  if (party.partyType === null || hit.entry.entryType === 'unknown') return true;
  return party.partyType === 'individual'
    ? hit.entry.entryType === 'individual'
    : hit.entry.entryType !== 'individual';
}

export function partyKey(kind: PartyKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * Screening's state in one process: the index over the current list versions, the
 * whitelist of remembered false positives, and the parties' names (for the gate). Everything
 * that writes goes through the store modules, each write with its audit record.
 */
export class ScreeningService {
  readonly db: Database;
  readonly threshold: number;
  readonly strongScore: number;
  #index: ScreeningIndex | null = null;
  #fingerprint = '';
  #whitelist = new Set<string>();
  #reloading: Promise<void> | null = null;
  readonly parties = new Map<string, Party>();
  readonly #verdicts = new Map<string, { fingerprint: string; hits: ScreeningHit[] }>();

  constructor(db: Database, options: ScreeningServiceOptions = {}) {
    this.db = db;
    this.threshold = options.threshold ?? HIT_THRESHOLD_DEFAULT;
    this.strongScore = options.strongScore ?? 0.95;
    assert(this.threshold > 0 && this.threshold <= 1, 'threshold in (0, 1]');
  }

  get fingerprint(): string {
    return this.#fingerprint;
  }

  get index(): ScreeningIndex | null {
    return this.#index;
  }

  /** Rebuilds the index when the current list versions changed (or on first use). */
  async reload(): Promise<void> {
    if (this.#reloading !== null) return this.#reloading;
    this.#reloading = (async () => {
      const fingerprint = await listsFingerprint(this.db);
      this.#whitelist = await loadWhitelist(this.db);
      if (this.#index !== null && fingerprint === this.#fingerprint) return;
      const entries = await loadCurrentEntries(this.db);
      this.#index = new ScreeningIndex(entries);
      this.#fingerprint = fingerprint;
      this.#verdicts.clear();
    })().finally(() => {
      this.#reloading = null;
    });
    return this.#reloading;
  }

  async ensureIndex(): Promise<ScreeningIndex> {
    if (this.#index === null) await this.reload();
    assert(this.#index !== null, 'the index is built by reload');
    return this.#index;
  }

  /** Ad-hoc screening of a name (no party, nothing written). */
  async screenName(query: ScreeningQuery, options: ScreenOptions = {}): Promise<ScreeningHit[]> {
    return (await this.ensureIndex()).screen(query, options);
  }

  rememberWhitelisted(key: string): void {
    this.#whitelist.add(key);
    this.#verdicts.clear();
  }

  /** Hits of a party at or above the threshold, type-compatible and not whitelisted (sync). */
  partyHits(party: Party): ScreeningHit[] {
    const index = this.#index;
    if (index === null) return [];
    const key = partyKey(party.kind, party.id);
    const cached = this.#verdicts.get(key);
    if (cached !== undefined && cached.fingerprint === this.#fingerprint) return cached.hits;
    const fingerprint = nameFingerprint(party.name);
    const hits = index
      .screen({ name: party.name }, { minScore: this.threshold, limit: 10 })
      .filter((h) => typeCompatible(party, h))
      .filter(
        (h) =>
          !this.#whitelist.has(
            whitelistKey(party.platformId, party.kind, party.id, h.entry.entryKey, fingerprint),
          ),
      );
    if (this.#verdicts.size >= GATE_PARTIES_MAX) this.#verdicts.clear();
    this.#verdicts.set(key, { fingerprint: this.#fingerprint, hits });
    return hits;
  }

  /** Remembers a party's name for the gate (the cache starts over past its bound). */
  rememberParty(party: Party): void {
    if (this.parties.size >= GATE_PARTIES_MAX) this.parties.clear();
    const key = partyKey(party.kind, party.id);
    this.parties.set(key, party);
    this.#verdicts.delete(key);
  }

  /**
   * Screens one party against the current lists and records it: the latest result, and a
   * review (with an alert) for each hit not already under review, in one transaction.
   */
  async screenParties(
    parties: readonly Party[],
    trigger: ScreeningTrigger,
  ): Promise<PartyScreening[]> {
    await this.ensureIndex();
    const atMs = Date.now();
    const screened = parties.map((party) => ({ party, hits: this.partyHits(party) }));
    return this.db.transaction(async (tx) => {
      const out: PartyScreening[] = [];
      for (const { party, hits } of screened) {
        const stored = hits.map((h) => hitJson(h, true));
        await saveResult(tx, SCREENING_ACTOR, party, {
          listsFingerprint: this.#fingerprint,
          bestScore: stored[0]?.score ?? 0,
          hits: stored,
          trigger,
          atMs,
        });
        const opened = await openReviews(
          tx,
          SCREENING_ACTOR,
          stored.map((hit) => ({
            subjectKind: 'customer' as const,
            subjectId: party.customerId,
            party,
            hit,
            otherHolds: false,
          })),
          atMs,
        );
        out.push({ party, hits, opened });
      }
      return out;
    });
  }

  /** Onboarding: screens a new customer or bank account and keeps its name for the gate. */
  async onboard(kind: PartyKind, id: string): Promise<PartyScreening | null> {
    const party = await loadParty(this.db, kind, id);
    if (party === null) return null;
    this.rememberParty(party);
    const [result] = await this.screenParties([party], 'onboarding');
    return result ?? null;
  }

  /** Screens a customer and the holders of its bank accounts now ('manual'). */
  async screenCustomerNow(customerId: string): Promise<PartyScreening[]> {
    const parties: Party[] = [];
    const customer = await loadParty(this.db, 'customer', customerId);
    if (customer !== null) parties.push(customer);
    const banks = await this.db.query<{ id: string }>(
      'SELECT id FROM customer_bank_accounts WHERE customer_id = $1 ORDER BY id LIMIT $2',
      [customerId, RESCREEN_BATCH],
    );
    for (const b of banks) {
      const party = await loadParty(this.db, 'bank_account', b.id);
      if (party !== null) parties.push(party);
    }
    for (const p of parties) this.rememberParty(p);
    return this.screenParties(parties, 'manual');
  }

  /** Parses and stores a list import; a new version rebuilds the index. */
  async importList(
    actor: string,
    kind: ListKind,
    listName: string,
    files: readonly ListFile[],
  ): Promise<ImportOutcome> {
    const parsed = parseListFiles(kind, files);
    const outcome = await storeListVersion(this.db, actor, listName, parsed, contentHash(files));
    if (!outcome.unchanged) await this.reload();
    return outcome;
  }
}
