import { assert } from '../../assert.js';
import { CANDIDATES_SCORED_MAX, HITS_RETURNED_MAX, NAME_TOKENS_MAX } from '../screening-limits.js';
import type { EntryName, ListEntry, ListKind, NameQuality } from '../lists/list-entry.js';
import {
  nameScore,
  prepareName,
  type PreparedName,
  type TokenPairExplanation,
} from './name-score.js';
import { nameVariants } from './normalize.js';
import {
  QUALIFIER_ADJUSTMENTS,
  countryQualifier,
  dobQualifier,
  type QualifierEffect,
  type QueryDob,
} from './qualifiers.js';

/** An entry as the index holds it: with the list (and its version) it came from. */
export interface IndexedEntry extends ListEntry {
  listKind: ListKind;
  listName: string;
  listVersionId: string;
}

export interface ScreeningQuery {
  name: string;
  dob?: QueryDob | null;
  /** ISO 3166-1 alpha-2. */
  country?: string | null;
}

export interface HitExplanation {
  matchedName: string;
  quality: NameQuality;
  nameScore: number;
  /** Factor applied for the name's quality (weak aliases count less). */
  qualityFactor: number;
  pairs: TokenPairExplanation[];
  unmatchedQuery: string[];
  unmatchedEntry: string[];
  qualifiers: QualifierEffect[];
}

export interface ScreeningHit {
  entry: IndexedEntry;
  score: number;
  explanation: HitExplanation;
}

export interface ScreenOptions {
  /** Hits below this are not returned (default 0.7: near misses are worth showing). */
  minScore?: number;
  limit?: number;
}

/** The most date of birth and country together can add to a name score. */
const QUALIFIER_GAIN_MAX = QUALIFIER_ADJUSTMENTS.dob_exact + QUALIFIER_ADJUSTMENTS.country_match;

export const QUALITY_FACTOR: Readonly<Record<NameQuality, number>> = {
  primary: 1,
  strong: 1,
  original_script: 1,
  weak: 0.95,
};

interface NameRow {
  entryIndex: number;
  name: EntryName;
  prepared: PreparedName;
}

/** Phonetic codes shorter than this ("X" for xi, xiao, xu …) would block nearly everything. */
const BLOCKING_CODE_LENGTH_MIN = 3;

/**
 * Blocking keys of a token: the token itself, its first three letters and its longer
 * phonetic codes. A shared whole token weighs most when candidates are ranked.
 */
function blockingKeys(token: string, codes: readonly string[]): string[] {
  const keys = [`t${token}`, `x${token.slice(0, 3)}`];
  for (const c of codes) if (c.length >= BLOCKING_CODE_LENGTH_MIN) keys.push(`p${c}`);
  return keys;
}

/** Below this many names in the index, no key is treated as common. */
const COMMON_POSTINGS_MIN = 256;
/** A key on more than 1/this of all names is common. */
const COMMON_FRACTION_INVERSE = 64;

function keyWeight(key: string): number {
  return key.charCodeAt(0) === 116 /* t */ ? 3 : 1;
}

/**
 * Every name of every entry, indexed for screening in memory. Candidates are found by
 * blocking: a name is scored only if at least min(2, tokens of either name) of the query's
 * tokens share a phonetic code or a three-letter prefix with it; candidates are then scored
 * token by token (`nameScore`) and qualified by date of birth and country.
 */
export class ScreeningIndex {
  readonly entries: readonly IndexedEntry[];
  readonly #rows: NameRow[] = [];
  readonly #postings = new Map<string, Int32Array>();
  #stamp: Int32Array;
  #count: Uint8Array;
  #weight: Uint16Array;
  /** Posting lists longer than this are too common to find candidates with. */
  readonly #commonPostings: number;
  #generation = 0;

  constructor(entries: readonly IndexedEntry[]) {
    this.entries = entries;
    const lists = new Map<string, number[]>();
    entries.forEach((entry, entryIndex) => {
      for (const name of entry.names) {
        for (const tokens of nameVariants(name.name)) {
          const prepared = prepareName(tokens);
          const rowId = this.#rows.length;
          this.#rows.push({ entryIndex, name, prepared });
          const keys = new Set<string>();
          for (const t of prepared.tokens)
            for (const k of blockingKeys(t.text, t.codes)) keys.add(k);
          for (const k of keys) {
            let list = lists.get(k);
            if (list === undefined) lists.set(k, (list = []));
            list.push(rowId);
          }
        }
      }
    });
    for (const [k, list] of lists) this.#postings.set(k, Int32Array.from(list));
    this.#stamp = new Int32Array(this.#rows.length).fill(-1);
    this.#count = new Uint8Array(this.#rows.length);
    this.#weight = new Uint16Array(this.#rows.length);
    this.#commonPostings = Math.max(
      COMMON_POSTINGS_MIN,
      Math.ceil(this.#rows.length / COMMON_FRACTION_INVERSE),
    );
  }

  get nameCount(): number {
    return this.#rows.length;
  }

