import { jaroWinkler } from './jaro-winkler.js';
import { consonantSkeleton, isSkeleton, phoneticCodes, soundAlike } from './phonetic.js';

/** How two tokens were found alike. */
export type TokenMatchKind = 'exact' | 'fuzzy' | 'phonetic' | 'skeleton' | 'initial';

export interface TokenPairScore {
  score: number;
  kind: TokenMatchKind;
}

/** A token with what comparing it needs, computed once (see `prepareToken`). */
export interface PreparedToken {
  text: string;
  codes: readonly string[];
  /** True when the token has no vowel (a romanisation of Arabic or Hebrew script). */
  skeletal: boolean;
  /** `consonantSkeleton(text)`. */
  skeleton: string;
}

/** Tokens repeat across names and queries: their prepared forms are kept, up to a bound. */
const PREPARED_CACHE_MAX = 200_000;
const preparedCache = new Map<string, PreparedToken>();

/** A token with its phonetic codes and consonant skeleton, shared by every name using it. */
export function prepareToken(text: string): PreparedToken {
  const cached = preparedCache.get(text);
  if (cached !== undefined) return cached;
  const token: PreparedToken = {
    text,
    codes: phoneticCodes(text),
    skeletal: isSkeleton(text),
    skeleton: consonantSkeleton(text),
  };
  if (preparedCache.size >= PREPARED_CACHE_MAX) preparedCache.clear();
  preparedCache.set(text, token);
  return token;
}

/** Score of a sound-alike pair whose spelling differs more than Jaro-Winkler forgives. */
export const PHONETIC_PAIR_SCORE = 0.88;
/** Score of a vowel-less romanisation ("mhmd") against a spelling with that skeleton. */
export const SKELETON_PAIR_SCORE = 0.86;
/** Score of an initial ("J") against a token it begins ("JOHN"). */
export const INITIAL_PAIR_SCORE = 0.8;
/** Below this ratio of lengths, Jaro-Winkler is scaled down (it favours short prefixes). */
const LENGTH_RATIO_FREE = 0.9;
const LENGTH_PENALTY_WEIGHT = 0.3;
/** A different first letter costs this factor (names rarely differ at their start). */
const FIRST_LETTER_FACTOR = 0.9;

/** How the last `pairScore` call found its tokens alike. */
let lastKind: TokenMatchKind = 'fuzzy';

/**
 * Similarity of two tokens in [0, 1], symmetric: exact 1; an initial against a token it
 * starts; Jaro-Winkler with penalties for very different lengths and first letters; at
 * least PHONETIC_PAIR_SCORE when double metaphone hears them alike.
 */
export function tokenPairScore(a: PreparedToken, b: PreparedToken): TokenPairScore {
  const score = pairScore(a, b);
  return { score, kind: lastKind };
}

/** `tokenPairScore` without the allocation: the score, its kind left in `lastPairKind()`. */
export function pairScore(a: PreparedToken, b: PreparedToken): number {
  const x = a.text;
  const y = b.text;
  lastKind = 'fuzzy';
  if (x === y) {
    lastKind = 'exact';
    return 1;
  }
  if (x.length === 1 || y.length === 1) {
    const initial = x.length === 1 ? x : y;
    const other = x.length === 1 ? y : x;
    if (other.length > 1 && other.charCodeAt(0) === initial.charCodeAt(0)) {
      lastKind = 'initial';
      return INITIAL_PAIR_SCORE;
    }
    return 0;
  }
  let score = jaroWinkler(x, y);
  const ratio = Math.min(x.length, y.length) / Math.max(x.length, y.length);
  if (ratio < LENGTH_RATIO_FREE) score *= 1 - (1 - ratio) * LENGTH_PENALTY_WEIGHT;
  if (x.charCodeAt(0) !== y.charCodeAt(0)) score *= FIRST_LETTER_FACTOR;
  if (score < PHONETIC_PAIR_SCORE && soundAlike(a.codes, b.codes)) {
    lastKind = 'phonetic';
    return PHONETIC_PAIR_SCORE;
  }
  if (score < SKELETON_PAIR_SCORE && (a.skeletal || b.skeletal)) {
    const sx = a.skeleton;
    if (sx.length >= 2 && sx === b.skeleton) {
      lastKind = 'skeleton';
      return SKELETON_PAIR_SCORE;
    }
  }
  return score;
}

export function lastPairKind(): TokenMatchKind {
  return lastKind;
}
