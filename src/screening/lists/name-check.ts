import { unexpectedCharacter } from '../matching/scripts.js';
import { nameVariants } from '../matching/normalize.js';
import { ENTRY_NAMES_MAX, NAME_CHARS_MAX } from '../screening-limits.js';
import { ListFormatError, type EntryName, type NameQuality } from './list-entry.js';

/**
 * Checks one name of a list record: not empty, not over-long, only accepted scripts, and
 * something left to compare after normalization. `where` names the record or line.
 */
export function checkedName(raw: string, where: string): string {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (name.length === 0) throw new ListFormatError(`${where}: empty name`);
  if (name.length > NAME_CHARS_MAX)
    throw new ListFormatError(`${where}: name longer than ${NAME_CHARS_MAX} characters`);
  const bad = unexpectedCharacter(name);
  if (bad !== null) {
    throw new ListFormatError(
      `${where}: name "${name.slice(0, 60)}" has ${bad.codePoint} '${bad.char}' at position ${bad.position}, outside the accepted scripts (Latin, Cyrillic, Arabic, Greek, Chinese)`,
    );
  }
  if (nameVariants(name).length === 0)
    throw new ListFormatError(`${where}: name "${name.slice(0, 60)}" has no letters to compare`);
  return name;
}

/** Collects names of one entry, dropping repeats (same text, any quality: the best kept). */
export class NameCollector {
  readonly #names = new Map<string, EntryName>();
  readonly #where: string;

  constructor(where: string) {
    this.#where = where;
  }

  add(raw: string | null | undefined, quality: NameQuality): void {
    if (raw === null || raw === undefined || raw.trim().length === 0) return;
    // "Jin Tiesan (金铁三)": the romanised name and the one in Chinese script are two names.
    const inner = /^(.*?)\s*\((\p{Script=Han}[^()]*)\)\s*$/u.exec(raw);
    if (inner !== null && inner[1]!.trim().length > 0) {
      this.add(inner[1], quality);
      this.add(inner[2], 'original_script');
      return;
    }
    const name = checkedName(raw, this.#where);
    const key = name.toLowerCase();
    const existing = this.#names.get(key);
    if (existing !== undefined && rank(existing.quality) <= rank(quality)) return;
    if (existing === undefined && this.#names.size >= ENTRY_NAMES_MAX)
      throw new ListFormatError(`${this.#where}: more than ${ENTRY_NAMES_MAX} names`);
    this.#names.set(key, { name, quality });
  }

  names(): EntryName[] {
    return [...this.#names.values()];
  }
}

function rank(q: NameQuality): number {
  return q === 'primary' ? 0 : q === 'strong' ? 1 : q === 'original_script' ? 2 : 3;
}
