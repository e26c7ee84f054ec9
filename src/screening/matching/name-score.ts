import { phoneticCodes } from './phonetic.js';
import { tokenPairScore, type PreparedToken, type TokenMatchKind } from './token-score.js';
import type { NameTokens } from './normalize.js';

/** A pair below this is no match at all: its tokens count as unmatched. */
export const PAIR_SCORE_MIN = 0.6;
/**
 * Unmatched tokens of the longer name weigh this much when every token of the other name
 * found a partner: a missing middle name costs less than a wrong one.
 */
export const EXTRA_TOKEN_WEIGHT = 0.5;

export interface TokenPairExplanation {
  query: string;
  entry: string;
  score: number;
  kind: TokenMatchKind;
}

export interface NameScore {
  score: number;
  pairs: TokenPairExplanation[];
  unmatchedQuery: string[];
  unmatchedEntry: string[];
}

export interface PreparedName {
  tokens: readonly PreparedToken[];
  /** The tokens joined by spaces: identity of the variant. */
  key: string;
}

export function prepareName(tokens: NameTokens): PreparedName {
  return {
    tokens: tokens.map((text) => ({ text, codes: phoneticCodes(text) })),
    key: tokens.join(' '),
  };
}

interface Pair {
  i: number;
  j: number;
  score: number;
  kind: TokenMatchKind;
  tie: string;
}

/**
 * Token-level similarity of two names in [0, 1], independent of token order: every token
 * pair is scored, the best one-to-one pairs are taken greedily, and the result is the
 * length-weighted mean over all tokens of both names, unmatched tokens counting zero (at
 * reduced weight when they are extra tokens of the longer name). Symmetric: ties between
 * pairs break on the pair's tokens, not on which side they came from.
 */
export function nameScore(query: PreparedName, entry: PreparedName): NameScore {
  const q = query.tokens;
  const e = entry.tokens;
  if (q.length === 0 || e.length === 0)
    return {
      score: 0,
      pairs: [],
      unmatchedQuery: q.map((t) => t.text),
      unmatchedEntry: e.map((t) => t.text),
    };
  if (query.key === entry.key) {
    return {
      score: 1,
      pairs: q.map((t) => ({ query: t.text, entry: t.text, score: 1, kind: 'exact' as const })),
      unmatchedQuery: [],
      unmatchedEntry: [],
    };
  }
  const candidates: Pair[] = [];
  for (let i = 0; i < q.length; i += 1) {
    for (let j = 0; j < e.length; j += 1) {
      const a = q[i]!;
      const b = e[j]!;
      const pair = tokenPairScore(a, b);
      if (pair.score < PAIR_SCORE_MIN) continue;
      const tie = a.text < b.text ? `${a.text}\u0000${b.text}` : `${b.text}\u0000${a.text}`;
      candidates.push({ i, j, score: pair.score, kind: pair.kind, tie });
    }
  }
  candidates.sort((x, y) => y.score - x.score || (x.tie < y.tie ? -1 : x.tie > y.tie ? 1 : 0));
  const usedQ = new Uint8Array(q.length);
  const usedE = new Uint8Array(e.length);
  const pairs: TokenPairExplanation[] = [];
  let matchedWeight = 0;
  let matchedTotal = 0;
  for (const c of candidates) {
    if (usedQ[c.i] === 1 || usedE[c.j] === 1) continue;
    usedQ[c.i] = 1;
    usedE[c.j] = 1;
    const weight = q[c.i]!.text.length + e[c.j]!.text.length;
    matchedWeight += weight * c.score;
    matchedTotal += weight;
    pairs.push({ query: q[c.i]!.text, entry: e[c.j]!.text, score: c.score, kind: c.kind });
  }
  const unmatchedQuery = q.filter((_, i) => usedQ[i] !== 1).map((t) => t.text);
  const unmatchedEntry = e.filter((_, j) => usedE[j] !== 1).map((t) => t.text);
  const oneSideComplete = unmatchedQuery.length === 0 || unmatchedEntry.length === 0;
  const factor = oneSideComplete && pairs.length > 0 ? EXTRA_TOKEN_WEIGHT : 1;
  let unmatchedWeight = 0;
  for (const t of unmatchedQuery) unmatchedWeight += t.length;
  for (const t of unmatchedEntry) unmatchedWeight += t.length;
  const denominator = matchedTotal + factor * unmatchedWeight;
  const score = denominator === 0 ? 0 : Math.min(1, matchedWeight / denominator);
  return { score, pairs, unmatchedQuery, unmatchedEntry };
}
