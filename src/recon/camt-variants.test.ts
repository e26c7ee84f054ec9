import { describe, expect, it } from 'vitest';
import { parseStatementFile, type ParseStatementOptions } from './parse-statement-file.js';
import type { Statement } from './statement.js';
import { validateStatements } from './validate-statements.js';

// Hand-written camt documents for shapes the public fixtures do not cover: camt.052 and
// camt.054, batch entries, reversals, PRCD, prefixes, entities, encodings and refusals.

const ACCOUNT = '<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>';

function camt(kind: '052' | '053' | '054', version: string, items: string): string {
  const root = {
    '052': 'BkToCstmrAcctRpt',
    '053': 'BkToCstmrStmt',
    '054': 'BkToCstmrDbtCdtNtfctn',
  }[kind];
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${kind}.001.${version}"><${root}>` +
    '<GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2024-03-01T18:00:00Z</CreDtTm></GrpHdr>' +
    `${items}</${root}></Document>`
  );
}

function balance(code: string, amount: string, indicator = 'CRDT', currency = 'EUR'): string {
  return (
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${amount}</Amt>` +
    `<CdtDbtInd>${indicator}</CdtDbtInd><Dt><Dt>2024-03-01</Dt></Dt></Bal>`
  );
}

function entry(amount: string, indicator: string, extra = '', status = '<Sts>BOOK</Sts>'): string {
  return (
    `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd>${status}` +
    `<BookgDt><Dt>2024-03-01</Dt></BookgDt><ValDt><Dt>2024-03-01</Dt></ValDt>${extra}</Ntry>`
  );
}

function parseOk(text: string | Buffer, options: ParseStatementOptions = {}): Statement[] {
  const result = parseStatementFile(text, options);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return [...result.statements];
}

function parseError(text: string | Buffer): { code: string; message: string; path?: string } {
  const result = parseStatementFile(text);
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

describe('camt.052 and camt.054', () => {
  it('reads a camt.052 report with interim balances and a pending entry', () => {
    const text = camt(
      '052',
      '02',
      `<Rpt><Id>RPT-1</Id>${ACCOUNT}${balance('ITBD', '10.00')}` +
        `${entry('1.50', 'DBIT', '', '<Sts>PDNG</Sts>')}</Rpt>`,
    );
    const [report] = parseOk(text);
    expect(report?.format).toBe('camt.052');
    expect(report?.openingBalance).toBeNull();
    expect(report?.otherBalances[0]).toMatchObject({ type: 'ITBD', amountMinor: 1000n });
    expect(report?.entries[0]).toMatchObject({ amountMinor: -150n, status: 'pending' });
    // Intraday reports need not balance; no missing-balance warning for them.
    expect(validateStatements(report ? [report] : [])).toEqual([]);
  });

  it('reads a camt.054 notification with UETR, instruction and transaction ids', () => {
    const details =
      '<NtryDtls><TxDtls><Refs><InstrId>INSTR-9</InstrId><EndToEndId>E2E-9</EndToEndId>' +
      '<TxId>TX-9</TxId><UETR>eb6305c9-1f7f-49de-aed0-16487c27b42d</UETR></Refs>' +
      '<RltdPties><Cdtr><Pty><Nm>Fund Admin &amp; Co</Nm></Pty></Cdtr>' +
      '<CdtrAcct><Id><Othr><Id>ACC-77</Id></Othr></Id></CdtrAcct></RltdPties>' +
      '<RltdAgts><CdtrAgt><FinInstnId><BICFI>ABNANL2A</BICFI></FinInstnId></CdtrAgt></RltdAgts>' +
      '</TxDtls></NtryDtls>';
    const text = camt(
      '054',
      '08',
      `<Ntfctn><Id>N-1</Id>${ACCOUNT}` +
        `${entry('250.00', 'DBIT', details, '<Sts><Cd>BOOK</Cd></Sts>')}</Ntfctn>`,
    );
    const [notification] = parseOk(text);
    expect(notification?.format).toBe('camt.054');
    expect(notification?.entries[0]).toMatchObject({
      amountMinor: -25000n,
      references: {
        instructionId: 'INSTR-9',
        endToEndId: 'E2E-9',
        transactionId: 'TX-9',
        uetr: 'eb6305c9-1f7f-49de-aed0-16487c27b42d',
      },
      counterparty: { name: 'Fund Admin & Co', account: 'ACC-77', bic: 'ABNANL2A' },
    });
  });
});

describe('entries', () => {
  const batch = (amounts: string[]): string =>
    '<NtryDtls><Btch><PmtInfId>PMT-42</PmtInfId><NbOfTxs>3</NbOfTxs></Btch>' +
    amounts
      .map(
        (amount, index) =>
          `<TxDtls><Refs><EndToEndId>E2E-${index}</EndToEndId></Refs><AmtDtls><TxAmt>` +
          `<Amt Ccy="EUR">${amount}</Amt></TxAmt></AmtDtls></TxDtls>`,
      )
      .join('') +
    '</NtryDtls>';

  it('keeps the transactions of a batch entry as details', () => {
    const text = camt(
      '053',
      '02',
      `<Stmt><Id>S</Id>${ACCOUNT}` +
        `${entry('6.00', 'DBIT', batch(['1.00', '2.00', '3.00']))}</Stmt>`,
    );
    const [statement] = parseOk(text);
    const batchEntry = statement?.entries[0];
    expect(batchEntry?.details.map((d) => d.amountMinor)).toEqual([-100n, -200n, -300n]);
    expect(batchEntry?.details.map((d) => d.references.endToEndId)).toEqual([
      'E2E-0',
      'E2E-1',
      'E2E-2',
    ]);
    expect(batchEntry?.references).toEqual({ paymentInformationId: 'PMT-42' });
    expect(batchEntry?.counterparty).toEqual({});
    expect(validateStatements(statement ? [statement] : [])).toEqual([
      expect.objectContaining({ code: 'missing_balance' }),
    ]);
  });

  it('reports a batch whose details do not add up to the entry', () => {
    const text = camt(
      '053',
      '02',
      `<Stmt><Id>S</Id>${ACCOUNT}${balance('OPBD', '10.00')}` +
        balance('CLBD', '4.00') +
        `${entry('6.00', 'DBIT', batch(['1.00', '2.00', '3.01']))}</Stmt>`,
    );
    const issues = validateStatements(parseOk(text));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'batch_sum_mismatch',
        entryAmountMinor: -600n,
        detailsSumMinor: -601n,
      }),
    ]);
  });

  it('takes the sign of a reversal from CdtDbtInd (ISO), or flips it on request', () => {
    const parties =
      '<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Original payer</Nm></Dbtr>' +
      '<Cdtr><Nm>Original payee</Nm></Cdtr></RltdPties></TxDtls></NtryDtls>';
    const text = camt(
      '053',
      '04',
      `<Stmt><Id>S</Id>${ACCOUNT}` +
        entry('5.00', 'CRDT', `<NtryRef>R1</NtryRef>${parties}`).replace(
          '</CdtDbtInd>',
          '</CdtDbtInd><RvslInd>true</RvslInd>',
        ) +
        '</Stmt>',
    );
    const [iso] = parseOk(text);
    // CRDT + reversal: the money comes back in, undoing a debit the account made to the payee.
    expect(iso?.entries[0]).toMatchObject({
      amountMinor: 500n,
      reversal: true,
      references: { entryReference: 'R1' },
      counterparty: { name: 'Original payee' },
    });
    const [flipped] = parseOk(text, { camtReversalSign: 'flip' });
    expect(flipped?.entries[0]).toMatchObject({
      amountMinor: -500n,
      counterparty: { name: 'Original payer' },
    });
  });

  it('drops the NOTPROVIDED end-to-end placeholder and reads AddtlNtryInf', () => {
    const details =
      '<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs></TxDtls></NtryDtls>';
    const text = camt(
      '053',
      '02',
      `<Stmt><Id>S</Id>${ACCOUNT}` +
        `${entry('1.00', 'CRDT', `${details}<AddtlNtryInf>Interest</AddtlNtryInf>`)}</Stmt>`,
    );
    const [statement] = parseOk(text);
    expect(statement?.entries[0]?.references).toEqual({});
    expect(statement?.entries[0]?.remittanceText).toBe('Interest');
  });
});

describe('statements', () => {
  it('uses PRCD as the opening balance when there is no OPBD', () => {
    const text = camt(
      '053',
      '04',
      `<Stmt><Id>S</Id>${ACCOUNT}${balance('PRCD', '3.00', 'DBIT')}` +
        `${balance('CLBD', '2.00')}${balance('CLAV', '2.00')}${entry('5.00', 'CRDT')}</Stmt>`,
    );
    const [statement] = parseOk(text);
    expect(statement?.openingBalance).toMatchObject({ type: 'PRCD', amountMinor: -300n });
    expect(statement?.otherBalances.map((b) => b.type)).toEqual(['CLAV']);
    expect(validateStatements(statement ? [statement] : [])).toEqual([]);
  });

  it('reports an unbalanced statement with the difference in minor units', () => {
    const text = camt(
      '053',
      '08',
      `<Stmt><Id>S</Id>${ACCOUNT}${balance('OPBD', '100.00')}` +
        `${balance('CLBD', '150.00')}${entry('49.99', 'CRDT', '', '<Sts><Cd>BOOK</Cd></Sts>')}` +
        `${entry('1.00', 'CRDT', '', '<Sts><Cd>PDNG</Cd></Sts>')}</Stmt>`,
    );
    const issues = validateStatements(parseOk(text));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'balance_mismatch',
        openingMinor: 10000n,
        bookedSumMinor: 4999n,
        closingMinor: 15000n,
        differenceMinor: 1n,
      }),
    ]);
  });

  it('compares the declared entry count with the entries present', () => {
    const summary = '<TxsSummry><TtlNtries><NbOfNtries>2</NbOfNtries></TtlNtries></TxsSummry>';
    const text = camt(
      '053',
      '02',
      `<Stmt><Id>S</Id>${ACCOUNT}${summary}${entry('1.00', 'CRDT')}</Stmt>`,
    );
    const issues = validateStatements(parseOk(text));
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'entry_count_mismatch', declaredCount: 2, actualCount: 1 }),
    );
  });

  it('accepts namespace prefixes, numeric character references and Latin-1 encoding', () => {
    const prefixed =
      '<?xml version="1.0" encoding="ISO-8859-1"?>' +
      '<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><c:BkToCstmrStmt>' +
      '<c:GrpHdr><c:MsgId>M</c:MsgId></c:GrpHdr><c:Stmt><c:Id>S</c:Id>' +
      '<c:Acct><c:Id><c:IBAN>NL91ABNA0417164300</c:IBAN></c:Id><c:Ccy>EUR</c:Ccy></c:Acct>' +
      '<c:Ntry><c:Amt Ccy="EUR">1.00</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts>BOOK</c:Sts>' +
      '<c:AddtlNtryInf>M&#252;ller \xe4</c:AddtlNtryInf></c:Ntry></c:Stmt>' +
      '</c:BkToCstmrStmt></c:Document>';
    const [statement] = parseOk(Buffer.from(prefixed, 'latin1'));
    expect(statement?.entries[0]?.remittanceText).toBe('Müller ä');
  });
});

describe('entry chunking', () => {
  it('reads files with CDATA or comments through the whole-tree path', () => {
    const cdata = '<AddtlNtryInf><![CDATA[a </Ntry> b]]></AddtlNtryInf>';
    const text = camt(
      '053',
      '02',
      `<Stmt><Id>S</Id>${ACCOUNT}<!-- note -->` +
        `${entry('1.00', 'CRDT', cdata)}${entry('2.00', 'DBIT')}</Stmt>`,
    );
    const [statement] = parseOk(text);
    expect(statement?.entries.map((e) => e.amountMinor)).toEqual([100n, -200n]);
    expect(statement?.entries[0]?.remittanceText).toBe('a </Ntry> b');
  });

  it('keeps order and element paths across chunks of entries', () => {
    const many = Array.from({ length: 250 }, (_, index) => entry(`${index + 1}.00`, 'CRDT'));
    const [statement] = parseOk(
      camt('053', '08', `<Stmt><Id>S</Id>${ACCOUNT}${many.join('')}</Stmt>`),
    );
    expect(statement?.entries).toHaveLength(250);
    expect(statement?.entries.map((e) => e.amountMinor)).toEqual(
      Array.from({ length: 250 }, (_, index) => BigInt((index + 1) * 100)),
    );
    many[170] = entry('1.001', 'CRDT');
    const bad = camt('053', '08', `<Stmt><Id>S</Id>${ACCOUNT}${many.join('')}</Stmt>`);
    expect(parseError(bad)).toMatchObject({ code: 'bad_amount', path: 'Stmt[0]/Ntry[170]/Amt' });
  });
});

describe('refusals', () => {
  const wrap = (body: string): string =>
    camt('053', '02', `<Stmt><Id>S</Id>${ACCOUNT}${body}</Stmt>`);

  it('refuses versions outside 001.02–001.08 and mismatched roots', () => {
    expect(parseError(camt('053', '09', '<Stmt/>')).code).toBe('unsupported_version');
    const mismatch = camt('053', '02', '').replace(/BkToCstmrStmt/g, 'BkToCstmrAcctRpt');
    expect(parseError(mismatch).code).toBe('unsupported_format');
    expect(parseError('<?xml version="1.0"?><Document><Other/></Document>').code).toBe(
      'unsupported_format',
    );
    expect(parseError('<html><body/></html>').code).toBe('unsupported_format');
  });

  it('refuses any DTD, which closes entity-expansion bombs', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' +
      '<Document><BkToCstmrStmt>&lol2;</BkToCstmrStmt></Document>';
    expect(parseError(bomb).code).toBe('unsafe_xml');
  });

  it('refuses truncated and mis-nested XML', () => {
    const full = wrap(entry('1.00', 'CRDT'));
    for (const cut of [full.length - 20, full.length / 2, 60]) {
      expect(parseError(full.slice(0, Math.floor(cut))).code).toBe('malformed_xml');
    }
    expect(parseError(full.replace('</BookgDt>', '</ValDt>')).code).toBe('malformed_xml');
  });

  it('names the element of a bad amount, unknown currency, status or missing account', () => {
    expect(parseError(wrap(entry('1.005', 'CRDT')))).toMatchObject({
      code: 'bad_amount',
      path: 'Stmt[0]/Ntry[0]/Amt',
    });
    expect(parseError(wrap(entry('1.00', 'CRDT').replace('Ccy="EUR"', 'Ccy="XYZ"')))).toMatchObject(
      {
        code: 'unknown_currency',
      },
    );
    expect(parseError(wrap(entry('-1.00', 'CRDT'))).code).toBe('bad_amount');
    expect(parseError(wrap(entry('1.00', 'CRDT', '', '<Sts>DONE</Sts>'))).code).toBe('bad_value');
    expect(parseError(wrap(entry('1.00', 'CREDIT'))).code).toBe('bad_value');
    expect(parseError(camt('053', '02', '<Stmt><Id>S</Id></Stmt>')).code).toBe('missing_element');
    const noDate = wrap(
      entry('1.00', 'CRDT').replace(
        '<Dt>2024-03-01</Dt></BookgDt>',
        '<Dt>2024-02-30</Dt></BookgDt>',
      ),
    );
    expect(parseError(noDate).code).toBe('bad_date');
  });
});
