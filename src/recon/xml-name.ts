import { assert } from '../assert.js';

/**
 * XML name characters, checked through a table for ASCII. Characters above ASCII are taken
 * as name characters without the full Unicode classes of the XML specification: camt names
 * are ASCII, and a wrong non-ASCII name cannot reach any reader.
 */

const NAME_START = 1;
const NAME_BODY = 2;
const ASCII_CLASSES = buildAsciiClasses();

/** Bit of XML_ASCII_NAME_CLASSES set for ASCII characters that may continue a name. */
export const XML_NAME_BODY = NAME_BODY;
/** Name classes of the ASCII characters, for loops that read a name in place. */
export const XML_ASCII_NAME_CLASSES: Readonly<Uint8Array> = ASCII_CLASSES;

function buildAsciiClasses(): Uint8Array {
  const classes = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    const character = String.fromCharCode(code);
    const letter = /[A-Za-z_:]/.test(character);
    const body = letter || /[0-9.-]/.test(character);
    classes[code] = (letter ? NAME_START : 0) | (body ? NAME_BODY : 0);
  }
  assert(classes[0x41] === (NAME_START | NAME_BODY), 'letters start names');
  assert(classes[0x30] === NAME_BODY, 'digits continue names only');
  return classes;
}

export function xmlNameStartsWell(code: number): boolean {
  if (Number.isNaN(code)) return false;
  return code >= 128 || ((ASCII_CLASSES[code] ?? 0) & NAME_START) !== 0;
}

/** Position after the run of name characters that begins at `from`. */
export function xmlNameCharsEnd(source: string, from: number): number {
  let at = from;
  const length = source.length;
  while (at < length) {
    const code = source.charCodeAt(at);
    if (code < 128 && ((ASCII_CLASSES[code] ?? 0) & NAME_BODY) === 0) break;
    at++;
  }
  return at;
}
