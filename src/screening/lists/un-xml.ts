import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { countryCode } from '../matching/countries.js';
import type { EntryDob } from '../matching/qualifiers.js';
import { ENTRY_COUNTRIES_MAX, ENTRY_DOBS_MAX, LIST_ENTRIES_MAX } from '../screening-limits.js';
import { ListFormatError, type ListEntry, type ParsedList } from './list-entry.js';
import { NameCollector } from './name-check.js';

type Node = Record<string, unknown>;

const REPEATED = new Set([
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH',
  'VALUE',
]);

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object' && '#text' in (value as Node))
    return text((value as Node)['#text']);
  return '';
}

function nodes(value: unknown): Node[] {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Node => typeof v === 'object' && v !== null);
}

function values(value: unknown): string[] {
  return nodes(value).flatMap((n) => (Array.isArray(n.VALUE) ? n.VALUE : [n.VALUE]).map(text));
}

function dobOf(node: Node): EntryDob | null {
  const type = text(node.TYPE_OF_DATE);
  if (type === 'BETWEEN') {
    const from = Number(text(node.FROM_YEAR));
    const to = Number(text(node.TO_YEAR));
    if (Number.isInteger(from) && from > 1800 && Number.isInteger(to) && to >= from)
      return { year: from, month: null, day: null, toYear: to };
    return null;
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(node.DATE));
  if (date !== null)
    return { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]), toYear: null };
  const year = Number(text(node.YEAR));
  if (Number.isInteger(year) && year > 1800) return { year, month: null, day: null, toYear: null };
  return null;
}

/** Parenthesised acronyms in UN entity names ("BUTEMBO AIRLINES (BAL)") are aliases. */
function splitEntityName(raw: string): { name: string; acronyms: string[] }[] {
  return raw
    .split(/\s;\s|;\s/)
    .map((part) => {
      const acronyms = [...part.matchAll(/\(([^()]{2,40})\)/g)].map((m) => m[1]!.trim());
      return { name: part.replace(/\([^()]*\)/g, ' ').trim() || part.trim(), acronyms };
    })
    .filter((p) => p.name.length > 0);
}

class CountrySet {
  readonly codes = new Set<string>();
  constructor(private readonly unknown: Set<string>) {}
  add(name: string): void {
    if (name.length === 0 || this.codes.size >= ENTRY_COUNTRIES_MAX) return;
    const code = countryCode(name);
    if (code === null) this.unknown.add(name);
    else this.codes.add(code);
  }
}

function entryOf(
  node: Node,
  type: 'individual' | 'entity',
  unknownCountries: Set<string>,
): ListEntry {
  const dataId = text(node.DATAID);
  const reference = text(node.REFERENCE_NUMBER);
  const where = `${type === 'individual' ? 'INDIVIDUAL' : 'ENTITY'} ${reference || `DATAID ${dataId || '?'}`}`;
  if (reference.length === 0) throw new ListFormatError(`${where}: no REFERENCE_NUMBER`);
  const names = new NameCollector(where);
  const countries = new CountrySet(unknownCountries);
  const dobs: EntryDob[] = [];
  if (type === 'individual') {
    const full = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
      .map((k) => text(node[k]))
      .filter((p) => p.length > 0)
      .join(' ');
    if (full.length === 0) throw new ListFormatError(`${where}: empty name`);
    names.add(full, 'primary');
    for (const alias of nodes(node.INDIVIDUAL_ALIAS)) {
      const quality = text(alias.QUALITY) === 'Low' ? 'weak' : 'strong';
      names.add(text(alias.ALIAS_NAME), quality);
    }
    for (const d of nodes(node.INDIVIDUAL_DATE_OF_BIRTH)) {
      const dob = dobOf(d);
      if (dob !== null && dobs.length < ENTRY_DOBS_MAX) dobs.push(dob);
    }
    for (const v of values(node.NATIONALITY)) countries.add(v);
    for (const a of nodes(node.INDIVIDUAL_ADDRESS)) countries.add(text(a.COUNTRY));
    for (const p of nodes(node.INDIVIDUAL_PLACE_OF_BIRTH)) countries.add(text(p.COUNTRY));
  } else {
    const raw = text(node.FIRST_NAME);
    if (raw.length === 0) throw new ListFormatError(`${where}: empty name`);
    splitEntityName(raw).forEach((part, i) => {
      names.add(part.name, i === 0 ? 'primary' : 'strong');
      for (const acronym of part.acronyms) names.add(acronym, 'strong');
    });
    for (const alias of nodes(node.ENTITY_ALIAS)) {
      const quality = text(alias.QUALITY) === 'Low' ? 'weak' : 'strong';
      names.add(text(alias.ALIAS_NAME), quality);
    }
    for (const a of nodes(node.ENTITY_ADDRESS)) countries.add(text(a.COUNTRY));
  }
  names.add(text(node.NAME_ORIGINAL_SCRIPT), 'original_script');
  const programme = text(node.UN_LIST_TYPE);
  const comments = text(node.COMMENTS1);
  return {
    entryKey: `un:${reference}`,
    entryType: type,
    names: names.names(),
    dobs,
    countries: [...countries.codes],
    programmes: programme.length > 0 ? [programme] : [],
    reference,
    remarks: comments.length > 0 ? comments.slice(0, 2_000) : null,
  };
}

/**
 * The UN Security Council consolidated list (XML as published at scsanctions.un.org). A file
 * that is not well-formed XML, has no CONSOLIDATED_LIST root, or has a record without a
 * reference or a usable name is refused whole, the record named.
 */
export function parseUnConsolidatedXml(xml: string): ParsedList {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new ListFormatError(`not well-formed XML at line ${valid.err.line}: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => REPEATED.has(name),
  });
  const doc = parser.parse(xml) as Node;
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (root === undefined || typeof root !== 'object')
    throw new ListFormatError('not a UN consolidated list: no CONSOLIDATED_LIST element');
  const unknownCountries = new Set<string>();
  const entries: ListEntry[] = [];
  const individuals = nodes((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL);
  const entities = nodes((root.ENTITIES as Node | undefined)?.ENTITY);
  if (individuals.length + entities.length > LIST_ENTRIES_MAX)
    throw new ListFormatError(`more than ${LIST_ENTRIES_MAX} records`);
  for (const n of individuals) entries.push(entryOf(n, 'individual', unknownCountries));
  for (const n of entities) entries.push(entryOf(n, 'entity', unknownCountries));
  if (entries.length === 0)
    throw new ListFormatError('the list has no INDIVIDUAL or ENTITY records');
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.entryKey)) throw new ListFormatError(`${e.reference}: reference appears twice`);
    seen.add(e.entryKey);
  }
  const generated = root['@_dateGenerated'];
  const warnings =
    unknownCountries.size === 0
      ? []
      : [
          `country names not recognised (kept out of qualifiers): ${[...unknownCountries].slice(0, 20).join('; ')}`,
        ];
  return {
    kind: 'un',
    entries,
    sourceDate: typeof generated === 'string' ? generated : null,
    warnings,
  };
}
