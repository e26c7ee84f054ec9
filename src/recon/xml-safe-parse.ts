import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { assert } from '../assert.js';
import { XML_DEPTH_MAX, XML_ENTRIES_PER_CHUNK } from './limits.js';
import { failParse } from './parse-result.js';

/**
 * Test-only since the stream parser (parse-camt.ts, xml-scanner.ts) replaced it: the
 * fast-xml-parser tree that camt-reference-parse.ts reads, so the differential tests can hold
 * the stream parser to the tree parser's results. camt never needs a DTD, so any DOCTYPE or
 * ENTITY declaration is refused before parsing: that closes entity-expansion bombs and external
 * entity reads outright instead of relying on expansion limits. The validator runs first
 * because the tree builder is lenient and would accept a truncated or mis-nested file.
 */

const PARSER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Namespace prefixes vary by bank (ns2:, camt:); the namespace URI is checked separately.
  removeNSPrefix: true,
  // Values stay strings: "000123" must not become 123 and "8.85" must never become a float.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Predefined XML entities and numeric character references only; in fast-xml-parser 5 the
  // htmlEntities switch is what enables &#NN; decoding. No DTD can add entities (see above).
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: XML_DEPTH_MAX,
  jPath: false,
} as const;

const fullParser = new XMLParser(PARSER_OPTIONS);
// Leaves every Ntry as raw text so entries can be built a chunk at a time, which keeps the
// tree for a 100,000-entry file from sitting in memory next to the statements built from it.
const skeletonParser = new XMLParser({ ...PARSER_OPTIONS, stopNodes: ['..Ntry'] });

export interface XmlTree {
  readonly root: Record<string, unknown>;
  /** True when Ntry elements are raw text to be passed to parseXmlEntryChunk. */
  readonly entriesRaw: boolean;
}

export function parseXmlSafely(text: string): XmlTree {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    failParse('unsafe_xml', 'XML with a DOCTYPE or ENTITY declaration is refused');
  }
  const validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (validation !== true) {
    const { msg, line } = validation.err;
    failParse('malformed_xml', `XML is not well-formed: ${msg}`, { line });
  }
  // Raw entry text is cut at the first `</Ntry>`; CDATA, comments and processing instructions
  // could hide one, so such files take the slower whole-tree path.
  const entriesRaw = !hasOpaqueSections(text);
  const root = runParser(entriesRaw ? skeletonParser : fullParser, text);
  return { root, entriesRaw };
}

/** Parses raw Ntry contents (from a skeleton tree) into Ntry element nodes, in order. */
export function parseXmlEntryChunk(rawEntries: readonly unknown[]): readonly unknown[] {
  assert(rawEntries.length <= XML_ENTRIES_PER_CHUNK, 'entry chunk within its size');
  const parts = rawEntries.map((raw) => `<Ntry>${rawEntryText(raw)}</Ntry>`);
  const tree = runParser(fullParser, `<Chunk>${parts.join('')}</Chunk>`);
  const chunk = tree['Chunk'];
  const nodes =
    typeof chunk === 'object' && chunk !== null ? (chunk as { Ntry?: unknown }).Ntry : [];
  const entries = Array.isArray(nodes) ? nodes : nodes === undefined ? [] : [nodes];
  if (entries.length !== rawEntries.length) {
    failParse('malformed_xml', 'an Ntry element could not be separated from its neighbours');
  }
  return entries;
}

function rawEntryText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  // A stop node with attributes arrives as an object; its raw content sits in #text.
  const text = (raw as Record<string, unknown> | null)?.['#text'];
  return typeof text === 'string' ? text : '';
}

function hasOpaqueSections(text: string): boolean {
  if (text.includes('<![CDATA[') || text.includes('<!--')) return true;
  const start = text.trimStart().startsWith('<?xml') ? text.indexOf('?>') + 2 : 0;
  return text.indexOf('<?', start) !== -1;
}

function runParser(parser: XMLParser, text: string): Record<string, unknown> {
  let tree: unknown;
  try {
    tree = parser.parse(text);
  } catch (caught: unknown) {
    const reason = caught instanceof Error ? caught.message : String(caught);
    failParse('malformed_xml', `XML could not be parsed: ${reason}`);
  }
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) {
    failParse('malformed_xml', 'XML has no root element');
  }
  return tree as Record<string, unknown>;
}
