import anyAscii from 'any-ascii';
import { pinyin } from 'pinyin-pro';
import { NAME_TOKENS_MAX, NAME_VARIANTS_MAX } from '../screening-limits.js';
import { hasHan } from './scripts.js';
import {
  CHINESE_COMPOUND_SURNAMES,
  CHINESE_LEGAL_FORMS,
  PARTICLES,
  STOPWORDS,
} from './stopwords.js';

/** One way of reading a name: its comparable tokens, lower-case ASCII letters and digits. */
export type NameTokens = readonly string[];

const ARABIC = /\p{Script=Arabic}/u;
const HAN_RUN = /(\p{Script=Han}+)/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
/** Apostrophes, ayn/hamza marks and backticks vanish; every other separator splits. */
const SILENT = /['`´‘’ʻʼʿʾ]/g;
const SEPARATORS = /[^a-z0-9]+/;

/**
 * Latin-script (or any non-Chinese) text to tokens: any-ascii romanises Cyrillic, Arabic and
 * Greek letter by letter and drops diacritics; case, punctuation and stopwords go.
 */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export function latinTokens(text: string): string[] {
  // Plain ASCII (most queries) needs neither Unicode normalization nor any-ascii.
  const plain = PLAIN_ASCII.test(text);
  const normalized = plain ? text : text.normalize('NFKC');
  // Romanised Arabic is a consonant skeleton ("عمر" → "mr"): only particles are stopwords
  // there, or "mr" would go as an honorific.
  const stopwords = !plain && ARABIC.test(normalized) ? PARTICLES : STOPWORDS;
  const ascii = (plain ? normalized : anyAscii(normalized)).toLowerCase().replace(SILENT, '');
  const raw = ascii.split(SEPARATORS).filter((token) => token.length > 0);
  const kept = raw.filter((token) => !stopwords.has(token));
  // A name made only of stopwords ("The Company") keeps them rather than vanishing.
  return (kept.length > 0 ? kept : raw).slice(0, NAME_TOKENS_MAX);
}

/** Runs of Chinese characters already read, bounded (names repeat across lists and queries). */
const SYLLABLE_CACHE_MAX = 50_000;
const syllableCache = new Map<string, string[]>();

/** Toneless pinyin syllables of a run of Chinese characters, surname read as a surname. */
function syllables(han: string): string[] {
  const cached = syllableCache.get(han);
  if (cached !== undefined) return cached;
  const read = readSyllables(han);
  if (syllableCache.size >= SYLLABLE_CACHE_MAX) syllableCache.clear();
  syllableCache.set(han, read);
  return read;
}

function readSyllables(han: string): string[] {
  return pinyin(han, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' })
    .map((s) =>
      s
        .toLowerCase()
        .replace(/ü/g, 'v')
        .replace(/[^a-z]/g, ''),
    )
    .filter((s) => s.length > 0);
}

/**
 * A Chinese personal name (2–4 characters) as [surname, given name], both in pinyin, given
 * name syllables joined as passports write them ("习近平" → ["xi", "jinping"]).
 */
function chinesePersonTokens(han: string): { joined: string[]; split: string[] } | null {
  const chars = [...han];
  if (chars.length < 2 || chars.length > 4) return null;
  const compound = chars.length >= 3 && CHINESE_COMPOUND_SURNAMES.has(chars.slice(0, 2).join(''));
  const surnameChars = compound ? 2 : 1;
  const all = syllables(han);
  if (all.length !== chars.length) return null;
  const surname = all.slice(0, surnameChars).join('');
  const given = all.slice(surnameChars);
  if (given.length === 0) return null;
  return { joined: [surname, given.join('')], split: [surname, ...given] };
}

function stripChineseLegalForms(text: string): string {
  let out = text;
  for (const form of CHINESE_LEGAL_FORMS) out = out.split(form).join(' ');
  return out.trim().length > 0 ? out : text;
}

/**
 * Every reading of a name worth comparing, first the plain one. A Chinese personal name gives
 * its pinyin with the given name joined and with it split into syllables; token matching is
 * order-insensitive, so both name orders (习近平, "Jinping Xi") meet either reading. A name
 * with nothing comparable left gives no variant.
 */
export function nameVariants(name: string): NameTokens[] {
  const text = name.normalize('NFKC').trim();
  if (!hasHan(text)) {
    const tokens = latinTokens(text);
    return tokens.length === 0 ? [] : [tokens];
  }
  const cleaned = stripChineseLegalForms(text);
  const compact = cleaned.replace(/[\s·•.-]/g, '');
  // A name that carried a legal form (有限公司) is a company: no surname reading.
  if (cleaned === text && HAN_ONLY.test(compact)) {
    const person = chinesePersonTokens(compact);
    if (person !== null)
      return person.split.length === person.joined.length
        ? [person.joined]
        : [person.joined, person.split];
  }
  // Mixed text, or a long Chinese name (a company): each Chinese run is one token per
  // syllable, other runs go through the Latin path.
  const tokens: string[] = [];
  for (const part of cleaned.split(HAN_RUN)) {
    if (part.length === 0) continue;
    if (HAN_ONLY.test(part)) tokens.push(...syllables(part));
    else tokens.push(...latinTokens(part));
  }
  const capped = tokens.slice(0, NAME_TOKENS_MAX);
  return capped.length === 0 ? [] : [capped];
}

/** Variants of several names of one party, duplicates removed, at most a bound per name. */
export function variantsOfNames(names: readonly string[]): NameTokens[] {
  const seen = new Set<string>();
  const out: NameTokens[] = [];
  for (const name of names) {
    for (const variant of nameVariants(name).slice(0, NAME_VARIANTS_MAX)) {
      const key = variant.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(variant);
    }
  }
  return out;
}
