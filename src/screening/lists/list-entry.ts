import type { EntryDob } from '../matching/qualifiers.js';

/** The kinds of list Custos imports. */
export const LIST_KINDS = ['un', 'ofac', 'opensanctions', 'internal'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export type EntryType = 'individual' | 'entity' | 'vessel' | 'aircraft' | 'unknown';

/** How a list qualifies a name: weak aliases ("low quality") count for less. */
export type NameQuality = 'primary' | 'strong' | 'weak' | 'original_script';

export interface EntryName {
  name: string;
  quality: NameQuality;
}

/** One listed person or organisation, as every list format is parsed into. */
export interface ListEntry {
  /** Stable across versions of its list: `<kind>:<list reference>` ("un:QDi.001"). */
  entryKey: string;
  entryType: EntryType;
  names: EntryName[];
  dobs: EntryDob[];
  /** ISO 3166-1 alpha-2 codes of nationality, citizenship, residence, place of birth. */
  countries: string[];
  programmes: string[];
  /** The list's own reference (UN reference number, OFAC ent_num, OpenSanctions id). */
  reference: string;
  remarks: string | null;
}

/** What a parser returns: entries, plus notes on things it dropped on purpose. */
export interface ParsedList {
  kind: ListKind;
  entries: ListEntry[];
  /** The date the publisher generated the list, when the file says. */
  sourceDate: string | null;
  warnings: string[];
}

export class ListFormatError extends Error {
  override name = 'ListFormatError';
}

export function primaryName(entry: ListEntry): string {
  return entry.names.find((n) => n.quality === 'primary')?.name ?? entry.names[0]?.name ?? '';
}
