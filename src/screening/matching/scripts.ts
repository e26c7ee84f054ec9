/**
 * Which writing systems a name may use. Lists and customers write names in Latin, Cyrillic,
 * Arabic, Greek and Chinese; anything else (a Thai or Hangul name, control characters) is
 * refused with the offending character named, rather than silently matching nothing.
 */
export type Script = 'latin' | 'cyrillic' | 'arabic' | 'greek' | 'han' | 'common';

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;
const GREEK = /\p{Script=Greek}/u;
const HAN = /\p{Script=Han}/u;
/** Digits, spaces, punctuation, symbols and combining marks belong to no script of their own. */
const COMMON = /[\p{Script=Common}\p{Script=Inherited}]/u;
const CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u;
/** Zero-width joiners and direction marks occur in real Arabic names on the UN list. */
const ALLOWED_FORMAT = /^(?:\u200c|\u200d|\u200e|\u200f)$/u;

export function scriptOf(char: string): Script | null {
  if (CONTROL.test(char) && !ALLOWED_FORMAT.test(char)) return null;
  if (LATIN.test(char)) return 'latin';
  if (CYRILLIC.test(char)) return 'cyrillic';
  if (ARABIC.test(char)) return 'arabic';
  if (GREEK.test(char)) return 'greek';
  if (HAN.test(char)) return 'han';
  if (COMMON.test(char)) return 'common';
  return null;
}

export interface ScriptProblem {
  char: string;
  codePoint: string;
  position: number;
}

/** The first character of `name` outside the accepted scripts, or null. */
export function unexpectedCharacter(name: string): ScriptProblem | null {
  let position = 0;
  for (const char of name) {
    if (scriptOf(char) === null) {
      const code = char.codePointAt(0) ?? 0;
      return {
        char,
        codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
        position,
      };
    }
    position += 1;
  }
  return null;
}

export function hasHan(name: string): boolean {
  return HAN.test(name);
}
