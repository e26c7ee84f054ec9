import { assert } from '../assert.js';
import type { Party } from './statement.js';

/**
 * :86: information to the account owner. Its content is bank-specific; the one widespread
 * structure is the German (DK/ZKA) layout `GVC?00text?20purpose…?30BIC?31account?32name`,
 * which is decoded here. Anything else is kept as free text. No reference is extracted from
 * free text: a wrongly cut reference would mislead matching, the raw text does not.
 */

export interface Mt940Information {
  /** The field as received, lines joined with `\n`. */
  readonly text: string;
  readonly remittanceText?: string;
  readonly transactionCode?: string;
  readonly counterparty: Party;
}

const STRUCTURED_START = /^(\d{3})\?\d{2}/;
const SUBFIELD_SPLIT = /\?(\d{2})/;
const SUBFIELDS_MAX = 100;

/** Subfield keys of the DK layout that carry purpose text (?20–?29, ?60–?63). */
function isPurposeKey(key: number): boolean {
  return (key >= 20 && key <= 29) || (key >= 60 && key <= 63);
}

export function mt940ReadInformation(lines: readonly string[]): Mt940Information {
  const text = lines.join('\n');
  // Lines are cut at 65 characters regardless of content, so the structure is read from the
  // lines glued back together without a separator.
  const glued = lines.join('').trimStart();
  const structured = STRUCTURED_START.exec(glued);
  if (structured === null) {
    const free = lines
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join(' ');
    return { text, ...(free === '' ? {} : { remittanceText: free }), counterparty: {} };
  }
  const parts = glued
    .slice(3)
    .split(SUBFIELD_SPLIT)
    .slice(1, 1 + 2 * SUBFIELDS_MAX);
  const subfields = new Map<number, string>();
  const purpose: string[] = [];
  for (let index = 0; index + 1 < parts.length; index += 2) {
    const key = Number(parts[index]);
    const value = parts[index + 1] ?? '';
    if (isPurposeKey(key)) purpose.push(value);
    else subfields.set(key, (subfields.get(key) ?? '') + value);
  }
  assert(purpose.length <= SUBFIELDS_MAX, 'purpose lines bounded');
  const name = ((subfields.get(32) ?? '') + (subfields.get(33) ?? '')).trim();
  const account = (subfields.get(31) ?? '').trim();
  const bic = (subfields.get(30) ?? '').trim();
  const remittance = purpose.join('').trim();
  return {
    text,
    ...(remittance === '' ? {} : { remittanceText: remittance }),
    transactionCode: structured[1] ?? '',
    counterparty: {
      ...(name === '' ? {} : { name }),
      ...(account === '' ? {} : { account }),
      ...(bic === '' ? {} : { bic }),
    },
  };
}
