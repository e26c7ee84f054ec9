import { assert } from '../assert.js';
import { XML_DEPTH_MAX } from './limits.js';

/**
 * Bounds the XML scanner (xml-scanner.ts) enforces on every token, so one hostile element
 * cannot make a single string or list grow without limit. The statement-level limits (depth,
 * entries, statements) live in limits.ts; these are the scanner's own.
 */

/** Characters of one element or attribute name, prefix included (camt names are < 40). */
export const XML_NAME_CHARS_MAX = 256;
/**
 * Characters of the text of one element, all its runs together. The longest camt text type
 * is Max500Text; a hundred thousand characters leaves room for odd exports and still bounds
 * what one element can hold.
 */
export const XML_TEXT_CHARS_MAX = 100_000;
/** Attributes on one element (camt uses Ccy, plus namespace declarations on the root). */
export const XML_ATTRIBUTES_PER_ELEMENT_MAX = 32;
/** Characters of one attribute value (namespace URIs, currency codes). */
export const XML_ATTRIBUTE_VALUE_CHARS_MAX = 4096;

assert(XML_NAME_CHARS_MAX >= 64, 'names hold a prefix and a camt element name');
assert(XML_TEXT_CHARS_MAX >= 500, 'text holds a camt Max500Text');
assert(XML_DEPTH_MAX * XML_NAME_CHARS_MAX <= 1_000_000, 'the open-element stack stays small');
