import { assert } from '../assert.js';
import type { CamtReversalSign } from './camt-sign.js';
import { isHistoricCurrency } from '../money/index.js';
import type { CsvMapping } from './csv-mapping.js';
import { decodeStatementBytes } from './decode-text.js';
import { detectStatementFormat, type DetectedFormat } from './detect-format.js';
import { sha256Hex } from './entry-fingerprint.js';
import { INPUT_BYTES_HARD_MAX, INPUT_BYTES_MAX } from './limits.js';
import { parseCamt } from './parse-camt.js';
import { parseCsvStatement, type CsvStatementInput } from './parse-csv.js';
import { parseMt940 } from './parse-mt940.js';
import {
  catchParseFailure,
  type ParseFormatResult,
  type ParseStatementResult,
  type ParseWarning,
} from './parse-result.js';
import type { Statement } from './statement.js';

export interface ParseStatementOptions {
  /** Skip detection; 'camt' still checks the root element and namespace. */
  readonly format?: DetectedFormat;
  /** Required for CSV: the bank's saved column mapping and the statement's identity. */
  readonly csv?: { readonly mapping: CsvMapping; readonly statement: CsvStatementInput };
  /** Raw size limit in bytes; defaults to INPUT_BYTES_MAX, at most INPUT_BYTES_HARD_MAX. */
  readonly inputBytesMax?: number;
  /** camt RvslInd handling, see camt-sign.ts. */
  readonly camtReversalSign?: CamtReversalSign;
}

/**
 * Parses a bank statement file (camt.052/053/054, MT940, or CSV with a mapping) into
 * normalized statements. Never throws for bad input: every problem is an error value with a
 * stable code. The result carries the SHA-256 of the raw bytes for duplicate-file detection.
 */
export function parseStatementFile(
  bytes: Uint8Array | string,
  options: ParseStatementOptions = {},
): ParseStatementResult {
  const inputBytesMax = options.inputBytesMax ?? INPUT_BYTES_MAX;
  assert(inputBytesMax > 0 && inputBytesMax <= INPUT_BYTES_HARD_MAX, 'inputBytesMax out of range');
  const byteLength = typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.length;
  if (byteLength > inputBytesMax) {
    const message = `file has ${byteLength} bytes; the limit is ${inputBytesMax}`;
    return { ok: false, error: { code: 'too_large', message } };
  }
  const warnings: ParseWarning[] = [];
  const decoded = catchParseFailure(() => decodeStatementBytes(bytes, warnings));
  if (!decoded.ok) return decoded;
  const text = decoded.value;
  if (text.trim() === '')
    return { ok: false, error: { code: 'empty_input', message: 'file is empty' } };
  const format = options.format ?? detectStatementFormat(text, options.csv !== undefined);
  if (format === undefined) {
    const message = 'not camt XML or MT940, and no CSV mapping was given';
    return { ok: false, error: { code: 'unsupported_format', message } };
  }
  const parsed = parseDetected(format, text, options);
  if (!parsed.ok) return parsed;
  const statements = parsed.statements;
  assert(statements.length > 0, 'a successful parse yields at least one statement');
  const first = statements[0] as Statement;
  return {
    ok: true,
    format: first.format,
    statements,
    warnings: [...warnings, ...parsed.warnings, ...historicCurrencyWarnings(statements)],
    contentSha256: sha256Hex(bytes),
  };
}

function parseDetected(
  format: DetectedFormat,
  text: string,
  options: ParseStatementOptions,
): ParseFormatResult {
  if (format === 'camt') {
    return parseCamt(text, { reversalSign: options.camtReversalSign ?? 'booking' });
  }
  if (format === 'mt940') return parseMt940(text);
  if (options.csv === undefined) {
    return { ok: false, error: { code: 'bad_mapping', message: 'CSV needs a column mapping' } };
  }
  return parseCsvStatement(text, options.csv.mapping, options.csv.statement);
}

function historicCurrencyWarnings(statements: readonly Statement[]): ParseWarning[] {
  const codes = new Set<string>();
  for (const statement of statements) {
    if (isHistoricCurrency(statement.account.currency)) codes.add(statement.account.currency);
  }
  return [...codes].map((code) => ({
    code: 'historic_currency',
    message: `${code} is a withdrawn ISO 4217 currency; amounts are kept in ${code}`,
  }));
}
