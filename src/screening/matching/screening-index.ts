import { assert } from '../../assert.js';
import { CANDIDATES_SCORED_MAX, HITS_RETURNED_MAX, NAME_TOKENS_MAX } from '../screening-limits.js';
import type { EntryName, ListEntry, ListKind, NameQuality } from '../lists/list-entry.js';
import {
  nameScore,
  nameScoreValue,
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
  /** Tokens of each row's name. */
  readonly #rowTokens: Uint8Array;
  /** Per query: the best rank weight of each candidate row, valid where `#chosenStamp` is current. */
  #chosen: Uint16Array;
  #chosenStamp: Int32Array;
  #query = 0;
  /** Candidate rows of the current query, in the order they were first found. */
  readonly #found: number[] = [];
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
    this.#rowTokens = Uint8Array.from(this.#rows, (r) => Math.min(r.prepared.tokens.length, 255));
    this.#chosen = new Uint16Array(this.#rows.length);
    this.#chosenStamp = new Int32Array(this.#rows.length);
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
   * tokens, each with a rank weight (shared whole tokens count most): a row's best weight
   * goes to `#chosen`, a row seen first is appended to `#found`.
   */
  #candidates(query: PreparedName): void {
    const qTokens = Math.min(query.tokens.length, NAME_TOKENS_MAX);
    const base = this.#generation;
    this.#generation += NAME_TOKENS_MAX + 1;
    const seen: number[] = [];
    const common: string[][] = [];
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
        this.#scan(list, keyWeight(k), base, base + i + 1, seen);
      }
      common.push(skipped);
      if (!scanned && skipped.length > 0) commonOnly += 1;
    }
    // A name made only of common tokens ("Mohammed Ali") is looked up by its whole tokens.
    if (seen.length === 0 && commonOnly > 0) {
      common.forEach((keys, i) => {
        const whole = keys.find((k) => k.charCodeAt(0) === 116);
        const list = whole === undefined ? undefined : this.#postings.get(whole);
        if (list !== undefined) this.#scan(list, keyWeight(whole!), base, base + i + 1, seen);
      });
      commonOnly = 0;
    }
    const count = this.#count;
    const weight = this.#weight;
    const rowTokens = this.#rowTokens;
    const chosen = this.#chosen;
    const chosenStamp = this.#chosenStamp;
    const stamp = this.#query;
    const atLeast = Math.min(2, qTokens);
    for (let s = 0; s < seen.length; s += 1) {
      const row = seen[s]!;
      const need = Math.max(1, Math.min(atLeast, rowTokens[row]!) - commonOnly);
      if (count[row]! < need) continue;
      const w = weight[row]!;
      if (chosenStamp[row] !== stamp) {
        chosenStamp[row] = stamp;
        chosen[row] = w;
        this.#found.push(row);
      } else if (chosen[row]! < w) chosen[row] = w;
    }
  }

  /** Adds one posting list's rows to the candidates of the current query token. */
  #scan(list: Int32Array, w: number, base: number, tokenStamp: number, seen: number[]): void {
    const stamps = this.#stamp;
    const count = this.#count;
    const weight = this.#weight;
    for (let p = 0; p < list.length; p += 1) {
      const row = list[p]!;
      const stamp = stamps[row]!;
      if (stamp <= base) {
        count[row] = 0;
        weight[row] = 0;
        seen.push(row);
      }
      weight[row] = weight[row]! + w;
      if (stamp === tokenStamp) continue;
      stamps[row] = tokenStamp;
      count[row] = count[row]! + 1;
    }
  }

  /** The rows to score in full: every candidate, or the best-ranked when there are too many. */
  #ranked(): ArrayLike<number> {
    const found = this.#found;
    if (found.length <= CANDIDATES_SCORED_MAX) return found;
    // Rank weight first, then the lower row: packed into one number, sorted natively.
    const keys = new Float64Array(found.length);
    for (let k = 0; k < found.length; k += 1) {
      const row = found[k]!;
      keys[k] = this.#chosen[row]! * ROW_SPAN + (ROW_SPAN - 1 - row);
    }
    keys.sort();
    const out = new Int32Array(CANDIDATES_SCORED_MAX);
    for (let k = 0; k < CANDIDATES_SCORED_MAX; k += 1)
      out[k] = ROW_SPAN - 1 - (keys[keys.length - 1 - k]! % ROW_SPAN);
    return out;
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
    if (this.#query >= 2_000_000_000) {
      this.#chosenStamp.fill(0);
      this.#query = 0;
    }
    this.#query += 1;
    this.#found.length = 0;
    for (const v of variants) this.#candidates(v);
    const candidates = this.#ranked();
    // The best reading of each entry, scored without explanations: only hits get one.
    const best = new Map<number, BestName>();
    for (let c = 0; c < candidates.length; c += 1) {
      const rowId = candidates[c]!;
      const row = this.#rows[rowId]!;
      const qualityFactor = QUALITY_FACTOR[row.name.quality];
      for (let v = 0; v < variants.length; v += 1) {
        const named = nameScoreValue(variants[v]!, row.prepared) * qualityFactor;
        const previous = best.get(row.entryIndex);
        if (previous === undefined) best.set(row.entryIndex, { rowId, variant: v, named });
        else if (previous.named < named) {
          previous.rowId = rowId;
          previous.variant = v;
          previous.named = named;
        }
      }
    }
    const hits: ScreeningHit[] = [];
    for (const [entryIndex, b] of best) {
      // Qualifiers raise a score by at most QUALIFIER_GAIN_MAX: below that, no hit.
      if (b.named + QUALIFIER_GAIN_MAX < minScore) continue;
      const row = this.#rows[b.rowId]!;
      const scored = nameScore(variants[b.variant]!, row.prepared);
      const qualityFactor = QUALITY_FACTOR[row.name.quality];
      assert(scored.score * qualityFactor === b.named, 'an explained score equals its value');
      const hit: ScreeningHit = {
        entry: this.entries[entryIndex]!,
        score: b.named,
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
      };
      qualify(hit, query);
      if (hit.score >= minScore) hits.push(hit);
    }
    hits.sort((a, b) => b.score - a.score || (a.entry.entryKey < b.entry.entryKey ? -1 : 1));
    return hits.slice(0, limit);
  }
}

/** The best-scoring reading of one entry for a query so far. */
interface BestName {
  rowId: number;
  variant: number;
  named: number;
}

/** Rows are numbered below this (2^32): a rank weight and a row pack into one number. */
const ROW_SPAN = 4_294_967_296;

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
