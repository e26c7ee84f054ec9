import { performance } from 'node:perf_hooks';
import { assert } from '../assert.js';
import { minorToDecimal } from './decimal-amount.js';
import { INPUT_BYTES_HARD_MAX } from './limits.js';
import { parseStatementFile } from './parse-statement-file.js';
import { validateStatements } from './validate-statements.js';

/** Timed parses per format; the median is reported, so one odd run does not set a figure. */
const BENCH_RUNS_MAX = 9;

/**
 * Parser throughput on generated files: one camt.053 statement and one MT940 statement with
 * `entryCount` entries each, shaped like real SEPA credit transfers (references, parties,
 * remittance text). Figures are the median of `runCount` runs of parseStatementFile (decode,
 * detect, scan and check the XML, build, fingerprint) in entries and megabytes (10^6 bytes)
 * per second, and the generated statements must pass the balance check.
 */
export async function benchParse(
  options: { readonly entryCount?: number; readonly runCount?: number } = {},
): Promise<Record<string, number>> {
  const entryCount = options.entryCount ?? 100_000;
  const runCount = options.runCount ?? 1;
  assert(entryCount > 0 && entryCount <= 200_000, 'bench entry count within the parser limit');
  assert(runCount >= 1 && runCount <= BENCH_RUNS_MAX, 'bench run count within its limit');
  const camt = await measure(generateBenchCamt053(entryCount), entryCount, runCount);
  const mt940 = await measure(generateMt940(entryCount), entryCount, runCount);
  return {
    entryCount,
    runCount,
    camt053Bytes: camt.bytes,
    camt053ParseMs: camt.parseMs,
    camt053EntriesPerSecond: camt.entriesPerSecond,
    camt053MegabytesPerSecond: camt.megabytesPerSecond,
    mt940Bytes: mt940.bytes,
    mt940ParseMs: mt940.parseMs,
    mt940EntriesPerSecond: mt940.entriesPerSecond,
    mt940MegabytesPerSecond: mt940.megabytesPerSecond,
  };
}

interface ParseFigures {
  readonly bytes: number;
  readonly parseMs: number;
  readonly entriesPerSecond: number;
  readonly megabytesPerSecond: number;
}

async function measure(text: string, entryCount: number, runCount: number): Promise<ParseFigures> {
  const bytes = Buffer.from(text, 'utf8');
  const durationsMs: number[] = [];
  for (let run = 0; run < runCount; run++) {
    // Lets timers and pending I/O run between parses, as a server would.
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    const result = parseStatementFile(bytes, { inputBytesMax: INPUT_BYTES_HARD_MAX });
    durationsMs.push(performance.now() - started);
    assert(result.ok, `bench file must parse: ${result.ok ? '' : result.error.message}`);
    assert(result.statements[0]?.entries.length === entryCount, 'every generated entry parsed');
    assert(validateStatements(result.statements).length === 0, 'generated statement balances');
  }
  durationsMs.sort((left, right) => left - right);
  const parseMs = durationsMs[Math.floor(durationsMs.length / 2)] ?? 0;
  assert(parseMs > 0, 'a parse takes time');
  return {
    bytes: bytes.length,
    parseMs: Math.round(parseMs),
    entriesPerSecond: Math.round((entryCount * 1000) / parseMs),
    megabytesPerSecond: Math.round(bytes.length / 100 / parseMs) / 10,
  };
}

/** Deterministic amount pattern: mixes credits and debits, cents from 00 to 99. */
function benchAmountMinor(index: number): bigint {
  const magnitude = BigInt(((index * 7919) % 1_000_000) + 1);
  return index % 3 === 0 ? -magnitude : magnitude;
}

/** A camt.053 statement of `entryCount` realistic entries that balances, for benchmarks. */
export function generateBenchCamt053(entryCount: number): string {
  const parts: string[] = [];
  let closing = 1_000_000n;
  for (let index = 0; index < entryCount; index++) {
    const amountMinor = benchAmountMinor(index);
    closing += amountMinor;
    const indicator = amountMinor < 0n ? 'DBIT' : 'CRDT';
    const amount = minorToDecimal(amountMinor < 0n ? -amountMinor : amountMinor, 'EUR');
    parts.push(
      `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd>` +
        '<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2024-03-01</Dt></BookgDt>' +
        `<ValDt><Dt>2024-03-01</Dt></ValDt><AcctSvcrRef>ASR${index}</AcctSvcrRef>` +
        '<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly>' +
        `</Domn></BkTxCd><NtryDtls><TxDtls><Refs><EndToEndId>E2E-${index}</EndToEndId></Refs>` +
        `<RltdPties><Dbtr><Pty><Nm>Payer ${index}</Nm></Pty></Dbtr><DbtrAcct><Id>` +
        '<IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct></RltdPties>' +
        `<RmtInf><Ustrd>Subscription ${index}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`,
    );
  }
  const balance = (code: string, amountMinor: bigint): string =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>` +
    `<Amt Ccy="EUR">${minorToDecimal(amountMinor < 0n ? -amountMinor : amountMinor, 'EUR')}</Amt>` +
    `<CdtDbtInd>${amountMinor < 0n ? 'DBIT' : 'CRDT'}</CdtDbtInd>` +
    '<Dt><Dt>2024-03-01</Dt></Dt></Bal>';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>' +
    '<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2024-03-01T18:00:00Z</CreDtTm></GrpHdr>' +
    '<Stmt><Id>BENCH-1</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>' +
    balance('OPBD', 1_000_000n) +
    balance('CLBD', closing) +
    parts.join('') +
    '</Stmt></BkToCstmrStmt></Document>\n'
  );
}

function generateMt940(entryCount: number): string {
  const lines: string[] = [
    ':20:BENCH',
    ':25:NL91ABNA0417164300',
    ':28C:1/1',
    ':60F:C240301EUR10000,00',
  ];
  let closing = 1_000_000n;
  for (let index = 0; index < entryCount; index++) {
    const amountMinor = benchAmountMinor(index);
    closing += amountMinor;
    const mark = amountMinor < 0n ? 'D' : 'C';
    const amount = minorToDecimal(amountMinor < 0n ? -amountMinor : amountMinor, 'EUR', ',');
    lines.push(`:61:2403010301${mark}${amount}NTRFE2E-${index}//ASR${index}`);
    lines.push(`:86:166?00GUTSCHRIFT?20EREF+E2E-${index}?21SVWZ+Subscription ${index}`);
    lines.push('?30COBADEFFXXX?31DE89370400440532013000?32Payer');
  }
  const closingMark = closing < 0n ? 'D' : 'C';
  const closingAmount = minorToDecimal(closing < 0n ? -closing : closing, 'EUR', ',');
  lines.push(`:62F:${closingMark}240301EUR${closingAmount}`, '-');
  return lines.join('\r\n');
}
