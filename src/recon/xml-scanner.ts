import { assert } from '../assert.js';
import { XML_DEPTH_MAX } from './limits.js';
import { failParse } from './parse-result.js';
import { decodeXmlEntities } from './xml-entities.js';
import {
  XML_ATTRIBUTE_VALUE_CHARS_MAX,
  XML_ATTRIBUTES_PER_ELEMENT_MAX,
  XML_NAME_CHARS_MAX,
  XML_TEXT_CHARS_MAX,
} from './xml-limits.js';
import {
  XML_ASCII_NAME_CLASSES,
  XML_NAME_BODY,
  xmlNameCharsEnd,
  xmlNameStartsWell,
} from './xml-name.js';

// Module-local copies: the scanner runs per character, and an imported binding is read
// through the module record on every access.
const DEPTH_MAX = XML_DEPTH_MAX;
const NAME_CHARS_MAX = XML_NAME_CHARS_MAX;
const TEXT_CHARS_MAX = XML_TEXT_CHARS_MAX;
const ATTRIBUTES_MAX = XML_ATTRIBUTES_PER_ELEMENT_MAX;
const ATTRIBUTE_VALUE_CHARS_MAX = XML_ATTRIBUTE_VALUE_CHARS_MAX;
const nameCharsEnd = xmlNameCharsEnd;
const nameStartsWell = xmlNameStartsWell;
const decodeEntities = decodeXmlEntities;
const NAME_CLASSES = XML_ASCII_NAME_CLASSES;
const NAME_BODY = XML_NAME_BODY;
const NO_ATTRIBUTES: readonly string[] = Object.freeze([]);
/** Names and plain texts up to this length are interned (see XmlScanner.intern). */
const INTERN_CHARS_MAX = 24;
/** Slots of the intern tables; powers of two, indexed by the low bits of a name's hash. */
const NAME_INTERN_SLOTS = 512;
const TEXT_INTERN_SLOTS = 4096;
// readStartTag checks a name in place only up to the intern length; longer ones take readName.
assert(INTERN_CHARS_MAX <= NAME_CHARS_MAX, 'an interned name is within the name limit');

/**
 * A strict pull tokenizer for the XML that statement files use: elements, attributes, text,
 * CDATA, comments and processing instructions, the predefined entities and numeric character
 * references. It walks the text once and checks well-formedness as it goes (tags nest and
 * match, one root, quoted and unique attributes, no stray markup), so a truncated or
 * mis-nested file fails with `malformed_xml` and the line of the fault. DOCTYPE is not part
 * of the subset: callers refuse it before scanning (xml-doctype.ts).
 *
 * Text follows the conventions the camt readers were written against: each run of text is
 * trimmed and then decoded, runs separated only by comments or processing instructions count
 * as one run, CDATA is kept verbatim, and line ends become `\n`.
 */

export type XmlToken = 'start' | 'end' | 'text' | 'eof';

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const AMPERSAND = 0x26;
const CLOSE_BRACKET = 0x5d;
const CARRIAGE_RETURN = 0x0d;
const COLON = 0x3a;

