import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateBenchCamt053 } from './bench-parse.js';
import { CamtEntryDirectReader } from './camt-entry-direct.js';
import { parseCamtWithTreeReference } from './camt-reference-parse.js';
import {
  camtEntryArbitrary,
  renderCamtDocument,
  xmlLayoutArbitrary,
} from './camt-test-arbitrary-document.js';
import { decodeStatementBytes } from './decode-text.js';
import { parseCamt } from './parse-camt.js';

// The direct entry reader must give the tree readers' drafts key for key (statement JSON and
// fingerprints follow key order), and it must really be the reader that runs for common
// entries — otherwise the parser is correct but silently slow.

const FIXTURES = new URL('../../../shared/fixtures/camt053/', import.meta.url);

function sameText(text: string): void {
  const direct = parseCamt(text, { reversalSign: 'booking' });
  const reference = parseCamtWithTreeReference(text, 'booking');
  if (!direct.ok || !reference.ok) {
    expect(direct.ok).toBe(reference.ok);
    return;
  }
  const entries = (result: typeof direct) =>
    JSON.stringify(
      result.ok ? result.statements.map((statement) => statement.entries) : [],
      (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value),
    );
  expect(entries(direct)).toBe(entries(reference));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('direct entry reader', () => {
  it('gives the tree readers’ entries key for key, generated entries in any layout', () => {
    fc.assert(
      fc.property(fc.array(camtEntryArbitrary, { maxLength: 4 }), xmlLayoutArbitrary, (e, l) => {
        sameText(renderCamtDocument(e, l));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the tree readers’ entries key for key on every fixture', () => {
    for (const name of readdirSync(FIXTURES).filter((file) => file.endsWith('.xml'))) {
      sameText(decodeStatementBytes(readFileSync(new URL(name, FIXTURES)), []));
    }
  });

  it('reads a statement of common SEPA entries without handing any over', () => {
    const finish = vi.spyOn(CamtEntryDirectReader.prototype, 'finish');
    const start = vi.spyOn(CamtEntryDirectReader.prototype, 'start');
    const result = parseCamt(generateBenchCamt053(200), { reversalSign: 'booking' });
    expect(result.ok && result.statements[0]?.entries.length).toBe(200);
    expect(finish).toHaveBeenCalledTimes(200);
    expect(finish.mock.results.every((call) => call.value !== undefined)).toBe(true);
    expect(start.mock.results.some((call) => call.value === 'handover')).toBe(false);
  });

  it('hands a batch entry over to the tree readers, which read it', () => {
    const batch =
      '<Ntry><Amt Ccy="EUR">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>' +
      '<BookgDt><Dt>2024-03-01</Dt></BookgDt><NtryDtls><Btch><PmtInfId>P1</PmtInfId></Btch>' +
      '<TxDtls><Refs><EndToEndId>A</EndToEndId></Refs><Amt Ccy="EUR">1.00</Amt></TxDtls>' +
      '<TxDtls><Refs><EndToEndId>B</EndToEndId></Refs><Amt Ccy="EUR">2.00</Amt></TxDtls>' +
      '</NtryDtls></Ntry>';
    const text = generateBenchCamt053(1).replace(/<Ntry>[\s\S]*<\/Ntry>/, batch);
    const start = vi.spyOn(CamtEntryDirectReader.prototype, 'start');
    const result = parseCamt(text, { reversalSign: 'booking' });
    expect(start.mock.results.some((call) => call.value === 'handover')).toBe(true);
    const entry = result.ok ? result.statements[0]?.entries[0] : undefined;
    expect(entry?.details).toHaveLength(2);
    expect(entry?.references.paymentInformationId).toBe('P1');
  });
});
