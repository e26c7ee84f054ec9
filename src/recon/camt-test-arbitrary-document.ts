import fc from 'fast-check';

/**
 * Test-only: fast-check generators for camt documents richer than the round-trip renderer
 * writes: batch entries, reversals, bank transaction codes, v02 and v08 parties, agents,
 * structured and unstructured remittance, DtTm dates, each element optional and sometimes
 * repeated or wrong. Documents are rendered with different layouts (namespace prefix,
 * indentation, comments, CRLF, CDATA) so the stream parser can be held to the tree parser.
 */

export type XmlElement = readonly [string, Readonly<Record<string, string>>, readonly XmlChild[]];
export type XmlChild = XmlElement | string;

const element = (name: string, ...children: XmlChild[]): XmlElement => [name, {}, children];

const textArbitrary = fc.constantFrom(
  'A-1',
  'Payer & Co',
  'x<y>"z\'',
  ' padded ',
  'Müller',
  '',
  'NOTPROVIDED',
  'line one',
);
/** Mostly good values, now and then a wrong one, so both paths are compared. */
function mostly(good: readonly string[], wrong: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...wrong) },
  );
}

const amountArbitrary = mostly(['1.00', '0.5', '12345.67', '0'], ['1.005', '-1', 'abc']);
const currencyArbitrary = mostly(['EUR', 'JPY', 'USD'], ['XYZ', 'eur']);
const indicatorArbitrary = mostly(['CRDT', 'DBIT'], ['CREDIT', '']);
const dateArbitrary = mostly(
  ['2024-03-01', '2024-02-29', '2024-03-01T10:00:00+01:00'],
  ['2023-02-29', '03/01/2024'],
);

/** Zero or more copies of an element, mostly zero or one. */
function some(arbitrary: fc.Arbitrary<XmlElement>): fc.Arbitrary<XmlElement[]> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<XmlElement[]>([]) },
    { weight: 4, arbitrary: arbitrary.map((value) => [value]) },
    { weight: 1, arbitrary: fc.array(arbitrary, { minLength: 2, maxLength: 3 }) },
  );
}

function leaf(name: string, text: fc.Arbitrary<string> = textArbitrary): fc.Arbitrary<XmlElement> {
  return text.map((value) => element(name, value));
}

const amount = (name: string): fc.Arbitrary<XmlElement> =>
  fc
    .tuple(amountArbitrary, currencyArbitrary, mostly(['yes'], ['no']))
    .map(([value, currency, withCurrency]): XmlElement => {
      const attributes: Record<string, string> = withCurrency === 'yes' ? { Ccy: currency } : {};
      return [name, attributes, [value]];
    });

const dateChoice = (name: string): fc.Arbitrary<XmlElement> =>
  fc
    .tuple(dateArbitrary, fc.boolean())
    .map(([date, asDateTime]) => element(name, element(asDateTime ? 'DtTm' : 'Dt', date)));

const bankTransactionCode = fc
  .tuple(some(leaf('Cd')), some(leaf('SubFmlyCd')), some(leaf('Issr')))
  .map(([code, sub, issuer]) =>
    element(
      'BkTxCd',
      element('Domn', ...code, element('Fmly', ...code, ...sub)),
      element('Prtry', ...code, ...issuer),
    ),
  );

const account = (name: string): fc.Arbitrary<XmlElement> =>
  fc
    .tuple(some(leaf('IBAN')), some(leaf('Id')))
    .map(([iban, other]) => element(name, element('Id', ...iban, element('Othr', ...other))));

const party = (name: string): fc.Arbitrary<XmlElement> =>
  fc
    .tuple(some(leaf('Nm')), fc.boolean())
    .map(([names, wrapped]) => element(name, ...(wrapped ? [element('Pty', ...names)] : names)));

const agent = (name: string): fc.Arbitrary<XmlElement> =>
  fc
    .tuple(some(leaf('BICFI')), some(leaf('BIC')))
    .map(([bicfi, bic]) => element(name, element('FinInstnId', ...bicfi, ...bic)));

const references = fc
  .tuple(
    ...['EndToEndId', 'AcctSvcrRef', 'UETR', 'InstrId', 'PmtInfId', 'TxId', 'MsgId', 'MndtId'].map(
      (name) => some(leaf(name)),
    ),
  )
  .map((groups) => element('Refs', ...groups.flat()));

const remittance = fc
  .tuple(
    fc.array(leaf('Ustrd'), { maxLength: 3 }),
    some(leaf('Ref').map((ref) => element('Strd', element('CdtrRefInf', ref)))),
  )
  .map(([lines, structured]) => element('RmtInf', ...lines, ...structured));

