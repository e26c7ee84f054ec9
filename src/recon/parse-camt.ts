import { assert } from '../assert.js';
import { findCamtNamespace } from './camt-message-kind.js';
import { camtReadMessage } from './camt-message.js';
import type { CamtReversalSign } from './camt-sign.js';
import { camtScanDocument, type CamtScannedItem } from './camt-stream-reader.js';
import { ENTRIES_PER_STATEMENT_MAX, XML_HEAD_CHARS_MAX } from './limits.js';
import {
  catchParseFailure,
  failParse,
  type ParseFormatResult,
  type ParseWarning,
} from './parse-result.js';
import type { Statement, StatementEntryDraft } from './statement.js';
import { refuseXmlDeclarations } from './xml-doctype.js';

export interface CamtParseOptions {
  /** How RvslInd affects the sign; 'booking' (ISO 20022) unless the bank needs 'flip'. */
  readonly reversalSign?: CamtReversalSign;
}

/**
 * Parses camt.053 / camt.052 / camt.054 (versions 001.02 to 001.08) from decoded text, in
 * one pass over the document (camt-stream-reader.ts) with no tree of the whole file.
 */
export function parseCamt(text: string, options: CamtParseOptions = {}): ParseFormatResult {
  const warnings: ParseWarning[] = [];
  const outcome = catchParseFailure(() => parseCamtOrFail(text, options, warnings));
  if (!outcome.ok) return { ok: false, error: outcome.error };
  return { ok: true, statements: outcome.value, warnings };
}

function parseCamtOrFail(
  text: string,
  options: CamtParseOptions,
  warnings: ParseWarning[],
): Statement[] {
  refuseXmlDeclarations(text);
  const namespace = findCamtNamespace(text.slice(0, XML_HEAD_CHARS_MAX));
  const reversalSign = options.reversalSign ?? 'booking';
  const scanned = camtScanDocument(text, reversalSign);
  if (scanned.topName !== 'Document') {
    failParse('unsupported_format', 'XML root is not an ISO 20022 Document');
  }
  const { kind, rootName } = scanned;
  if (kind === undefined || rootName === undefined) {
    const held = rootName ?? 'nothing';
    failParse('unsupported_format', `Document holds ${held}, not camt.052/053/054`);
  }
  const items = scanned.items;
  return camtReadMessage(
    {
      kind,
      rootName,
      root: scanned.root,
      namespace,
      items: items.map((item) => item.node),
      itemCount: scanned.itemCount,
      readEntries: (index, _node, path) => camtScannedEntries(items[index], path),
    },
    reversalSign,
    warnings,
  );
}

/** The entries built while scanning, or the error reading them would have raised. */
function camtScannedEntries(
  item: CamtScannedItem | undefined,
  path: string,
): StatementEntryDraft[] {
  assert(item !== undefined, 'entries are asked for a kept item');
  if (item.entryCount > ENTRIES_PER_STATEMENT_MAX) {
    failParse(
      'too_many_entries',
      `${path} has ${item.entryCount} entries; the limit is ${ENTRIES_PER_STATEMENT_MAX}`,
      { path },
    );
  }
  if (item.failure !== undefined) {
    const { code, message, ...location } = item.failure;
    failParse(code, message, location);
  }
  assert(item.entries.length === item.entryCount, 'every entry of the item was read');
  return [...item.entries];
}