  /**
   * Rows sharing blocking keys with at least min(2, tokens of either name) of the query's
   * tokens, each with a rank weight (shared whole tokens count most), added to `out`.
   */
  #candidates(query: PreparedName, out: Map<number, number>): void {
    const qTokens = Math.min(query.tokens.length, NAME_TOKENS_MAX);
    const base = this.#generation;
    this.#generation += NAME_TOKENS_MAX + 1;
    const found: number[] = [];
    const common: string[][] = [];
    const scan = (list: Int32Array, w: number, tokenStamp: number) => {
      for (let p = 0; p < list.length; p += 1) {
        const row = list[p]!;
        const stamp = this.#stamp[row]!;
        if (stamp <= base) {
          this.#count[row] = 0;
          this.#weight[row] = 0;
          found.push(row);
        }
        this.#weight[row] = this.#weight[row]! + w;
        if (stamp === tokenStamp) continue;
        this.#stamp[row] = tokenStamp;
        this.#count[row] = this.#count[row]! + 1;
      }
    };
    let commonOnly = 0;
    for (let i = 0; i < qTokens; i += 1) {
      const token = query.tokens[i]!;
      const skipped: string[] = [];
      let scanned = false;
      for (const k of blockingKeys(token.text, token.codes)) {
        const list = this.#postings.get(k);
        if (list === undefined) continue;
        // Keys shared by a large part of the index (a common first name, a frequent prefix)
        // rank candidates found by rarer keys but do not find candidates themselves.
        if (list.length > this.#commonPostings) {
          skipped.push(k);
          continue;
        }
        scanned = true;
        scan(list, keyWeight(k), base + i + 1);
      }
      common.push(skipped);
      if (!scanned && skipped.length > 0) commonOnly += 1;
    }
    // A name made only of common tokens ("Mohammed Ali") is looked up by its whole tokens.
    if (found.length === 0 && commonOnly > 0) {
      common.forEach((keys, i) => {
        const whole = keys.find((k) => k.charCodeAt(0) === 116);
        const list = whole === undefined ? undefined : this.#postings.get(whole);
        if (list !== undefined) scan(list, keyWeight(whole!), base + i + 1);
      });
      commonOnly = 0;
    }
    for (const row of found) {
      const need = Math.max(
        1,
        Math.min(2, qTokens, this.#rows[row]!.prepared.tokens.length) - commonOnly,
      );
      if (this.#count[row]! < need) continue;
      const w = this.#weight[row]!;
      if ((out.get(row) ?? -1) < w) out.set(row, w);
    }
  }

  screen(query: ScreeningQuery, options: ScreenOptions = {}): ScreeningHit[] {
    const minScore = options.minScore ?? 0.7;
    const limit = Math.min(options.limit ?? 10, HITS_RETURNED_MAX);
    const variants = nameVariants(query.name).map(prepareName);
    if (variants.length === 0 || this.#rows.length === 0) return [];
    if (this.#generation > 2_000_000_000) {
      this.#stamp.fill(-1);
      this.#generation = 0;
    }
    const rows = new Map<number, number>();
    for (const v of variants) this.#candidates(v, rows);
    let candidates = [...rows.keys()];
    if (candidates.length > CANDIDATES_SCORED_MAX)
      candidates = candidates
        .sort((a, b) => rows.get(b)! - rows.get(a)! || a - b)
        .slice(0, CANDIDATES_SCORED_MAX);
    const best = new Map<number, ScreeningHit>();
    for (const rowId of candidates) {
      const row = this.#rows[rowId]!;
      for (const v of variants) {
        const scored = nameScore(v, row.prepared);
        const qualityFactor = QUALITY_FACTOR[row.name.quality];
        const named = scored.score * qualityFactor;
        const previous = best.get(row.entryIndex);
        if (
          previous !== undefined &&
          previous.explanation.nameScore * previous.explanation.qualityFactor >= named
        )
          continue;
        best.set(row.entryIndex, {
          entry: this.entries[row.entryIndex]!,
          score: named,
          explanation: {
            matchedName: row.name.name,
            quality: row.name.quality,
            nameScore: scored.score,
            qualityFactor,
            pairs: scored.pairs,
            unmatchedQuery: scored.unmatchedQuery,
            unmatchedEntry: scored.unmatchedEntry,
            qualifiers: [],
          },
        });
      }
    }
    const hits: ScreeningHit[] = [];
    for (const hit of best.values()) {
      // Qualifiers raise a score by at most QUALIFIER_GAIN_MAX: below that, no hit.
      if (hit.score + QUALIFIER_GAIN_MAX < minScore) continue;
      qualify(hit, query);
      if (hit.score >= minScore) hits.push(hit);
    }
    hits.sort((a, b) => b.score - a.score || (a.entry.entryKey < b.entry.entryKey ? -1 : 1));
    return hits.slice(0, limit);
  }
}

/** Applies date-of-birth and country qualifiers to a hit's name score. */
export function qualify(hit: ScreeningHit, query: ScreeningQuery): void {
  const effects: QualifierEffect[] = [];
  const dob = dobQualifier(hit.entry.dobs, query.dob ?? null);
  if (dob !== null) effects.push(dob);
  const country = countryQualifier(hit.entry.countries, query.country ?? null);
  if (country !== null) effects.push(country);
  let score = hit.explanation.nameScore * hit.explanation.qualityFactor;
  for (const e of effects) score += e.adjustment;
  hit.score = Math.max(0, Math.min(1, score));
  hit.explanation.qualifiers = effects;
  assert(hit.score >= 0 && hit.score <= 1, 'a score lies in [0, 1]');
}
