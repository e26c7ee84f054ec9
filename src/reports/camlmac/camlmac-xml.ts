import { XMLBuilder } from 'fast-xml-parser';
import type { XmlTree } from '../goaml/goaml-input.js';
import { xmlSafeText } from '../goaml/goaml-xml.js';

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

/** A CAMLMAC message as a UTF-8 XML document under its root (HVTR or BSTR). */
export function renderCamlmacXml(root: 'HVTR' | 'BSTR', tree: XmlTree): string {
  const body = builder.build({ [root]: cleanTree(tree) }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.trimEnd()}\n`;
}
