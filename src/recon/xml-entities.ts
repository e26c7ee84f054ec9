import { assert } from '../assert.js';

/**
 * Decodes the five predefined XML entities and numeric character references. No other
 * entity exists in a statement file: DOCTYPE declarations are refused before scanning, so
 * `&nbsp;` or `&foo;` is an error, not text. Returns undefined for a malformed reference.
 */

/** `&#x10FFFF;` is the longest reference we accept; anything longer is malformed. */
const REFERENCE_CHARS_MAX = 10;

export function decodeXmlEntities(raw: string): string | undefined {
  let ampersand = raw.indexOf('&');
  if (ampersand === -1) return raw;
  let decoded = '';
  let copied = 0;
  while (ampersand !== -1) {
    const semicolon = raw.indexOf(';', ampersand + 1);
    if (semicolon === -1 || semicolon - ampersand > REFERENCE_CHARS_MAX) return undefined;
    const replacement = decodeReference(raw.slice(ampersand + 1, semicolon));
    if (replacement === undefined) return undefined;
    decoded += raw.slice(copied, ampersand) + replacement;
    copied = semicolon + 1;
    ampersand = raw.indexOf('&', copied);
  }
  assert(copied <= raw.length, 'decoding stays inside the text');
  return decoded + raw.slice(copied);
}

function decodeReference(name: string): string | undefined {
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'apos':
      return "'";
    case 'quot':
      return '"';
    default:
      return name.startsWith('#') ? decodeCharacterReference(name.slice(1)) : undefined;
  }
}

function decodeCharacterReference(digits: string): string | undefined {
  const hex = digits.startsWith('x');
  const body = hex ? digits.slice(1) : digits;
  if (!(hex ? /^[0-9A-Fa-f]{1,6}$/ : /^[0-9]{1,7}$/).test(body)) return undefined;
  const codePoint = Number.parseInt(body, hex ? 16 : 10);
  return isXmlCharacter(codePoint) ? String.fromCodePoint(codePoint) : undefined;
}

/** The XML 1.0 Char production: a reference may not name a control character or surrogate. */
function isXmlCharacter(codePoint: number): boolean {
  if (codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd) return true;
  if (codePoint >= 0x20 && codePoint <= 0xd7ff) return true;
  if (codePoint >= 0xe000 && codePoint <= 0xfffd) return true;
  return codePoint >= 0x10000 && codePoint <= 0x10ffff;
}