const transactionDetails = fc
  .tuple(
    some(amount('Amt')),
    some(amount('Amt').map((inner) => element('AmtDtls', element('TxAmt', inner)))),
    some(leaf('CdtDbtInd', indicatorArbitrary)),
    some(references),
    fc.tuple(party('Dbtr'), account('DbtrAcct'), party('Cdtr'), account('CdtrAcct')),
    fc.tuple(agent('DbtrAgt'), agent('CdtrAgt')),
    some(remittance),
    some(leaf('AddtlTxInf')),
    some(bankTransactionCode),
  )
  .map(([amounts, amountDetails, indicator, refs, parties, agents, rmt, info, code]) =>
    element(
      'TxDtls',
      ...amounts,
      ...amountDetails,
      ...indicator,
      ...refs,
      element('RltdPties', ...parties),
      element('RltdAgts', ...agents),
      ...rmt,
      ...info,
      ...code,
    ),
  );

const batch = fc
  .tuple(some(leaf('MsgId')), some(leaf('PmtInfId')))
  .map(([messageId, paymentId]) => element('Btch', ...messageId, ...paymentId));

const entryDetails = fc
  .tuple(some(batch), fc.array(transactionDetails, { maxLength: 3 }))
  .map(([batches, details]) => element('NtryDtls', ...batches, ...details));

const status = fc.oneof(
  leaf('Sts', mostly(['BOOK', 'PDNG', 'INFO'], ['DONE'])),
  leaf('Cd', mostly(['BOOK', 'FUTR'], [''])).map((code) => element('Sts', code)),
  leaf('Prtry', mostly(['BOOK', 'INFO'], ['book'])).map((code) => element('Sts', code)),
);

export const camtEntryArbitrary: fc.Arbitrary<XmlElement> = fc
  .tuple(
    fc.tuple(amount('Amt'), leaf('CdtDbtInd', indicatorArbitrary), status),
    fc.tuple(some(leaf('RvslInd', mostly(['true', 'false', '1'], ['yes'])))),
    fc.tuple(some(dateChoice('BookgDt')), some(dateChoice('ValDt'))),
    fc.tuple(some(leaf('NtryRef')), some(leaf('AcctSvcrRef')), some(leaf('AddtlNtryInf'))),
    fc.tuple(some(bankTransactionCode), fc.array(entryDetails, { maxLength: 2 })),
  )
  .map(([[amt, indicator, sts], [reversal], [booking, value], [ref, servicer, info], rest]) =>
    element(
      'Ntry',
      ...[amt, indicator, sts, ...reversal, ...booking, ...value],
      ...[...ref, ...servicer, ...info, ...rest[0], ...rest[1]],
    ),
  );

export interface XmlLayout {
  readonly prefix: string;
  readonly indent: boolean;
  readonly comments: boolean;
  readonly crlf: boolean;
  readonly cdata: boolean;
}

export const xmlLayoutArbitrary: fc.Arbitrary<XmlLayout> = fc.record({
  prefix: fc.constantFrom('', 'ns2:'),
  indent: fc.boolean(),
  comments: fc.boolean(),
  crlf: fc.boolean(),
  cdata: fc.boolean(),
});

export function renderXmlElement(node: XmlElement, layout: XmlLayout, level = 0): string {
  const [name, attributes, children] = node;
  const newline = layout.crlf ? '\r\n' : '\n';
  const pad = layout.indent ? newline + '  '.repeat(level) : '';
  const attributeText = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlText(value)}"`)
    .join('');
  const tag = `${layout.prefix}${name}`;
  if (children.length === 0) return `${pad}<${tag}${attributeText}/>`;
  const inner = children
    .map((child) =>
      typeof child === 'string'
        ? renderText(child, layout)
        : renderXmlElement(child, layout, level + 1),
    )
    .join(layout.comments ? '<!-- c -->' : '');
  const closePad = children.some((child) => typeof child !== 'string') ? pad : '';
  return `${pad}<${tag}${attributeText}>${inner}${closePad}</${tag}>`;
}

function renderText(text: string, layout: XmlLayout): string {
  if (layout.cdata && !text.includes(']]>')) return `<![CDATA[${text}]]>`;
  return escapeXmlText(text);
}

function escapeXmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A camt.053 document around the given entries, in the given layout. */
export function renderCamtDocument(
  entries: readonly XmlElement[],
  layout: XmlLayout,
  version = '08',
): string {
  const balance = (code: string): XmlElement =>
    element(
      'Bal',
      element('Tp', element('CdOrPrtry', element('Cd', code))),
      ['Amt', { Ccy: 'EUR' }, ['10.00']],
      element('CdtDbtInd', 'CRDT'),
      element('Dt', element('Dt', '2024-03-01')),
    );
  const statement = element(
    'Stmt',
    element('Id', 'S-1'),
    element('Acct', element('Id', element('IBAN', 'NL91ABNA0417164300'))),
    balance('OPBD'),
    balance('CLBD'),
    ...entries,
  );
  const root = element(
    'BkToCstmrStmt',
    element('GrpHdr', element('MsgId', 'M-1'), element('CreDtTm', '2024-03-01T18:00:00Z')),
    statement,
  );
  const namespace = `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}`;
  const xmlns = layout.prefix === '' ? 'xmlns' : `xmlns:${layout.prefix.slice(0, -1)}`;
  const document: XmlElement = ['Document', { [xmlns]: namespace }, [root]];
  return `<?xml version="1.0" encoding="UTF-8"?>${renderXmlElement(document, layout)}\n`;
}
