import { parse } from 'csv-parse/sync';
import { ListFormatError } from './list-entry.js';

/** The DOS end-of-file mark (Ctrl-Z). */
const DOS_EOF = String.fromCharCode(0x1a);

export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * Rows of a CSV file with the line each starts on. Malformed quoting is refused with the
 * line; a trailing DOS end-of-file mark (OFAC's files have one) is dropped.
 */
export function csvRows(content: string, fileLabel: string): CsvRow[] {
  const trimmed = content.trimEnd();
  const cleaned = trimmed.endsWith(DOS_EOF) ? trimmed.slice(0, -1) : content;
  try {
    const records = parse(cleaned, {
      bom: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ListFormatError(`${fileLabel}: not valid CSV: ${message}`);
  }
}
