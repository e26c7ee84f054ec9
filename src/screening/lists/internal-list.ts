import { z } from 'zod';
import { countryCode } from '../matching/countries.js';
import {
  ENTRY_COUNTRIES_MAX,
  ENTRY_DOBS_MAX,
  ENTRY_NAMES_MAX,
  LIST_ENTRIES_MAX,
} from '../screening-limits.js';
import { csvRows } from './csv-rows.js';
import { isoDob } from './date-text.js';
import { ListFormatError, type ListEntry, type ParsedList } from './list-entry.js';
import { NameCollector } from './name-check.js';

/** One entry of an internal watchlist, as the API takes it and a JSON file holds it. */
export const InternalEntrySchema = z
  .object({
    reference: z.string().trim().min(1).max(100),
    name: z.string().max(1_000),
    type: z.enum(['individual', 'entity']).default('individual'),
    aliases: z.array(z.string().max(1_000)).max(ENTRY_NAMES_MAX).default([]),
    dobs: z.array(z.string().max(10)).max(ENTRY_DOBS_MAX).default([]),
    countries: z.array(z.string().max(100)).max(ENTRY_COUNTRIES_MAX).default([]),
    programme: z.string().max(100).optional(),
    remarks: z.string().max(2_000).optional(),
  })
  .strict();
export type InternalEntryInput = z.input<typeof InternalEntrySchema>;

function entryOf(input: z.output<typeof InternalEntrySchema>, where: string): ListEntry {
  const names = new NameCollector(where);
  if (input.name.trim().length === 0) throw new ListFormatError(`${where}: empty name`);
  names.add(input.name, 'primary');
  for (const alias of input.aliases) names.add(alias, 'strong');
  const dobs = input.dobs.map((d) => {
    const dob = isoDob(d);
    if (dob === null)
      throw new ListFormatError(
        `${where}: date of birth "${d}" is not YYYY, YYYY-MM or YYYY-MM-DD`,
      );
    return dob;
  });
  const countries = input.countries.map((c) => {
    const code = countryCode(c);
    if (code === null) throw new ListFormatError(`${where}: "${c}" names no country`);
    return code;
  });
  return {
    entryKey: `internal:${input.reference}`,
    entryType: input.type,
    names: names.names(),
    dobs,
    countries: [...new Set(countries)],
    programmes: input.programme === undefined ? [] : [input.programme],
    reference: input.reference,
    remarks: input.remarks ?? null,
  };
}

function checkedEntries(entries: ListEntry[]): ParsedList {
  if (entries.length === 0) throw new ListFormatError('the watchlist has no entries');
  if (entries.length > LIST_ENTRIES_MAX)
    throw new ListFormatError(`more than ${LIST_ENTRIES_MAX} entries`);
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.entryKey)) throw new ListFormatError(`reference ${e.reference} appears twice`);
    seen.add(e.entryKey);
  }
  return { kind: 'internal', entries, sourceDate: null, warnings: [] };
}

/** Internal watchlist entries from the API or a JSON file (an array of entries). */
export function parseInternalEntries(inputs: readonly unknown[]): ParsedList {
  return checkedEntries(
    inputs.map((raw, i) => {
      const parsed = InternalEntrySchema.safeParse(raw);
      const ref =
        typeof raw === 'object' && raw !== null && 'reference' in raw
          ? String((raw as { reference: unknown }).reference)
          : '?';
      const where = `entry ${i + 1} (reference ${ref})`;
      if (!parsed.success)
        throw new ListFormatError(
          `${where}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`,
        );
      return entryOf(parsed.data, where);
    }),
  );
}

export function parseInternalJson(content: string): ParsedList {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new ListFormatError(
      `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const list = Array.isArray(data) ? data : (data as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list))
    throw new ListFormatError('expected an array of entries (or {"entries": [...]})');
  return parseInternalEntries(list);
}

/**
 * Internal watchlist CSV: header with reference and name; optional type, aliases, dobs,
 * countries (those three `;`-joined), programme, remarks.
 */
export function parseInternalCsv(content: string): ParsedList {
  const rows = csvRows(content, 'watchlist.csv');
  const header = rows[0];
  if (header === undefined) throw new ListFormatError('watchlist.csv: empty file');
  const col = new Map(header.cells.map((n, i) => [n.trim().toLowerCase(), i]));
  for (const name of ['reference', 'name'])
    if (!col.has(name))
      throw new ListFormatError(
        `watchlist.csv line ${header.line}: no "${name}" column in the header`,
      );
  const get = (cells: string[], name: string) => {
    const i = col.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const split = (v: string) =>
    v
      .split(';')
      .map((x) => x.trim())
      .filter((x) => x.length > 0);
  return checkedEntries(
    rows.slice(1).map((row) => {
      const where = `watchlist.csv line ${row.line}`;
      if (row.cells.length !== header.cells.length)
        throw new ListFormatError(
          `${where}: expected ${header.cells.length} columns, found ${row.cells.length}`,
        );
      const type = get(row.cells, 'type');
      const parsed = InternalEntrySchema.safeParse({
        reference: get(row.cells, 'reference'),
        name: get(row.cells, 'name'),
        ...(type === '' ? {} : { type }),
        aliases: split(get(row.cells, 'aliases')),
        dobs: split(get(row.cells, 'dobs')),
        countries: split(get(row.cells, 'countries')),
        ...(get(row.cells, 'programme') === '' ? {} : { programme: get(row.cells, 'programme') }),
        ...(get(row.cells, 'remarks') === '' ? {} : { remarks: get(row.cells, 'remarks') }),
      });
      if (!parsed.success)
        throw new ListFormatError(
          `${where}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`,
        );
      return entryOf(parsed.data, where);
    }),
  );
}
