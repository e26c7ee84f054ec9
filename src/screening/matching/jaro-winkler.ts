/**
 * Jaro and Jaro-Winkler similarity of two strings, by UTF-16 code unit (names are ASCII by
 * the time they get here). Winkler's boost applies above 0.7 with a common prefix of at
 * most 4 and scale 0.1, as in Winkler (1990).
 */
const BOOST_THRESHOLD = 0.7;
const PREFIX_MAX = 4;
const PREFIX_SCALE = 0.1;

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const lenA = a.length;
  const lenB = b.length;
  if (lenA === 0 || lenB === 0) return 0;
  if (flagsA.length < lenA) flagsA = new Uint8Array(lenA * 2);
  if (flagsB.length < lenB) flagsB = new Uint8Array(lenB * 2);
  flagsA.fill(0, 0, lenA);
  flagsB.fill(0, 0, lenB);
  const window = Math.max(0, Math.floor(Math.max(lenA, lenB) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < lenA; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(lenB - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j += 1) {
      if (flagsB[j] === 1 || b.charCodeAt(j) !== code) continue;
      flagsA[i] = 1;
      flagsB[j] = 1;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < lenA; i += 1) {
    if (flagsA[i] !== 1) continue;
    while (flagsB[k] !== 1) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions += 1;
    k += 1;
  }
  const m = matches;
  return (m / lenA + m / lenB + (m - transpositions / 2) / m) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= BOOST_THRESHOLD) return j;
  const limit = Math.min(PREFIX_MAX, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return j + prefix * PREFIX_SCALE * (1 - j);
}
