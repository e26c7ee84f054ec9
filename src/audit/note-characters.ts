/**
 * Character rules of C2SP signed notes: valid UTF-8 (no lone UTF-16 surrogates once decoded)
 * and no ASCII control characters other than newline. A loop rather than a regular expression
 * keeps the control range explicit and out of lint's no-control-regex way.
 */

const NEWLINE = 0x0a;
const SPACE = 0x20;

/** True when text contains a character below U+0020 other than the newline. */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < SPACE && code !== NEWLINE) return true;
  }
  return false;
}

/** True when text contains an unpaired UTF-16 surrogate, which has no UTF-8 encoding. */
export function hasLoneSurrogate(text: string): boolean {
  return /\p{Surrogate}/u.test(text);
}
