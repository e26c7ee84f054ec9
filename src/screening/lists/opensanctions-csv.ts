import { countryCode } from '../matching/countries.js';
import type { EntryDob } from '../matching/qualifiers.js';
import { ENTRY_COUNTRIES_MAX, ENTRY_DOBS_MAX, LIST_ENTRIES_MAX } from '../screening-limits.js';
import { csvRows } from './csv-rows.js';
import { isoDob } from './date-text.js';
import { ListFormatError, type EntryType, type ListEntry, type ParsedList } from './list-entry.js';
import { NameCollector } from './name-check.js';

/** OpenSanctions data is licensed CC BY-NC 4.0: commercial use needs their paid licence. */
export const OPENSANCTIONS_LICENCE =
  'CC BY-NC 4.0 (OpenSanctions); non-commercial use only without a commercial licence from OpenSanctions';

const REQUIRED = ['id', 'schema', 'name'] as const;

function typeOf(schema: string): EntryType {
  if (schema === 'Person') return 'individual';
  if (schema === 'Vessel') return 'vessel';
  if (schema === 'Airplane') return 'aircraft';
  if (['Organization', 'Company', 'LegalEntity', 'PublicBody'].includes(schema)) return 'entity';
  return 'unknown';
}

function multi(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/**
 * OpenSanctions "simple" CSV (targets.simple.csv): a header row naming at least id, schema
 * and name; aliases, birth_date, countries and sanctions are `;`-joined lists.
 */
export function parseOpenSanctionsCsv(content: string): ParsedList {
  const rows = csvRows(content, 'targets.simple.csv');
  const header = rows[0];
  if (header === undefined) throw new ListFormatError('targets.simple.csv: empty file');
  const col = new Map(header.cells.map((name, i) => [name.trim().toLowerCase(), i]));
  for (const name of REQUIRED)
    if (!col.has(name))
      throw new ListFormatError(
        `targets.simple.csv line ${header.line}: no "${name}" column in the header`,
      );
  if (rows.length - 1 > LIST_ENTRIES_MAX)
    throw new ListFormatError(`more than ${LIST_ENTRIES_MAX} rows`);
  const get = (cells: string[], name: string) => {
    const i = col.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const seen = new Set<string>();
  const entries: ListEntry[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.length !== header.cells.length)
      throw new ListFormatError(
        `targets.simple.csv line ${row.line}: expected ${header.cells.length} columns, found ${row.cells.length}`,
      );
    const id = get(row.cells, 'id');
    const where = `targets.simple.csv line ${row.line} (id ${id || '?'})`;
    if (id.length === 0 || id.length > 200) throw new ListFormatError(`${where}: no id`);
    if (seen.has(id)) throw new ListFormatError(`${where}: id appears twice`);
    seen.add(id);
    const name = get(row.cells, 'name');
    if (name.length === 0) throw new ListFormatError(`${where}: empty name`);
    const names = new NameCollector(where);
    names.add(name, 'primary');
    for (const alias of multi(get(row.cells, 'aliases'))) names.add(alias, 'strong');
    const dobs: EntryDob[] = [];
    for (const d of multi(get(row.cells, 'birth_date'))) {
      const dob = isoDob(d);
      if (dob !== null && dobs.length < ENTRY_DOBS_MAX) dobs.push(dob);
    }
    const countries = [...new Set(multi(get(row.cells, 'countries')).map(countryCode))]
      .filter((c): c is string => c !== null)
      .slice(0, ENTRY_COUNTRIES_MAX);
    const programmes = [
      ...multi(get(row.cells, 'program_ids')),
      ...multi(get(row.cells, 'dataset')),
    ].slice(0, 20);
    const sanctions = get(row.cells, 'sanctions');
    entries.push({
      entryKey: `opensanctions:${id}`,
      entryType: typeOf(get(row.cells, 'schema')),
      names: names.names(),
      dobs,
      countries,
      programmes,
      reference: id,
      remarks: sanctions.length > 0 ? sanctions.slice(0, 2_000) : null,
    });
  }
  if (entries.length === 0) throw new ListFormatError('targets.simple.csv: no entries');
  return { kind: 'opensanctions', entries, sourceDate: null, warnings: [] };
}
