import { assert } from '../assert.js';
import type { Statement, StatementFormat } from './statement.js';

/** Stable machine-readable codes for a file that cannot be turned into statements. */
export type ParseErrorCode =
  | 'too_large'
  | 'empty_input'
  | 'bad_encoding'
  | 'unsupported_format'
  | 'unsupported_version'
  | 'unsafe_xml'
  | 'malformed_xml'
  | 'malformed_mt940'
  | 'missing_element'
  | 'no_statements'
  | 'bad_value'
  | 'bad_amount'
  | 'bad_date'
  | 'unknown_currency'
  | 'too_many_statements'
  | 'too_many_entries'
  | 'bad_csv'
  | 'bad_mapping';

export interface ParseError {
  readonly code: ParseErrorCode;
  readonly message: string;
  /** 1-based line in the decoded text (MT940, CSV, XML syntax errors). */
  readonly line?: number;
  /** Element path inside a camt document, for example `Stmt[0]/Ntry[3]/Amt`. */
  readonly path?: string;
}

/** Something the parser accepted but a person should know about (inferred currency, etc.). */
export interface ParseWarning {
  readonly code: string;
  readonly message: string;
  readonly line?: number;
  readonly path?: string;
}

export type ParseStatementResult =
  | {
      readonly ok: true;
      readonly format: StatementFormat;
      readonly statements: readonly Statement[];
      readonly warnings: readonly ParseWarning[];
      /** SHA-256 (hex) of the raw bytes, for duplicate-file detection. */
      readonly contentSha256: string;
    }
  | { readonly ok: false; readonly error: ParseError };

/**
 * Thrown only inside a parser and caught by that parser's public entry point, which turns it
 * back into a `ParseError` value. It lets deep helpers stop at the first bad field without
 * threading a Result through every call.
 */
class StatementParseFailure extends Error {
  override name = 'StatementParseFailure';
  constructor(readonly error: ParseError) {
    super(error.message);
  }
}

export interface SourceLocation {
  readonly line?: number;
  readonly path?: string;
}

export function failParse(code: ParseErrorCode, message: string, at: SourceLocation = {}): never {
  assert(message.length > 0, 'a parse error needs a message');
  // Copy only the location keys: callers may pass a richer object that has a line.
  throw new StatementParseFailure({
    code,
    message,
    ...(at.line === undefined ? {} : { line: at.line }),
    ...(at.path === undefined ? {} : { path: at.path }),
  });
}

/** Runs a parser body and converts a StatementParseFailure into an error value. */
export function catchParseFailure<T>(
  body: () => T,
): { ok: true; value: T } | { ok: false; error: ParseError } {
  try {
    return { ok: true, value: body() };
  } catch (caught: unknown) {
    if (caught instanceof StatementParseFailure) return { ok: false, error: caught.error };
    throw caught;
  }
}

/** What each format parser returns before parseStatementFile adds the format and file hash. */
export type ParseFormatResult =
  | {
      readonly ok: true;
      readonly statements: readonly Statement[];
      readonly warnings: readonly ParseWarning[];
    }
  | { readonly ok: false; readonly error: ParseError };
