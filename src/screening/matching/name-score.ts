import {
  lastPairKind,
  pairScore,
  prepareToken,
  type PreparedToken,
  type TokenMatchKind,
} from './token-score.js';
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
  return { tokens: tokens.map(prepareToken), key: tokens.join(' ') };
}

/**
 * Scratch space of the one-to-one matching, reused by every call (scoring is synchronous):
 * pair scores and kinds by `i * entry tokens + j`, the candidate pairs, and which tokens are
 * taken. Grown when a name has more tokens than seen before.
 */
let pairScores = new Float64Array(256);
let pairKinds: TokenMatchKind[] = new Array<TokenMatchKind>(256).fill('fuzzy');
let usedQ = new Uint8Array(16);
let usedE = new Uint8Array(16);
const order: number[] = [];
let orderQuery: readonly PreparedToken[] = [];
let orderEntry: readonly PreparedToken[] = [];
let orderWidth = 1;

/** Ties between equal pair scores break on the pair's tokens, smaller token first. */
function comparePairs(x: number, y: number): number {
  const d = pairScores[y]! - pairScores[x]!;
  if (d !== 0) return d;
  const ax = orderQuery[(x / orderWidth) | 0]!.text;
  const bx = orderEntry[x % orderWidth]!.text;
  const ay = orderQuery[(y / orderWidth) | 0]!.text;
  const by = orderEntry[y % orderWidth]!.text;
  const loX = ax < bx ? ax : bx;
  const hiX = ax < bx ? bx : ax;
  const loY = ay < by ? ay : by;
  const hiY = ay < by ? by : ay;
  if (loX !== loY) return loX < loY ? -1 : 1;
  return hiX < hiY ? -1 : hiX > hiY ? 1 : 0;
}

/**
 * The greedy one-to-one matching of two non-empty names, left in the scratch arrays: `order`
 * holds the candidate pairs best first, `usedQ`/`usedE` the tokens taken. Returns the score.
 */
function matchTokens(q: readonly PreparedToken[], e: readonly PreparedToken[]): number {
  const cells = q.length * e.length;
  if (pairScores.length < cells) {
    pairScores = new Float64Array(cells * 2);
    pairKinds = new Array<TokenMatchKind>(cells * 2).fill('fuzzy');
  }
  if (usedQ.length < q.length) usedQ = new Uint8Array(q.length * 2);
  if (usedE.length < e.length) usedE = new Uint8Array(e.length * 2);
  order.length = 0;
  for (let i = 0; i < q.length; i += 1) {
    const a = q[i]!;
    for (let j = 0; j < e.length; j += 1) {
      const score = pairScore(a, e[j]!);
      if (score < PAIR_SCORE_MIN) continue;
      const cell = i * e.length + j;
      pairScores[cell] = score;
      pairKinds[cell] = lastPairKind();
      order.push(cell);
    }
  }
  orderQuery = q;
  orderEntry = e;
  orderWidth = e.length;
  if (order.length > 1) order.sort(comparePairs);
  usedQ.fill(0, 0, q.length);
  usedE.fill(0, 0, e.length);
  let matchedWeight = 0;
  let matchedTotal = 0;
  let pairs = 0;
  let matched = 0;
  for (let p = 0; p < order.length; p += 1) {
    const cell = order[p]!;
    const i = (cell / e.length) | 0;
    const j = cell % e.length;
    if (usedQ[i] === 1 || usedE[j] === 1) {
      order[p] = -1;
      continue;
    }
    usedQ[i] = 1;
    usedE[j] = 1;
    const weight = q[i]!.text.length + e[j]!.text.length;
    matchedWeight += weight * pairScores[cell]!;
    matchedTotal += weight;
    pairs += 1;
    matched = p + 1;
  }
  order.length = matched;
  let unmatchedWeight = 0;
  for (let i = 0; i < q.length; i += 1) if (usedQ[i] !== 1) unmatchedWeight += q[i]!.text.length;
  const queryComplete = pairs === q.length;
  for (let j = 0; j < e.length; j += 1) if (usedE[j] !== 1) unmatchedWeight += e[j]!.text.length;
  const oneSideComplete = queryComplete || pairs === e.length;
  const factor = oneSideComplete && pairs > 0 ? EXTRA_TOKEN_WEIGHT : 1;
  const denominator = matchedTotal + factor * unmatchedWeight;
  return denominator === 0 ? 0 : Math.min(1, matchedWeight / denominator);
}

/** The score `nameScore` gives, without building its explanation. */
export function nameScoreValue(query: PreparedName, entry: PreparedName): number {
  if (query.tokens.length === 0 || entry.tokens.length === 0) return 0;
  if (query.key === entry.key) return 1;
  return matchTokens(query.tokens, entry.tokens);
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
  const score = matchTokens(q, e);
  const pairs: TokenPairExplanation[] = [];
  for (const cell of order) {
    if (cell < 0) continue;
    const i = (cell / e.length) | 0;
    const j = cell % e.length;
    pairs.push({
      query: q[i]!.text,
      entry: e[j]!.text,
      score: pairScores[cell]!,
      kind: pairKinds[cell]!,
    });
  }
  const unmatchedQuery = q.filter((_, i) => usedQ[i] !== 1).map((t) => t.text);
  const unmatchedEntry = e.filter((_, j) => usedE[j] !== 1).map((t) => t.text);
  return { score, pairs, unmatchedQuery, unmatchedEntry };
}
