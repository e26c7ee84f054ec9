import { XMLParser } from 'fast-xml-parser';

/**
 * The structure a CAMLMAC-style message must have, from the field list Custos follows
 * (src/reports/REPORTS.md): each element's children in order, and formats of leaf values.
 * No official XSD was available; this check stands in for one.
 */
const CHILDREN: Record<string, readonly string[]> = {
  HVTR: ['RBIF', 'CATIs'],
  'HVTR.RBIF': ['RICD', 'MSTP', 'RPID', 'RPDT', 'CTTN'],
  CATI: ['CTNM', 'CITP', 'CTID', 'CTNT', 'CTVC', 'CCTL', 'HTDT', 'HTCRs', 'TSDTs'],
  HTCR: ['CRCD', 'TTNM'],
  TSDT: ['RINI', 'ATIF', 'TBIF', 'TSIF', 'TCIF'],
  BSTR: ['RBIF', 'SEIFs', 'STIFs'],
  'BSTR.RBIF': [
    'RICD',
    'MSTP',
    'RPID',
    'RPDT',
    'DETR',
    'TPTR',
    'STCB',
    'AOSP',
    'TOSC',
    'STCRs',
    'SETN',
    'STTN',
  ],
  SEIF: ['CTNM', 'CITP', 'CTID', 'CTNT', 'CTVC', 'CCTL'],
  STIF: ['RINI', 'ATIF', 'TBIF', 'TSIF', 'TCIF'],
  RINI: ['FINC', 'FINN'],
  ATIF: ['CTAC'],
  TBIF: ['TBNM'],
  TSIF: ['TSTM', 'TRCD', 'TICD', 'TSTP', 'TSDR', 'CRSP', 'CRTP', 'CRAT'],
  TCIF: ['TCNM', 'TCIT', 'TCID', 'TCAC'],
  CTRL: ['CTNM', 'CTNT', 'OWPC'],
};
/** Containers whose children repeat: at least one each. */
const LISTS: Record<string, string> = {
  CATIs: 'CATI',
  HTCRs: 'HTCR',
  TSDTs: 'TSDT',
  SEIFs: 'SEIF',
  STIFs: 'STIF',
  STCRs: 'STCR',
  CTRLs: 'CTRL',
};
const FORMATS: Record<string, RegExp> = {
  MSTP: /^[NACDRI]B[HS]$/,
  RPDT: /^\d{8}$/,
  HTDT: /^\d{8}$/,
  TSTM: /^\d{14}$/,
  TSDR: /^0[12]$/,
  CRTP: /^[A-Z]{3}$/,
  CRAT: /^\d{1,18}(\.\d{1,6})?$/,
  CTTN: /^[1-9]\d*$/,
  TTNM: /^[1-9]\d*$/,
  SETN: /^[1-9]\d*$/,
  STTN: /^[1-9]\d*$/,
  OWPC: /^\d{1,3}\.\d{2}$/,
};

type Node = { [name: string]: Node[] | string } | { '#text': string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
});

function nameOf(node: Node): string {
  return Object.keys(node).find((key) => key !== ':@') ?? '';
}

function textOf(children: Node[]): string | null {
  if (children.length === 0) return '';
  if (children.length === 1 && '#text' in (children[0] as object))
    return String((children[0] as { '#text': string })['#text']);
  return null;
}

function check(
  name: string,
  path: string,
  children: Node[],
  root: string,
  problems: string[],
): void {
  const text = textOf(children);
  const spec = CHILDREN[`${root}.${name}`] ?? CHILDREN[name];
  const list = LISTS[name];
  if (spec === undefined && list === undefined) {
    if (text === null) problems.push(`${path}: expected text`);
    else if (text.length === 0) problems.push(`${path}: empty`);
    else if (FORMATS[name] !== undefined && !FORMATS[name].test(text))
      problems.push(`${path}: "${text}" is not in the expected form`);
    return;
  }
  const names = children.map(nameOf);
  if (list !== undefined) {
    if (names.length === 0) problems.push(`${path}: needs at least one ${list}`);
    if (names.some((n) => n !== list)) problems.push(`${path}: holds only ${list}`);
  } else if (spec !== undefined) {
    const required = names.filter((n) => spec.includes(n));
    if (required.join() !== spec.join())
      problems.push(`${path}: expected ${spec.join(', ')} in order, found ${names.join(', ')}`);
  }
  children.forEach((child, index) => {
    const childName = nameOf(child);
    const grand = (child as Record<string, Node[]>)[childName] ?? [];
    check(childName, `${path}/${childName}[${index}]`, grand, root, problems);
  });
}

/**
 * Problems of a CAMLMAC-style document, empty when it has the expected structure: root HVTR
 * or BSTR, every element's children in order, repeated blocks non-empty, leaf values in form,
 * and the counts (CTTN, SETN, STTN) equal to what the document holds.
 */
export function camlmacStructureProblems(xml: string): string[] {
  const problems: string[] = [];
  const nodes = (parser.parse(xml) as Node[]).filter((node) => nameOf(node) !== '?xml');
  const root = nodes[0] === undefined ? '' : nameOf(nodes[0]);
  if (nodes.length !== 1 || (root !== 'HVTR' && root !== 'BSTR'))
    return ['root: expected one HVTR or BSTR element'];
  const children = (nodes[0] as Record<string, Node[]>)[root] ?? [];
  check(root, root, children, root, problems);
  const counts: [string, string][] =
    root === 'HVTR'
      ? [['CTTN', '<CATI>']]
      : [
          ['SETN', '<SEIF>'],
          ['STTN', '<STIF>'],
        ];
  for (const [field, tag] of counts) {
    const stated = new RegExp(`<${field}>(\\d+)</${field}>`).exec(xml)?.[1];
    const actual = xml.split(tag).length - 1;
    if (stated !== undefined && Number(stated) !== actual)
      problems.push(`${field}: states ${stated}, document holds ${actual}`);
  }
  return problems;
}
