import { failParse } from './parse-result.js';

/**
 * camt never needs a DTD, so any DOCTYPE or ENTITY declaration anywhere in the file is
 * refused before scanning. That closes entity-expansion bombs and external entity reads
 * outright instead of relying on expansion limits; the scanner then knows only the five
 * predefined entities and character references.
 */
export function refuseXmlDeclarations(text: string): void {
  // Looks at every `<!`; comments and CDATA are checked too, as the old rule did.
  let at = text.indexOf('<!');
  while (at !== -1) {
    const word = text.slice(at + 2, at + 9).toUpperCase();
    if (word === 'DOCTYPE' || word.startsWith('ENTITY')) {
      failParse('unsafe_xml', 'XML with a DOCTYPE or ENTITY declaration is refused');
    }
    at = text.indexOf('<!', at + 2);
  }
}
