import { assert } from '../assert.js';
import { camtReadEntry } from './camt-entry.js';
import {
  CAMT_KIND_NAMES,
  camtKindForRoot,
  findCamtNamespace,
  type CamtKind,
} from './camt-message-kind.js';
import { camtReadMessage } from './camt-message.js';
import type { CamtReversalSign } from './camt-sign.js';
import { ENTRIES_PER_STATEMENT_MAX, XML_ENTRIES_PER_CHUNK, XML_HEAD_CHARS_MAX } from './limits.js';
import {
  catchParseFailure,
  failParse,
  type ParseFormatResult,
  type ParseWarning,
} from './parse-result.js';
import type { StatementEntryDraft } from './statement.js';
import { xmlChild, xmlChildren } from './xml-node.js';
import { parseXmlEntryChunk, parseXmlSafely } from './xml-safe-parse.js';

/**
 * Test-only reference: the camt reader that builds a fast-xml-parser tree (skeleton plus
 * entry chunks) before reading it. parse-camt.ts replaced it for speed; the differential
 * tests (camt-stream-parse.test.ts) hold the two to the same statements. Production code
 * never imports this file.
 */
export function parseCamtWithTreeReference(
  text: string,
  reversalSign: CamtReversalSign = 'booking',
): ParseFormatResult {
  const warnings: ParseWarning[] = [];
  const outcome = catchParseFailure(() => {
    const namespace = findCamtNamespace(text.slice(0, XML_HEAD_CHARS_MAX));
    const tree = parseXmlSafely(text);
    const { kind, rootName, root } = resolveTreeRoot(tree.root);
    const items = xmlChildren(root, CAMT_KIND_NAMES[kind].item);
    const readEntries = (_index: number, item: unknown, path: string): StatementEntryDraft[] =>
      readTreeEntries(item, path, reversalSign, tree.entriesRaw);
    const message = { kind, rootName, root, namespace, items, itemCount: items.length };
    return camtReadMessage({ ...message, readEntries }, reversalSign, warnings);
  });
  if (!outcome.ok) return { ok: false, error: outcome.error };
  return { ok: true, statements: outcome.value, warnings };
}

function resolveTreeRoot(tree: Record<string, unknown>): {
  kind: CamtKind;
  rootName: string;
  root: unknown;
} {
  const documentNode = xmlChild(tree, 'Document');
  if (documentNode === undefined) {
    failParse('unsupported_format', 'XML root is not an ISO 20022 Document');
  }
  const rootName = Object.keys(documentNode as object).find((key) => !key.startsWith('@_'));
  const kind = rootName === undefined ? undefined : camtKindForRoot(rootName);
  if (kind === undefined || rootName === undefined) {
    const held = rootName ?? 'nothing';
    failParse('unsupported_format', `Document holds ${held}, not camt.052/053/054`);
  }
  return { kind, rootName, root: xmlChild(documentNode, rootName) };
}

function readTreeEntries(
  node: unknown,
  path: string,
  reversalSign: CamtReversalSign,
  entriesRaw: boolean,
): StatementEntryDraft[] {
  const entryNodes = xmlChildren(node, 'Ntry');
  if (entryNodes.length > ENTRIES_PER_STATEMENT_MAX) {
    failParse(
      'too_many_entries',
      `${path} has ${entryNodes.length} entries; the limit is ${ENTRIES_PER_STATEMENT_MAX}`,
      { path },
    );
  }
  const read = (entry: unknown, index: number): StatementEntryDraft =>
    camtReadEntry(entry, `${path}/Ntry[${index}]`, reversalSign);
  if (!entriesRaw) return entryNodes.map(read);
  const entries: StatementEntryDraft[] = [];
  for (let start = 0; start < entryNodes.length; start += XML_ENTRIES_PER_CHUNK) {
    const chunk = parseXmlEntryChunk(entryNodes.slice(start, start + XML_ENTRIES_PER_CHUNK));
    for (const [offset, entry] of chunk.entries()) entries.push(read(entry, start + offset));
  }
  assert(entries.length === entryNodes.length, 'every raw entry was read');
  return entries;
}
