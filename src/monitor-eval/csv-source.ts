import fs from 'node:fs';
import { parse } from 'csv-parse';
import { InputError } from './jsonl-source.js';
import { mappedColumns, type CsvEventMapping } from './csv-event-mapping.js';
import { rowToEvent, type RowEvent } from './csv-row-event.js';
import { timestampParser, type TimestampParser } from './csv-timestamp.js';
import type { ReplayRecord } from './replay-record.js';

/** Rows read from one file, at most. */
export const CSV_ROWS_MAX = 100_000_000;
/** Rows of a file that is not in time order, which are sorted in memory, at most. */
export const CSV_UNSORTED_ROWS_MAX = 2_000_000;
const DAY_MS = 86_400_000;

export interface CsvReadStats {
  rows: number;
  skipped: Record<string, number>;
  sorted: boolean;
}

/**
 * Replays a transaction CSV in time order. A first pass checks the order; a file already in
 * order (most exports are) streams through the second pass with bounded memory; one that is
 * not is sorted in memory up to CSV_UNSORTED_ROWS_MAX rows and refused above that.
 */
export async function* readCsvEvents(
  path: string,
  mapping: CsvEventMapping,
  stats: CsvReadStats,
): AsyncGenerator<ReplayRecord> {
  const parseTime = timestampParser(mapping.timestamp.format, mapping.timestamp.utcOffsetMinutes);
  if (typeof parseTime === 'string') throw new InputError(`mapping.timestamp.format: ${parseTime}`);
  const order = await checkOrder(path, mapping, parseTime);
  stats.sorted = order.sorted;
  if (!order.sorted && order.rows > CSV_UNSORTED_ROWS_MAX) {
    throw new InputError(
      `${path} is not in time order and has ${order.rows} rows (more than ` +
        `${CSV_UNSORTED_ROWS_MAX} are not sorted in memory): sort it by time first`,
    );
  }
  const seen = new Set<string>();
  const profiles = function* (row: RowEvent): Generator<ReplayRecord> {
    for (const customerId of [row.event.payerCustomerId, row.event.payeeCustomerId]) {
      if (customerId === null || seen.has(customerId)) continue;
      seen.add(customerId);
      const openedAtMs = row.event.atMs - mapping.accountsOpenedDaysBefore * DAY_MS;
      yield {
        type: 'profile',
        profile: { customerId, platformId: mapping.platformId, kind: 'person', openedAtMs },
      };
    }
  };
  if (order.sorted) {
    for await (const row of rows(path, mapping, parseTime, stats)) {
      yield* profiles(row);
      yield { type: 'event', ...row };
    }
    return;
  }
  const all: RowEvent[] = [];
  for await (const row of rows(path, mapping, parseTime, stats)) all.push(row);
  all.sort((x, y) => x.event.atMs - y.event.atMs);
  for (const row of all) {
    yield* profiles(row);
    yield { type: 'event', ...row };
  }
}

async function checkOrder(path: string, mapping: CsvEventMapping, parseTime: TimestampParser) {
  const scratch: CsvReadStats = { rows: 0, skipped: {}, sorted: true };
  let lastMs = Number.NEGATIVE_INFINITY;
  let sorted = true;
  for await (const row of rows(path, mapping, parseTime, scratch)) {
    if (row.event.atMs < lastMs) sorted = false;
    lastMs = Math.max(lastMs, row.event.atMs);
  }
  return { sorted, rows: scratch.rows };
}

async function* rows(
  path: string,
  mapping: CsvEventMapping,
  parseTime: TimestampParser,
  stats: CsvReadStats,
): AsyncGenerator<RowEvent> {
  const parser = fs.createReadStream(path).pipe(
    parse({
      delimiter: mapping.delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }),
  );
  let index = new Map<string, number>();
  let rowNumber = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNumber += 1;
    if (rowNumber === 1) {
      index = headerIndex(record, mapping, path);
      continue;
    }
    if (stats.rows >= CSV_ROWS_MAX) throw new InputError(`${path}: more than ${CSV_ROWS_MAX} rows`);
    stats.rows += 1;
    const cell = (column: string) => record[index.get(column) ?? -1] ?? '';
    const result = rowToEvent(cell, mapping, parseTime, rowNumber);
    if (result.ok) yield result.row;
    else stats.skipped[result.reason] = (stats.skipped[result.reason] ?? 0) + 1;
  }
}

/**
 * Column positions by name. A name repeated in the header gets `.1`, `.2` … on its later
 * occurrences (IBM AMLworld has two `Account` columns: `Account` and `Account.1`).
 */
export function headerIndex(
  header: string[],
  mapping: CsvEventMapping,
  path: string,
): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((raw, position) => {
    const name = raw.trim();
    let unique = name;
    for (let copy = 1; index.has(unique); copy += 1) unique = `${name}.${copy}`;
    index.set(unique, position);
  });
  for (const { field, column } of mappedColumns(mapping)) {
    if (!index.has(column)) {
      throw new InputError(`mapping.${field}: column '${column}' is not in the header of ${path}`);
    }
  }
  return index;
}
