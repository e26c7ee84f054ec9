import { minorToDecimal } from './decimal-amount.js';
import type { GeneratedEntry, GeneratedStatement } from './test-arbitrary-statement.js';

/** Test-only: writes a generated statement as a camt.053 document of the given version. */
export function renderCamt053(statement: GeneratedStatement, version: '02' | '04' | '08'): string {
  const { currency } = statement;
  // v02/v04 write the status as text, v08 wraps it in Cd; v08 also nests party names in Pty.
  const status = version === '08' ? '<Sts><Cd>BOOK</Cd></Sts>' : '<Sts>BOOK</Sts>';
  const entries = statement.entries.map((entry) => renderEntry(entry, currency, status, version));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}">`,
    '<BkToCstmrStmt><GrpHdr><MsgId>CUSTOS-TEST</MsgId>',
    '<CreDtTm>2024-03-01T18:00:00+01:00</CreDtTm></GrpHdr>',
    `<Stmt><Id>STMT-${statement.statementNumber}</Id>`,
    `<LglSeqNb>${statement.statementNumber}</LglSeqNb>`,
    `<Acct><Id><IBAN>${statement.iban}</IBAN></Id><Ccy>${currency}</Ccy></Acct>`,
    renderBalance('OPBD', statement.openingMinor, currency, statement.openingDate),
    renderBalance('CLBD', statement.closingMinor, currency, statement.openingDate),
    ...entries,
    '</Stmt></BkToCstmrStmt></Document>',
  ].join('\n');
}

function renderEntry(
  entry: GeneratedEntry,
  currency: string,
  status: string,
  version: string,
): string {
  const refs = [
    entry.endToEndId === undefined ? '' : `<EndToEndId>${escapeXml(entry.endToEndId)}</EndToEndId>`,
  ].join('');
  const party =
    version === '08' ? '<Dbtr><Pty><Nm>Payer</Nm></Pty></Dbtr>' : '<Dbtr><Nm>Payer</Nm></Dbtr>';
  const remittance =
    entry.remittanceText === undefined
      ? ''
      : `<RmtInf><Ustrd>${escapeXml(entry.remittanceText)}</Ustrd></RmtInf>`;
  const servicer =
    entry.bankReference === undefined
      ? ''
      : `<AcctSvcrRef>${escapeXml(entry.bankReference)}</AcctSvcrRef>`;
  return (
    `<Ntry><Amt Ccy="${currency}">${unsigned(entry.amountMinor, currency)}</Amt>` +
    `<CdtDbtInd>${entry.amountMinor < 0n ? 'DBIT' : 'CRDT'}</CdtDbtInd>${status}` +
    `<BookgDt><Dt>${entry.bookingDate}</Dt></BookgDt><ValDt><Dt>${entry.valueDate}</Dt></ValDt>` +
    servicer +
    `<NtryDtls><TxDtls><Refs>${refs}</Refs><RltdPties>${party}</RltdPties>${remittance}` +
    '</TxDtls></NtryDtls></Ntry>'
  );
}

function renderBalance(code: string, amountMinor: bigint, currency: string, date: string): string {
  return (
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>` +
    `<Amt Ccy="${currency}">${unsigned(amountMinor, currency)}</Amt>` +
    `<CdtDbtInd>${amountMinor < 0n ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`
  );
}

function unsigned(amountMinor: bigint, currency: string): string {
  return minorToDecimal(amountMinor < 0n ? -amountMinor : amountMinor, currency);
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
