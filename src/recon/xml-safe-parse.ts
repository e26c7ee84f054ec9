import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { assert } from '../assert.js';
import { XML_DEPTH_MAX } from './limits.js';
import { failParse } from './parse-result.js';

/**
 * The only place XML text becomes a tree. camt never needs a DTD, so any DOCTYPE or ENTITY
 * declaration is refused before parsing: that closes entity-expansion bombs and external
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

const parser = new XMLParser(PARSER_OPTIONS);

export function parseXmlSafely(text: string): Record<string, unknown> {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    failParse('unsafe_xml', 'XML with a DOCTYPE or ENTITY declaration is refused');
  }
  const validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (validation !== true) {
    const { msg, line } = validation.err;
    failParse('malformed_xml', `XML is not well-formed: ${msg}`, { line });
  }
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
  assert(typeof tree === 'object', 'tree is an object');
  return tree as Record<string, unknown>;
}
