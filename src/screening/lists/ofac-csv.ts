import { countryCode } from '../matching/countries.js';
import type { EntryDob } from '../matching/qualifiers.js';
import { ENTRY_DOBS_MAX, LIST_ENTRIES_MAX } from '../screening-limits.js';
import { csvRows, type CsvRow } from './csv-rows.js';
import { ListFormatError, type EntryType, type ListEntry, type ParsedList } from './list-entry.js';
import { NameCollector } from './name-check.js';

/** The three files of OFAC's legacy CSV publication. */
export interface OfacFiles {
  sdn: string;
  alt?: string;
  add?: string;
}

const NULL = '-0-';
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function cell(value: string | undefined): string {
  const v = (value ?? '').trim();
  return v === NULL ? '' : v;
}

/** "LOGAN MOREY, Elvis Angus" → "Elvis Angus LOGAN MOREY" (individuals only). */
export function reorderOfacName(name: string): string {
  const comma = name.indexOf(',');
  if (comma < 0) return name;
  const last = name.slice(0, comma).trim();
  const first = name.slice(comma + 1).trim();
  return first.length === 0 ? last : `${first} ${last}`;
}

function typeOf(raw: string): EntryType {
  if (raw === '') return 'entity';
  if (raw === 'individual' || raw === 'vessel' || raw === 'aircraft') return raw;
  return 'unknown';
}

/** Dates of birth in the remarks: "DOB 28 Jul 1963", "DOB 1963", "DOB circa 1963", "DOB Jul 1963". */
export function remarksDobs(remarks: string): EntryDob[] {
  const out: EntryDob[] = [];
  for (const m of remarks.matchAll(
    /DOB (?:circa )?((?:\d{1,2} )?(?:[A-Z][a-z]{2} )?\d{4})(?: to ((?:\d{1,2} )?(?:[A-Z][a-z]{2} )?\d{4}))?/g,
  )) {
    const parts = m[1]!.split(' ');
    const year = Number(parts[parts.length - 1]);
    const month =
      parts.length >= 2 ? (MONTHS[parts[parts.length - 2]!.toLowerCase()] ?? null) : null;
    const day = parts.length === 3 ? Number(parts[0]) : null;
    const toYear = m[2] === undefined ? null : Number(m[2].split(' ').pop());
    if (!Number.isInteger(year) || year < 1800) continue;
    out.push({ year, month, day, toYear: toYear !== null && toYear > year ? toYear : null });
    if (out.length >= ENTRY_DOBS_MAX) break;
  }
  return out;
}

