import { assert } from '../assert.js';
import { MT940_FIELDS_PER_FILE_MAX, MT940_LINES_PER_FIELD_MAX } from './limits.js';
import { failParse, type ParseWarning } from './parse-result.js';

/**
 * Splits MT940 text into tagged fields with their source line. A field starts with `:NN:` or
 * `:NNa:` at the start of a line; every other non-empty line continues the previous field
 * (multi-line :86:, the second line of :61:). The SWIFT envelope `{1:…}{2:…}{4:` … `-}` and
 * the `-` statement separators carry no data and are dropped, so files with and without an
 * envelope, with CRLF or LF, and with or without a final newline read the same. Text outside
 * any field (some banks put a `BIC` / `940` preamble before each message) is skipped with a
 * warning; it holds no amounts.
 */

export interface Mt940Field {
  readonly tag: string;
  /** First line holds the text after the tag; continuation lines follow as written. */
  readonly lines: readonly string[];
  /** 1-based line of the tag. */
  readonly line: number;
}

const FIELD_START = /^:(\d{2}[A-Z]?|NS):(.*)$/;
// Basic header {1:…}, application header {2:…} and user header {3:{…}} before the text block.
const ENVELOPE_OPEN = /^(?:\{[1-3]:(?:\{[^{}]*\}|[^{}])*\})*\{4:/;

export function tokenizeMt940(text: string, warnings: ParseWarning[]): Mt940Field[] {
  const lines = text.split(/\r\n|\r|\n/);
  const fields: { tag: string; lines: string[]; line: number }[] = [];
  let current: { tag: string; lines: string[]; line: number } | undefined;
  for (const [index, rawLine] of lines.entries()) {
    const lineNumber = index + 1;
    let line = rawLine;
    const envelope = ENVELOPE_OPEN.exec(line);
    if (envelope !== null) {
      current = undefined;
      line = line.slice(envelope[0].length);
    }
    if (line.startsWith('-}') || line.startsWith('{5:') || line.trim() === '-') {
      current = undefined;
      continue;
    }
    if (line.trim() === '') continue;
    const start = FIELD_START.exec(line);
    if (start !== null) {
      if (fields.length >= MT940_FIELDS_PER_FILE_MAX) {
        failParse('too_many_entries', `more than ${MT940_FIELDS_PER_FILE_MAX} MT940 fields`, {
          line: lineNumber,
        });
      }
      current = { tag: start[1] ?? '', lines: [start[2] ?? ''], line: lineNumber };
      fields.push(current);
      continue;
    }
    if (current === undefined) {
      warnings.push({
        code: 'ignored_line',
        message: `line ${lineNumber} is outside any MT940 field and was skipped`,
        line: lineNumber,
      });
      continue;
    }
    if (current.lines.length >= MT940_LINES_PER_FIELD_MAX) {
      failParse('malformed_mt940', `field :${current.tag}: has too many lines`, {
        line: current.line,
      });
    }
    current.lines.push(line);
  }
  assert(
    fields.every((field) => field.lines.length >= 1),
    'every field has its first line',
  );
  return fields;
}