/** True when the character at `at` cannot continue a name (end tag `</Amt>` vs `</AmtX>`). */
function endsName(source: string, at: number): boolean {
  const code = source.charCodeAt(at);
  return code === GREATER_THAN || isSpace(code);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/** The name without its namespace prefix: banks write `ns2:Ntry` or `camt:Ntry` alike. */
export function xmlLocalName(rawName: string): string {
  const colon = rawName.indexOf(':');
  return colon === -1 ? rawName : rawName.slice(colon + 1);
}

export class XmlScanner {
  /** Local name of the element of the last 'start' or 'end' token. */
  name = '';
  /** Attributes of the last 'start' token as name, value, name, value…; xmlns ones dropped. */
  attributes: readonly string[] = NO_ATTRIBUTES;
  /** Content of the last 'text' token. */
  text = '';
  /** Position of the `<` of the last 'start' token's tag (see rewind). */
  startTagPosition = 0;
  private readonly source: string;
  private position = 0;
  private readonly openNames: string[] = [];
  /** Local names of the open elements, beside openNames so end tags need no slicing. */
  private readonly openLocalNames: string[] = [];
  private attributeRawNames: string[] = [];
  /** Text run waiting to be emitted, once it spans more than one run (comments between). */
  private pendingText = '';
  /** The usual single pending run, kept as positions until it is emitted; -1 when none. */
  private pendingFrom = -1;
  private pendingTo = -1;
  /**
   * Recently seen short names and texts. Statement files repeat the same few element names
   * and many equal values (currency, codes, dates); handing out one string for equal text
   * saves an allocation per token, and less for the garbage collector to move as entries pile
   * up. A slot holds the last string that hashed to it; a collision only costs a fresh slice.
   */
  private readonly nameTable: string[] = new Array<string>(NAME_INTERN_SLOTS).fill('');
  private readonly textTable: string[] = new Array<string>(TEXT_INTERN_SLOTS).fill('');
  private selfClosingPending = false;
  private rootSeen = false;

  constructor(source: string) {
    this.source = source;
  }

  /** Open elements, the current one included: 1 inside the root element. */
  get depth(): number {
    return this.openNames.length;
  }

  next(): XmlToken {
    if (this.selfClosingPending) {
      this.selfClosingPending = false;
      return this.closeElement();
    }
    const source = this.source;
    // Every pass consumes at least one character or returns, so the file length bounds it.
    for (let passes = 0; passes <= source.length; passes++) {
      const at = this.position;
      if (at >= source.length) return this.finish();
      if (source.charCodeAt(at) !== LESS_THAN) {
        this.appendText(at);
        continue;
      }
      const marker = source.charCodeAt(at + 1);
      if (marker === QUESTION) {
        this.skipProcessingInstruction(at);
        continue;
      }
      if (marker === BANG && source.startsWith('<!--', at)) {
        this.skipComment(at);
        continue;
      }
      if (this.hasPendingText() && this.flushText()) return 'text';
      if (marker === SLASH) return this.readEndTag(at);
      if (marker === BANG) return this.readCdata(at);
      return this.readStartTag(at);
    }
    return this.fail('the scanner made no progress', this.position);
  }

  /**
   * Goes back to the start tag at `position`, read earlier with `depth` elements open before
   * it, so that element and everything in it is read again. Only a position taken from
   * startTagPosition while those elements stayed open is valid.
   */
  rewind(position: number, depth: number): void {
    assert(depth >= 1 && depth <= this.openNames.length, 'rewind stays inside open elements');
    assert(this.source.charCodeAt(position) === LESS_THAN, 'rewind lands on a tag');
    this.openNames.length = depth;
    this.openLocalNames.length = depth;
    this.pendingText = '';
    this.pendingFrom = -1;
    this.selfClosingPending = false;
    this.position = position;
  }

  /** 1-based line of a character position, counted only when an error needs it. */
  lineAt(position: number): number {
    let line = 1;
    let newline = this.source.indexOf('\n');
    while (newline !== -1 && newline < position) {
      line += 1;
      newline = this.source.indexOf('\n', newline + 1);
    }
    return line;
  }

  fail(message: string, position = this.position): never {
    const line = this.lineAt(position);
    return failParse('malformed_xml', `XML is not well-formed: ${message}`, { line });
  }

  private finish(): XmlToken {
    if (this.hasPendingText() && this.flushText()) return 'text';
    const open = this.openNames[this.openNames.length - 1];
    if (open !== undefined) this.fail(`the file ends inside <${open}>`, this.source.length);
    if (!this.rootSeen) this.fail('there is no root element', this.source.length);
    return 'eof';
  }

  private hasPendingText(): boolean {
    return this.pendingFrom !== -1 || this.pendingText !== '';
  }

  private appendText(at: number): void {
    const next = this.source.indexOf('<', at);
    const end = next === -1 ? this.source.length : next;
    const pendingLength =
      this.pendingFrom === -1 ? this.pendingText.length : this.pendingTo - this.pendingFrom;
    if (pendingLength + (end - at) > TEXT_CHARS_MAX) {
      this.fail(`a text is longer than ${TEXT_CHARS_MAX} characters`, at);
    }
    if (this.pendingFrom === -1 && this.pendingText === '') {
      this.pendingFrom = at;
      this.pendingTo = end;
    } else {
      this.materializePendingText();
      this.pendingText += this.source.slice(at, end);
    }
    this.position = end;
  }

  private materializePendingText(): void {
    if (this.pendingFrom === -1) return;
    this.pendingText = this.source.slice(this.pendingFrom, this.pendingTo);
    this.pendingFrom = -1;
  }

  /** Emits the pending text run; returns false when it was only white space. */
  private flushText(): boolean {
    if (this.pendingFrom !== -1 && this.flushPlainText()) return true;
    this.materializePendingText();
    const raw = this.pendingText.trim();
    this.pendingText = '';
    if (raw === '') return false;
    if (this.openNames.length === 0) this.fail('text outside the root element', this.position);
    if (raw.includes(']]>')) this.fail("']]>' in text", this.position);
    const normalized = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
    const decoded = decodeEntities(normalized);
    if (decoded === undefined) {
      this.fail('an entity or character reference is unknown or malformed', this.position);
    }
    this.text = decoded;
    return true;
  }

  /**
   * The common text run: short, one piece, nothing to trim, decode or normalize. It is
   * emitted from its positions, interned; anything else returns false and takes the general
   * path in flushText, which gives the same text.
   */
  private flushPlainText(): boolean {
    const source = this.source;
    const from = this.pendingFrom;
    const to = this.pendingTo;
    if (to - from > INTERN_CHARS_MAX) return false;
    // Printable ASCII at both ends: String.prototype.trim would remove nothing.
    const first = source.charCodeAt(from);
    const last = source.charCodeAt(to - 1);
    if (!(first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f)) return false;
    let hash = to - from;
    for (let at = from; at < to; at++) {
      const code = source.charCodeAt(at);
      if (code === AMPERSAND || code === CLOSE_BRACKET || code === CARRIAGE_RETURN) return false;
      hash = (Math.imul(hash, 31) + code) | 0;
    }
    this.pendingFrom = -1;
    if (this.openNames.length === 0) this.fail('text outside the root element', this.position);
    this.text = this.intern(this.textTable, hash, from, to);
    return true;
  }

  /** The text from `from` to `to` as the string last seen for it, or a fresh slice. */
  private intern(table: string[], hash: number, from: number, to: number): string {
    const slot = hash & (table.length - 1);
    const cached = table[slot] as string;
    if (cached.length === to - from && this.source.startsWith(cached, from)) return cached;
    const fresh = this.source.slice(from, to);
    table[slot] = fresh;
    return fresh;
  }

  /** A name from `from` to `to`, interned when short. */
  private internName(from: number, to: number): string {
    if (to - from > INTERN_CHARS_MAX) return this.source.slice(from, to);
    const source = this.source;
    let hash = to - from;
    for (let at = from; at < to; at++) hash = (Math.imul(hash, 31) + source.charCodeAt(at)) | 0;
    return this.intern(this.nameTable, hash, from, to);
  }

  /** Position of the first colon in a name, or -1. */
  private colonIn(from: number, to: number): number {
    const source = this.source;
    for (let at = from; at < to; at++) if (source.charCodeAt(at) === COLON) return at;
    return -1;
  }

  private readStartTag(at: number): XmlToken {
    const source = this.source;
    const from = at + 1;
    // One pass over the name: where it ends, its first colon, and the intern hashes of the
    // whole name and of the part after the colon. readName words any fault.
    let nameEnd = from;
    let colon = -1;
    let hash = 0;
    let localHash = 0;
    for (; nameEnd < source.length; nameEnd++) {
      const code = source.charCodeAt(nameEnd);
      if (code < 128 && ((NAME_CLASSES[code] as number) & NAME_BODY) === 0) break;
      hash = (Math.imul(hash, 31) + code) | 0;
      if (code === COLON && colon === -1) {
        colon = nameEnd;
        localHash = 0;
      } else {
        localHash = (Math.imul(localHash, 31) + code) | 0;
      }
    }
    const after = source.charCodeAt(nameEnd);
    const plain =
      nameEnd > from &&
      nameEnd - from <= INTERN_CHARS_MAX &&
      nameStartsWell(source.charCodeAt(from)) &&
      (after === GREATER_THAN || after === SLASH || isSpace(after));
    if (!plain) return this.readStartTagSlowly(at);
    const rawName = this.intern(this.nameTable, hash, from, nameEnd);
    const localName =
      colon === -1 ? rawName : this.intern(this.nameTable, localHash, colon + 1, nameEnd);
    return this.openStartTag(at, rawName, localName, nameEnd);
  }

  /** readStartTag for long names and for names readName refuses. */
  private readStartTagSlowly(at: number): XmlToken {
    const nameEnd = this.readName(at + 1, 'element');
    const rawName = this.internName(at + 1, nameEnd);
    const colon = this.colonIn(at + 1, nameEnd);
    const localName = colon === -1 ? rawName : this.internName(colon + 1, nameEnd);
    return this.openStartTag(at, rawName, localName, nameEnd);
  }

  private openStartTag(at: number, rawName: string, localName: string, nameEnd: number): XmlToken {
    if (this.rootSeen && this.openNames.length === 0) {
      this.fail(`<${rawName}> after the root element`, at);
    }
    const tagEnd = this.readAttributes(nameEnd);
    this.openNames.push(rawName);
    this.openLocalNames.push(localName);
    if (this.openNames.length > DEPTH_MAX) {
      this.fail(`elements nest deeper than ${DEPTH_MAX} levels`, at);
    }
    this.rootSeen = true;
    this.name = localName;
    this.startTagPosition = at;
    this.position = tagEnd;
    return 'start';
  }

  /** Reads attributes up to `>` or `/>`; returns the position after the tag. */
  private readAttributes(from: number): number {
    const source = this.source;
    this.attributes = NO_ATTRIBUTES;
    let at = from;
    for (let count = 0; count <= ATTRIBUTES_MAX; count++) {
      const spaced = at;
      while (isSpace(source.charCodeAt(at))) at++;
      const code = source.charCodeAt(at);
      if (code === GREATER_THAN) return at + 1;
      if (code === SLASH && source.charCodeAt(at + 1) === GREATER_THAN) {
        this.selfClosingPending = true;
        return at + 2;
      }
      if (at >= source.length) this.fail('the file ends inside a tag', at);
      if (at === spaced) this.fail('attributes must be separated by white space', at);
      at = this.readAttribute(at);
    }
    return this.fail(`more than ${ATTRIBUTES_MAX} attributes`, at);
  }

  private readAttribute(at: number): number {
    const source = this.source;
    const nameEnd = this.readName(at, 'attribute');
    const rawName = source.slice(at, nameEnd);
    let cursor = nameEnd;
    while (isSpace(source.charCodeAt(cursor))) cursor++;
    if (source.charCodeAt(cursor) !== EQUALS) this.fail(`attribute ${rawName} has no value`, at);
    cursor++;
    while (isSpace(source.charCodeAt(cursor))) cursor++;
    const quote = source.charCodeAt(cursor);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) {
      this.fail(`the value of attribute ${rawName} is not quoted`, cursor);
    }
    const valueEnd = source.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", cursor + 1);
    if (valueEnd === -1) this.fail('the file ends inside an attribute value', cursor);
    if (valueEnd - cursor > ATTRIBUTE_VALUE_CHARS_MAX) {
      this.fail(`attribute ${rawName} is longer than ${ATTRIBUTE_VALUE_CHARS_MAX}`, cursor);
    }
    const raw = source.slice(cursor + 1, valueEnd);
    if (raw.includes('<')) this.fail(`'<' in the value of attribute ${rawName}`, cursor);
    const value = decodeEntities(raw);
    if (value === undefined) this.fail(`attribute ${rawName} has a malformed reference`, cursor);
    if (this.attributes === NO_ATTRIBUTES) {
      this.attributes = [];
      this.attributeRawNames = [];
    }
    if (this.attributeRawNames.includes(rawName)) this.fail(`attribute ${rawName} repeats`, at);
    this.attributeRawNames.push(rawName);
    // Namespace declarations are checked by the camt reader on the raw head, not here.
    if (rawName !== 'xmlns' && !rawName.startsWith('xmlns:')) {
      (this.attributes as string[]).push(xmlLocalName(rawName), value.trim());
    }
    return valueEnd + 1;
  }

  private readName(from: number, what: 'element' | 'attribute'): number {
    const end = nameCharsEnd(this.source, from);
    if (end === from || !nameStartsWell(this.source.charCodeAt(from))) {
      this.fail(`an ${what} name is missing or starts with a character it may not`, from);
    }
    if (end - from > NAME_CHARS_MAX) {
      this.fail(`an ${what} name is longer than ${NAME_CHARS_MAX} characters`, from);
    }
    const after = this.source.charCodeAt(end);
    const fits = isSpace(after) || after === GREATER_THAN || after === SLASH || after === EQUALS;
    if (!fits && end < this.source.length) {
      this.fail(`an ${what} name contains a character it may not`, end);
    }
    return end;
  }

  private readEndTag(at: number): XmlToken {
    const source = this.source;
    const open = this.openNames[this.openNames.length - 1];
    const nameEnd = at + 2 + (open === undefined ? 0 : open.length);
    // The common case compares in place; only a mismatch reads the name for the message.
    if (open === undefined || !source.startsWith(open, at + 2) || !endsName(source, nameEnd)) {
      const rawName = source.slice(at + 2, this.readName(at + 2, 'element'));
      const expected = open === undefined ? 'nothing open' : `</${open}>`;
      return this.fail(`</${rawName}> where ${expected} was expected`, at);
    }
    let cursor = nameEnd;
    while (isSpace(source.charCodeAt(cursor))) cursor++;
    if (source.charCodeAt(cursor) !== GREATER_THAN) this.fail(`</${open} is not closed`, at);
    this.position = cursor + 1;
    this.name = this.openLocalNames[this.openLocalNames.length - 1] as string;
    return this.closeElement();
  }

  private closeElement(): XmlToken {
    const closed = this.openNames.pop();
    this.openLocalNames.pop();
    assert(closed !== undefined, 'an element closes only while one is open');
    return 'end';
  }

  private readCdata(at: number): XmlToken {
    if (!this.source.startsWith('<![CDATA[', at)) {
      this.fail("'<!' that starts neither a comment nor a CDATA section", at);
    }
    if (this.openNames.length === 0) this.fail('CDATA outside the root element', at);
    const end = this.source.indexOf(']]>', at + 9);
    if (end === -1) this.fail('the file ends inside a CDATA section', at);
    if (end - at > TEXT_CHARS_MAX) this.fail('a CDATA section is too long', at);
    const raw = this.source.slice(at + 9, end);
    this.text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
    this.position = end + 3;
    return 'text';
  }

  private skipComment(at: number): void {
    const end = this.source.indexOf('-->', at + 4);
    if (end === -1) this.fail('the file ends inside a comment', at);
    if (this.source.indexOf('--', at + 4) < end) this.fail("'--' inside a comment", at);
    this.position = end + 3;
  }

  private skipProcessingInstruction(at: number): void {
    const targetEnd = nameCharsEnd(this.source, at + 2);
    const target = this.source.slice(at + 2, targetEnd);
    if (target === '') this.fail('a processing instruction has no target', at);
    if (target.toLowerCase() === 'xml' && at !== 0) {
      this.fail('the XML declaration is allowed only at the start of the file', at);
    }
    const end = this.source.indexOf('?>', targetEnd);
    if (end === -1) this.fail('the file ends inside a processing instruction', at);
    if (target === 'xml' && !XML_DECLARATION.test(this.source.slice(targetEnd, end)))
      this.fail('the XML declaration is malformed', at);
    this.position = end + 2;
  }
}

/**
 * What may follow `<?xml` (XML 1.0 §2.8): a version, then optionally an encoding and a
 * standalone flag, each `name="value"` or with single quotes.
 */
const XML_DECLARATION =
  /^\s+version\s*=\s*(?:"1\.\d+"|'1\.\d+')(?:\s+encoding\s*=\s*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:\s+standalone\s*=\s*(?:"(?:yes|no)"|'(?:yes|no)'))?\s*$/;
