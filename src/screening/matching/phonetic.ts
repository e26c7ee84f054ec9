import { doubleMetaphone } from 'double-metaphone';

/** Tokens repeat across names and queries: their codes are kept, up to a bound. */
const CODE_CACHE_MAX = 200_000;
const codeCache = new Map<string, string[]>();

/** Phonetic codes of a token (double metaphone primary and alternate), de-duplicated. */
export function phoneticCodes(token: string): string[] {
  const cached = codeCache.get(token);
  if (cached !== undefined) return cached;
  const codes = computeCodes(token);
  if (codeCache.size >= CODE_CACHE_MAX) codeCache.clear();
  codeCache.set(token, codes);
  return codes;
}

function computeCodes(token: string): string[] {
  if (token.length === 0 || /^[0-9]+$/.test(token)) return [];
  const [primary, secondary] = doubleMetaphone(token);
  const codes = primary.length > 0 ? [primary] : [];
  if (secondary.length > 0 && secondary !== primary) codes.push(secondary);
  return codes;
}

/** Shorter codes ("JN" for both John and Jane) say too little to count as a match. */
const CODE_LENGTH_MIN = 3;

/** True when the two tokens share a phonetic code of at least three sounds. */
export function soundAlike(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) {
    if (x.length < CODE_LENGTH_MIN) continue;
    for (const y of b) if (x === y) return true;
  }
  return false;
}

const VOWELS = /[aeiou]/;

/**
 * The consonant skeleton of a token: vowels dropped (y and w too, after the first letter),
 * doubled letters collapsed. Romanised Arabic script is written this way ("mhmd"), so it
 * meets "mohammed" and "muhammad" here.
 */
export function consonantSkeleton(token: string): string {
  let out = '';
  for (let i = 0; i < token.length; i += 1) {
    const c = token[i]!;
    if (VOWELS.test(c) || (i > 0 && (c === 'y' || c === 'w'))) continue;
    if (out.length > 0 && out[out.length - 1] === c) continue;
    out += c;
  }
  return out;
}

/** True when a token has no vowel: a consonant skeleton from Arabic or Hebrew script. */
export function isSkeleton(token: string): boolean {
  return token.length >= 2 && !VOWELS.test(token) && /^[a-z]+$/.test(token);
}
