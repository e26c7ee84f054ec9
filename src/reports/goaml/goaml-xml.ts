import { XMLBuilder } from 'fast-xml-parser';
import type { XmlTree } from './goaml-input.js';

/**
 * Drops what XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, line feed
 * and carriage return, U+FFFE and U+FFFF, and unpaired surrogates.
 */
export function xmlSafeText(text: string): string {
  let kept = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    if (control || surrogate || code === 0xfffe || code === 0xffff) continue;
    kept += character;
  }
  return kept;
}

function cleanTree(value: unknown): unknown {
  if (typeof value === 'string') return xmlSafeText(value);
  if (Array.isArray(value)) return value.map(cleanTree);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanTree(item)]));
  return value;
}

const builder = new XMLBuilder({
  format: true,
  indentBy: '  ',
  processEntities: true,
  suppressEmptyNode: false,
  ignoreAttributes: true,
});

/** The report as a UTF-8 XML document; text is escaped, forbidden characters dropped. */
export function renderGoamlXml(report: XmlTree): string {
  const body = builder.build({ report: cleanTree(report) }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.trimEnd()}\n`;
}
