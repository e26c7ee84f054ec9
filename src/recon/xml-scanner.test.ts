import { describe, expect, it } from 'vitest';
import { XML_DEPTH_MAX } from './limits.js';
import { catchParseFailure } from './parse-result.js';
import { refuseXmlDeclarations } from './xml-doctype.js';
import { decodeXmlEntities } from './xml-entities.js';
import {
  XML_ATTRIBUTES_PER_ELEMENT_MAX,
  XML_NAME_CHARS_MAX,
  XML_TEXT_CHARS_MAX,
} from './xml-limits.js';
import { XmlScanner } from './xml-scanner.js';

// The scanner's contract: the tokens of a well-formed document in order, and for anything
// else a malformed_xml error with the line of the fault; every limit is an error too.

function tokens(text: string): string[] {
  const scanner = new XmlScanner(text);
  const seen: string[] = [];
  for (let token = scanner.next(); token !== 'eof'; token = scanner.next()) {
    if (token === 'text') seen.push(`"${scanner.text}"`);
    else if (token === 'start') seen.push(`<${scanner.name}${scanner.attributes.join(',')}>`);
    else seen.push(`</${scanner.name}>`);
  }
  return seen;
}

function scanError(text: string): { code: string; message: string; line?: number } {
  const outcome = catchParseFailure(() => tokens(text));
  if (outcome.ok) throw new Error(`expected an error for ${text}`);
  return outcome.error;
}

describe('XmlScanner', () => {
  it('reads elements, attributes, trimmed text, CDATA, comments and prefixes', () => {
    const text =
      '<?xml version="1.0"?>\n<!-- head --><c:A xmlns:c="urn:x" Ccy=" EUR ">' +
      ' a <!-- c --> b <B/><![CDATA[ <x> ]]>&lt;&#65;&#x42;&amp;\r\n<?pi data?></c:A>\n';
    expect(tokens(text)).toEqual([
      '<ACcy,EUR>',
      '"a  b"',
      '<B>',
      '</B>',
      '" <x> "',
      '"<AB&"',
      '</A>',
    ]);
  });

  it('refuses what is not well-formed, naming the line', () => {
    const bad = [
      '<A><B></A>',
      '<A>',
      '<A></A><B/>',
      'x<A/>',
      '<A/>x',
      '<A x=1/>',
      '<A x="1" x="2"/>',
      '<A x="<"/>',
      '<A>&nbsp;</A>',
      '<A>a & b</A>',
      '<A>&#0;</A>',
      '<A>]]></A>',
      '<A><!-- a -- b --></A>',
      '<A><?xml version="1.0"?></A>',
      '<1A/>',
      '<A><!FOO></A>',
      '<A><![CDATA[x</A>',
      '',
      '<A',
      '<A x="1',
      '</A>',
    ];
    for (const text of bad) {
      const error = scanError(text);
      expect(error.code, text).toBe('malformed_xml');
      expect(error.message, text).toMatch(/^XML is not well-formed: /);
      expect(error.line, text).toBe(1);
    }
    expect(scanError('<A>\n<B>\n</C>\n</A>').line).toBe(3);
  });

  it('enforces depth, name, text and attribute limits', () => {
    const deep = (levels: number): string => '<A>'.repeat(levels) + '</A>'.repeat(levels);
    expect(tokens(deep(XML_DEPTH_MAX))).toHaveLength(2 * XML_DEPTH_MAX);
    expect(scanError(deep(XML_DEPTH_MAX + 1)).message).toMatch(/deeper than/);
    const name = (length: number): string => `<${'N'.repeat(length)}/>`;
    expect(tokens(name(XML_NAME_CHARS_MAX))).toHaveLength(2);
    expect(scanError(name(XML_NAME_CHARS_MAX + 1)).message).toMatch(/longer than/);
    const text = (length: number): string => `<A>${'t'.repeat(length)}</A>`;
    expect(tokens(text(XML_TEXT_CHARS_MAX))).toHaveLength(3);
    expect(scanError(text(XML_TEXT_CHARS_MAX + 1)).message).toMatch(/longer than/);
    const attributes = (count: number): string =>
      `<A${Array.from({ length: count }, (_, index) => ` a${index}="v"`).join('')}/>`;
    expect(tokens(attributes(XML_ATTRIBUTES_PER_ELEMENT_MAX))).toHaveLength(2);
    expect(scanError(attributes(XML_ATTRIBUTES_PER_ELEMENT_MAX + 1)).message).toMatch(/attributes/);
  });
});

describe('decodeXmlEntities', () => {
  it('decodes the predefined entities and character references only', () => {
    expect(decodeXmlEntities('&lt;&gt;&amp;&apos;&quot;&#252;&#x1F600;')).toBe(`<>&'"ü😀`);
    expect(decodeXmlEntities('&amp;lt;')).toBe('&lt;');
    for (const bad of ['&nbsp;', '&', '&#;', '&#xD800;', '&#1114112;', '&#x;', '&lt']) {
      expect(decodeXmlEntities(bad), bad).toBeUndefined();
    }
  });
});

describe('refuseXmlDeclarations', () => {
  it('refuses DOCTYPE and ENTITY in any case, and nothing else', () => {
    for (const text of ['<!DOCTYPE a>', '<A><!-- <!doctype --></A>', '<!ENTITY x "y">']) {
      const outcome = catchParseFailure(() => refuseXmlDeclarations(text));
      expect(outcome.ok ? undefined : outcome.error.code).toBe('unsafe_xml');
    }
    expect(catchParseFailure(() => refuseXmlDeclarations('<A><!-- x --></A>')).ok).toBe(true);
  });
});
