/**
 * The reference convention between Custos and the custodian bank: every payment Custos asks
 * the bank to make, and every payment a platform asks its customers to make, quotes the
 * instruction id (`ins_` + 26 lower-case base32 characters, 30 characters, within ISO 20022's
 * 35-character Max35Text) as the end-to-end id. Banks that drop the end-to-end id usually keep
 * the remittance text, so an instruction id found there counts as well.
 */
const INSTRUCTION_ID_IN_TEXT = /\bins_[0-9a-hjkmnp-tv-z]{26}\b/g;
const REFERENCES_IN_TEXT_MAX = 16;

/** Instruction ids quoted in free text (remittance information, MT940 :86:). */
export function referencesInText(text: string | undefined): string[] {
  if (text === undefined) return [];
  const found: string[] = [];
  for (const match of text.matchAll(INSTRUCTION_ID_IN_TEXT)) {
    if (found.length >= REFERENCES_IN_TEXT_MAX) break;
    if (!found.includes(match[0])) found.push(match[0]);
  }
  return found;
}