/** Countries in the remarks: nationality, citizenship, place of birth. */
function remarksCountries(remarks: string): string[] {
  const found: string[] = [];
  for (const m of remarks.matchAll(/(?:nationality|citizen) ([A-Z][A-Za-z ,.'()-]+?)(?:;|\.$|$)/g))
    found.push(m[1]!);
  for (const m of remarks.matchAll(/POB ([^;]+)/g)) found.push(m[1]!.split(',').pop()!);
  return found.map((c) => countryCode(c)).filter((c): c is string => c !== null);
}

/** Weak aliases OFAC keeps only in the remarks: "a.k.a. 'BURTON BURGESS'". */
function remarksAliases(remarks: string): string[] {
  return [...remarks.matchAll(/a\.k\.a\. '([^']+)'/g)].map((m) => m[1]!);
}

function columns(row: CsvRow, file: string, expected: number): string[] {
  if (row.cells.length !== expected)
    throw new ListFormatError(
      `${file} line ${row.line}: expected ${expected} columns, found ${row.cells.length}`,
    );
  return row.cells;
}

function entNum(raw: string | undefined, file: string, line: number): string {
  const v = (raw ?? '').trim();
  if (!/^\d{1,10}$/.test(v))
    throw new ListFormatError(`${file} line ${line}: ent_num "${v.slice(0, 20)}" is not a number`);
  return v;
}

interface Draft {
  entry: ListEntry;
  names: NameCollector;
  individual: boolean;
}

/**
 * OFAC's SDN list in its legacy CSV form: sdn.csv (12 columns: ent_num, name, type,
 * programmes, title, call sign, vessel fields, remarks), alt.csv (5: ent_num, alt_num, type,
 * name, remarks) and add.csv (6: ent_num, add_num, address, city, country, remarks).
 * `-0-` is empty. Any malformed line refuses the whole import, naming file and line; alias
 * and address rows of an ent_num absent from sdn.csv are skipped with a warning (an extract).
 */
export function parseOfacCsv(files: OfacFiles): ParsedList {
  const drafts = new Map<string, Draft>();
  const sdnRows = csvRows(files.sdn, 'sdn.csv');
  if (sdnRows.length === 0) throw new ListFormatError('sdn.csv: no rows');
  if (sdnRows.length > LIST_ENTRIES_MAX)
    throw new ListFormatError(`sdn.csv: more than ${LIST_ENTRIES_MAX} rows`);
  for (const row of sdnRows) {
    const c = columns(row, 'sdn.csv', 12);
    const id = entNum(c[0], 'sdn.csv', row.line);
    if (drafts.has(id))
      throw new ListFormatError(`sdn.csv line ${row.line}: ent_num ${id} appears twice`);
    const where = `sdn.csv line ${row.line} (ent_num ${id})`;
    const type = typeOf(cell(c[2]));
    const individual = type === 'individual';
    const rawName = cell(c[1]);
    if (rawName.length === 0) throw new ListFormatError(`${where}: empty name`);
    const names = new NameCollector(where);
    names.add(individual ? reorderOfacName(rawName) : rawName, 'primary');
    const remarks = cell(c[11]);
    for (const alias of remarksAliases(remarks))
      names.add(individual ? reorderOfacName(alias) : alias, 'weak');
    const programmes = cell(c[3])
      .split(/\]\s*\[/)
      .map((p) => p.replace(/[[\]]/g, '').trim())
      .filter((p) => p.length > 0);
    const vesselFlag = countryCode(cell(c[9]));
    drafts.set(id, {
      names,
      individual,
      entry: {
        entryKey: `ofac:${id}`,
        entryType: type,
        names: [],
        dobs: remarksDobs(remarks),
        countries: [
          ...new Set([...remarksCountries(remarks), ...(vesselFlag === null ? [] : [vesselFlag])]),
        ],
        programmes,
        reference: id,
        remarks: remarks.length > 0 ? remarks.slice(0, 2_000) : null,
      },
    });
  }
  const warnings: string[] = [];
  let orphans = 0;
  if (files.alt !== undefined) {
    for (const row of csvRows(files.alt, 'alt.csv')) {
      const c = columns(row, 'alt.csv', 5);
      const id = entNum(c[0], 'alt.csv', row.line);
      const draft = drafts.get(id);
      if (draft === undefined) {
        orphans += 1;
        continue;
      }
      const name = cell(c[3]);
      if (name.length === 0)
        throw new ListFormatError(`alt.csv line ${row.line} (ent_num ${id}): empty name`);
      const quality = cell(c[2]).toLowerCase().includes('weak') ? 'weak' : 'strong';
      draft.names.add(draft.individual ? reorderOfacName(name) : name, quality);
    }
  }
  if (files.add !== undefined) {
    for (const row of csvRows(files.add, 'add.csv')) {
      const c = columns(row, 'add.csv', 6);
      const id = entNum(c[0], 'add.csv', row.line);
      const draft = drafts.get(id);
      if (draft === undefined) {
        orphans += 1;
        continue;
      }
      const code = countryCode(cell(c[4]));
      if (code !== null && !draft.entry.countries.includes(code)) draft.entry.countries.push(code);
    }
  }
  if (orphans > 0)
    warnings.push(
      `${orphans} alias or address rows name an ent_num not in sdn.csv and were skipped`,
    );
  const entries = [...drafts.values()].map((d) => ({ ...d.entry, names: d.names.names() }));
  return { kind: 'ofac', entries, sourceDate: null, warnings };
}
