import { assert } from '../assert.js';
import { CamtEntryDirectReader } from './camt-entry-direct.js';
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
// Module-local copies: they are read per element, and an imported binding is read through
// the module record on every access.
const ENTRIES_PER_ITEM_MAX = ENTRIES_PER_STATEMENT_MAX;
const ITEMS_MAX = STATEMENTS_PER_FILE_MAX;
const ENTRIES_MAX = ENTRIES_PER_FILE_MAX;

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
  const reader = new CamtStreamReader(new XmlScanner(text), reversalSign);
  return reader.read();
}

class CamtStreamReader {
  private readonly builder = new XmlTreeBuilder();
  private readonly items: CamtScannedItem[] = [];
  private topName = '';
  private rootName: string | undefined;
  private kind: CamtKind | undefined;
  private itemName = '';
  private root: unknown;
  private itemCount = 0;
  private item: ItemState | undefined;
  private entriesRead = 0;
  /** While non-zero, elements at this depth or deeper are only checked, not built. */
  private skipDepth = 0;
  /** Reads the common Ntry shapes straight from tokens (camt-entry-direct.ts). */
  private readonly direct: CamtEntryDirectReader;
  private directReading = false;
  /** The Ntry being read again with the tree readers after the direct reader handed it over. */
  private rereading = false;
  private entryStartPosition = 0;

  constructor(
    private readonly scanner: XmlScanner,
    private readonly reversalSign: CamtReversalSign,
  ) {
    this.direct = new CamtEntryDirectReader(reversalSign);
  }

  read(): CamtScannedDocument {
    const scanner = this.scanner;
    for (let token = scanner.next(); token !== 'eof'; token = scanner.next()) {
      if (token === 'start') this.onStart(scanner.depth);
      else if (token === 'end') this.onEnd(scanner.depth);
      else this.onText();
    }
    assert(this.builder.openCount === 0, 'a well-formed file closes every element');
    const { topName, rootName, kind, root, items, itemCount } = this;
    return { topName, rootName, kind, root, items, itemCount };
  }

  private onText(): void {
    if (this.directReading) {
      if (this.direct.text(this.scanner.text) === 'handover') this.handOver();
      return;
    }
    if (this.skipDepth !== 0 || this.builder.openCount === 0) return;
    if (!this.builder.appendText(this.scanner.text)) {
      this.scanner.fail('an element has too much text');
    }
  }

  private onStart(depth: number): void {
    if (this.directReading) {
      const outcome = this.direct.start(this.scanner.name, this.scanner.attributes);
      if (outcome === 'handover') this.handOver();
      return;
    }
    if (this.skipDepth !== 0) return;
    const name = this.scanner.name;
    if (depth === 1) {
      this.topName = name;
    } else if (depth === ROOT_DEPTH) {
      this.openRoot(name);
    } else if (this.builder.openCount === 0) {
      return;
    } else if (depth === ITEM_DEPTH && name === this.itemName) {
      this.openItem();
    } else if (depth === ENTRY_DEPTH && this.item !== undefined && name === 'Ntry') {
      this.openEntry(this.item);
    } else {
      this.builder.openElement(name, this.scanner.attributes);
    }
  }

  private openRoot(name: string): void {
    if (this.rootName !== undefined || this.topName !== 'Document') {
      this.skipDepth = ROOT_DEPTH;
      return;
    }
    this.rootName = name;
    this.kind = camtKindForRoot(name);
    if (this.kind === undefined) {
      this.skipDepth = ROOT_DEPTH;
      return;
    }
    this.itemName = CAMT_KIND_NAMES[this.kind].item;
    this.builder.openElement(name, this.scanner.attributes);
  }

  private openItem(): void {
    this.itemCount += 1;
    // Past the statement limit the file is refused; past the entry limit no later statement
    // is read. Either way the rest only needs to be well-formed.
    if (this.itemCount > ITEMS_MAX || this.entriesRead > ENTRIES_MAX) {
      this.skipDepth = ITEM_DEPTH;
      return;
    }
    this.item = { entries: [], entryCount: 0, failure: undefined };
    this.builder.openElement(this.scanner.name, this.scanner.attributes);
  }

  private openEntry(item: ItemState): void {
    item.entryCount += 1;
    if (item.entryCount > ENTRIES_PER_ITEM_MAX) item.entries = [];
    if (item.entryCount > ENTRIES_PER_ITEM_MAX || item.failure !== undefined) {
      this.skipDepth = ENTRY_DEPTH;
      return;
    }
    if (!this.rereading) {
      this.directReading = true;
      this.entryStartPosition = this.scanner.startTagPosition;
      this.direct.begin();
      return;
    }
    this.builder.openElement(this.scanner.name, this.scanner.attributes);
  }

  /** Reads the current Ntry again from its start tag, this time with the tree readers. */
  private handOver(): void {
    const item = this.item;
    assert(this.directReading && item !== undefined, 'only a directly read entry is handed over');
    this.directReading = false;
    this.rereading = true;
    item.entryCount -= 1;
    this.scanner.rewind(this.entryStartPosition, ITEM_DEPTH);
  }

  private onEnd(depth: number): void {
    if (this.directReading) {
      if (depth + 1 > ENTRY_DEPTH) {
        this.direct.end();
        return;
      }
      const entry = this.direct.finish();
      const item = this.item;
      assert(item !== undefined, 'a directly read entry belongs to a statement');
      if (entry === undefined) {
        this.handOver();
        return;
      }
      assert(item.entries.length === item.entryCount - 1, 'entries are read in order');
      item.entries.push(entry);
      this.directReading = false;
      return;
    }
    if (this.skipDepth !== 0) {
      if (depth < this.skipDepth) this.skipDepth = 0;
      return;
    }
    if (this.builder.openCount === 0) return;
    const level = depth + 1;
    const item = this.item;
    if (level === ENTRY_DEPTH && item !== undefined && this.scanner.name === 'Ntry') {
      this.readEntry(item, this.builder.closeElement());
    } else if (level === ITEM_DEPTH && item !== undefined) {
      this.items.push({ node: this.builder.closeElement(), ...item });
      this.entriesRead += item.entryCount;
      this.item = undefined;
    } else if (level === ROOT_DEPTH) {
      this.root = this.builder.closeElement();
    } else {
      this.builder.closeIntoParent();
    }
  }

  private readEntry(item: ItemState, node: unknown): void {
    const index = item.entries.length;
    assert(index === item.entryCount - 1, 'entries are read in order, none skipped');
    const path = `${this.itemName}[${this.itemCount - 1}]/Ntry[${index}]`;
    this.rereading = false;
    const outcome = catchParseFailure(() => camtReadEntry(node, path, this.reversalSign));
    if (outcome.ok) item.entries.push(outcome.value);
    else item.failure = outcome.error;
  }
}
