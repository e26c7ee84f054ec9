import { assert } from '../assert.js';
import { camtReadEntry } from './camt-entry.js';
import { CAMT_KIND_NAMES, camtKindForRoot, type CamtKind } from './camt-message-kind.js';
import type { CamtReversalSign } from './camt-sign.js';
import {
  ENTRIES_PER_FILE_MAX,
  ENTRIES_PER_STATEMENT_MAX,
  STATEMENTS_PER_FILE_MAX,
} from './limits.js';
import { catchParseFailure, type ParseError } from './parse-result.js';
import type { StatementEntryDraft } from './statement.js';
import { XmlScanner } from './xml-scanner.js';
import { XmlTreeBuilder } from './xml-tree-builder.js';

/**
 * One pass over a camt document. The scanner checks the whole file is well-formed; inside the
 * message root the tree builder keeps the small skeleton the statement readers need (group
 * header, statement headers, balances) while every `Ntry` is turned into an entry draft as
 * soon as it closes and then dropped. Entry errors are kept, not thrown, so the caller can
 * report problems in the same order as reading the statements one after the other would:
 * a malformed file first, then the header, then statement by statement.
 */

/** Levels below the document: Document 1, message root 2, Stmt/Rpt/Ntfctn 3, Ntry 4. */
const ROOT_DEPTH = 2;
const ITEM_DEPTH = 3;
const ENTRY_DEPTH = 4;

export interface CamtScannedItem {
  /** The Stmt / Rpt / Ntfctn element without its Ntry children. */
  readonly node: unknown;
  /** Drafts of the Ntry children, in order, unless entryCount or failure rules them out. */
  readonly entries: readonly StatementEntryDraft[];
  /** Ntry children present, read or not. */
  readonly entryCount: number;
  /** The first entry that could not be read; later entries are not read. */
  readonly failure: ParseError | undefined;
}

export interface CamtScannedDocument {
  /** Local name of the outermost element (Document for ISO 20022). */
  readonly topName: string;
  /** Local name of Document's first child element, the message root. */
  readonly rootName: string | undefined;
  readonly kind: CamtKind | undefined;
  /** The message root without its statement items; undefined unless kind is known. */
  readonly root: unknown;
  readonly items: readonly CamtScannedItem[];
  /** Statement items present; only the first STATEMENTS_PER_FILE_MAX are kept. */
  readonly itemCount: number;
}

interface ItemState {
  entries: StatementEntryDraft[];
  entryCount: number;
  failure: ParseError | undefined;
}

export function camtScanDocument(
  text: string,
  reversalSign: CamtReversalSign,
): CamtScannedDocument {
  const scanner = new XmlScanner(text);
  const builder = new XmlTreeBuilder();
  const items: CamtScannedItem[] = [];
  let topName = '';
  let rootName: string | undefined;
  let kind: CamtKind | undefined;
  let itemName = '';
  let root: unknown;
  let itemCount = 0;
  let item: ItemState | undefined;
  let entriesRead = 0;
  /** While non-zero, everything at this depth or deeper is only checked, not built. */
  let skipDepth = 0;
  for (let token = scanner.next(); token !== 'eof'; token = scanner.next()) {
    const depth = scanner.depth;
    if (token === 'text') {
      if (skipDepth === 0 && builder.openCount > 0 && !builder.appendText(scanner.text)) {
        scanner.fail('an element has too much text');
      }
      continue;
    }
    if (token === 'end') {
      if (skipDepth !== 0) {
        if (depth < skipDepth) skipDepth = 0;
        continue;
      }
      if (builder.openCount === 0) continue;
      const level = depth + 1;
      if (level === ENTRY_DEPTH && item !== undefined && scanner.name === 'Ntry') {
        readEntry(item, builder.closeElement(), `${itemName}[${itemCount - 1}]`);
      } else if (level === ITEM_DEPTH && item !== undefined) {
        items.push({ node: builder.closeElement(), ...item });
        entriesRead += item.entryCount;
        item = undefined;
      } else if (level === ROOT_DEPTH) {
        root = builder.closeElement();
      } else {
        builder.closeIntoParent();
      }
      continue;
    }
    if (skipDepth !== 0) continue;
    if (depth === 1) {
      topName = scanner.name;
    } else if (depth === ROOT_DEPTH) {
      if (rootName !== undefined || topName !== 'Document') {
        skipDepth = depth;
        continue;
      }
      rootName = scanner.name;
      kind = camtKindForRoot(rootName);
      if (kind === undefined) {
        skipDepth = depth;
        continue;
      }
      itemName = CAMT_KIND_NAMES[kind].item;
      builder.openElement(scanner.name, scanner.attributes);
    } else if (builder.openCount === 0) {
      continue;
    } else if (depth === ITEM_DEPTH && scanner.name === itemName) {
      itemCount += 1;
      // Past the statement limit the file is refused; past the entry limit no later
      // statement is read. Either way the rest only needs to be well-formed.
      if (itemCount > STATEMENTS_PER_FILE_MAX || entriesRead > ENTRIES_PER_FILE_MAX) {
        skipDepth = depth;
        continue;
      }
      item = { entries: [], entryCount: 0, failure: undefined };
      builder.openElement(scanner.name, scanner.attributes);
    } else if (depth === ENTRY_DEPTH && item !== undefined && scanner.name === 'Ntry') {
      item.entryCount += 1;
      if (item.entryCount > ENTRIES_PER_STATEMENT_MAX) item.entries = [];
      if (item.entryCount > ENTRIES_PER_STATEMENT_MAX || item.failure !== undefined) {
        skipDepth = depth;
        continue;
      }
      builder.openElement(scanner.name, scanner.attributes);
    } else {
      builder.openElement(scanner.name, scanner.attributes);
    }
  }
  assert(builder.openCount === 0, 'a well-formed file closes every element');
  return { topName, rootName, kind, root, items, itemCount };

  function readEntry(state: ItemState, node: unknown, itemPath: string): void {
    const index = state.entries.length;
    assert(index === state.entryCount - 1, 'entries are read in order, none skipped');
    const outcome = catchParseFailure(() =>
      camtReadEntry(node, `${itemPath}/Ntry[${index}]`, reversalSign),
    );
    if (outcome.ok) state.entries.push(outcome.value);
    else state.failure = outcome.error;
  }
}
