import { assert } from '../assert.js';

/** Which parser a decoded file goes to. camt covers camt.052, camt.053 and camt.054. */
export type DetectedFormat = 'camt' | 'mt940' | 'csv';

/** Non-empty lines looked at when searching for an MT940 start behind a bank preamble. */
const MT940_PREAMBLE_LINES_MAX = 8;
const MT940_FIELD_LINE = /^(?:\{1:|\{4:|:20:|:\d{2}[A-Z]?:)/;

/**
 * Detects the format from content, never from the file name: XML means camt (the camt parser
 * then checks root and namespace), a SWIFT envelope or an MT940 field tag near the top means
 * MT940. CSV has no signature, so it is chosen only when the caller supplied a mapping.
 */
export function detectStatementFormat(
  text: string,
  hasCsvMapping: boolean,
): DetectedFormat | undefined {
  const head = text.trimStart();
  if (head.startsWith('<')) return 'camt';
  const lines = head.slice(0, 4096).split(/\r\n|\r|\n/);
  let inspected = 0;
  for (const line of lines) {
    if (inspected >= MT940_PREAMBLE_LINES_MAX) break;
    if (line.trim() === '') continue;
    inspected += 1;
    if (MT940_FIELD_LINE.test(line)) return 'mt940';
  }
  assert(inspected <= MT940_PREAMBLE_LINES_MAX, 'preamble scan is bounded');
  return hasCsvMapping ? 'csv' : undefined;
}
