import { jaroWinkler } from './jaro-winkler.js';
import { consonantSkeleton, isSkeleton, soundAlike } from './phonetic.js';

/** How two tokens were found alike. */
export type TokenMatchKind = 'exact' | 'fuzzy' | 'phonetic' | 'skeleton' | 'initial';

export interface TokenPairScore {
  score: number;
  kind: TokenMatchKind;
}

/** A token with what comparing it needs, computed once per name. */
export interface PreparedToken {
  text: string;
  codes: readonly string[];
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

/**
 * Similarity of two tokens in [0, 1], symmetric: exact 1; an initial against a token it
 * starts; Jaro-Winkler with penalties for very different lengths and first letters; at
 * least PHONETIC_PAIR_SCORE when double metaphone hears them alike.
 */
export function tokenPairScore(a: PreparedToken, b: PreparedToken): TokenPairScore {
  const x = a.text;
  const y = b.text;
  if (x === y) return { score: 1, kind: 'exact' };
  if (x.length === 1 || y.length === 1) {
    const initial = x.length === 1 ? x : y;
    const other = x.length === 1 ? y : x;
    if (other.length > 1 && other.charCodeAt(0) === initial.charCodeAt(0))
      return { score: INITIAL_PAIR_SCORE, kind: 'initial' };
    return { score: 0, kind: 'fuzzy' };
  }
  let score = jaroWinkler(x, y);
  const ratio = Math.min(x.length, y.length) / Math.max(x.length, y.length);
  if (ratio < LENGTH_RATIO_FREE) score *= 1 - (1 - ratio) * LENGTH_PENALTY_WEIGHT;
  if (x.charCodeAt(0) !== y.charCodeAt(0)) score *= FIRST_LETTER_FACTOR;
  if (score < PHONETIC_PAIR_SCORE && soundAlike(a.codes, b.codes))
    return { score: PHONETIC_PAIR_SCORE, kind: 'phonetic' };
  if (score < SKELETON_PAIR_SCORE && (isSkeleton(x) || isSkeleton(y))) {
    const sx = consonantSkeleton(x);
    if (sx.length >= 2 && sx === consonantSkeleton(y))
      return { score: SKELETON_PAIR_SCORE, kind: 'skeleton' };
  }
  return { score, kind: 'fuzzy' };
}
