import { assert } from '../assert.js';

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** ISO 13616 check: shape plus the mod-97 checksum, computed digit by digit without bigint. */
export function isValidIban(text: string): boolean {
  if (!IBAN_SHAPE.test(text)) return false;
  const rearranged = text.slice(4) + text.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const code = character.charCodeAt(0);
    // Letters count as two digits: A = 10 … Z = 35.
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  assert(remainder >= 0 && remainder < 97, 'mod-97 remainder in range');
  return remainder === 1;
}
