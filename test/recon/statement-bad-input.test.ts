import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../src/recon/index.js';
import { camt053, createReconHarness, tableCounts, type ReconHarness } from './recon-harness.js';

// Goal: a bad statement file is refused with an error naming the element or line, and writes
// nothing (table counts compared). Then the parsers are fuzzed with mutations of the shared
// fixtures: every call returns a typed result, in bounded time.

const FIXTURES = '/work/shared/fixtures';
const good = camt053('BAD-BASE', 0n, [{ amountMinor: 1000n, endToEndId: 'E2E-1' }], '2024-03-01');
const mt940 = [
  ':20:STMT',
  ':25:NL91ABNA0417164300',
  ':28C:1/1',
  ':60F:C240301CNY100,00',
  ':61:2403010301C10,00NTRFE2E-1//BANKREF1',
  ':86:top up',
  ':62F:C240301CNY110,00',
  '-',
].join('\r\n');

const cases: [string, string, RegExp][] = [
  ['truncated XML', good.slice(0, good.length / 2), /well-formed|line \d+/i],
  ['wrong namespace', good.replace('camt.053.001.08', 'camt.099.001.08'), /namespace/i],
  ['broken MT940 tag', mt940.replace(':61:2403010301C10,00', ':61:24030X0301C10,00'), /line 5/],
  ['30 February', good.replace(/2024-03-01/g, '2024-02-30'), /date|2024-02-30/i],
  ['too many decimals', good.replace('>10.00<', '>10.001<'), /decimal|Amt/i],
  ['mixed currencies', good.replace('<Amt Ccy="CNY">10.00', '<Amt Ccy="EUR">10.00'), /currency/i],
  [
    'unbalanced statement',
    good.replace(/(<Cd>CLBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="CNY">)10\.00/, '$110.01'),
    /balance/i,
  ],
  ['unbalanced MT940', mt940.replace(':62F:C240301CNY110,00', ':62F:C240301CNY111,00'), /balance/i],
  ['not a statement', 'hello world', /camt|MT940|format/i],
];

describe('bad statement input', () => {
  let h: ReconHarness;
  beforeAll(async () => {
    h = await createReconHarness();
  });
  afterAll(() => h.close());

  it('the base files import (so the cases below fail for their own reason)', async () => {
    const parsed = parseStatementFile(mt940);
    expect(parsed.ok).toBe(true);
  });

  for (const [name, content, message] of cases) {
    it(`refuses ${name} and writes nothing`, async () => {
      const before = await tableCounts(h.db);
      const reply = await h.call('POST', `${h.base}/imports`, {
        body: { format: 'auto', content },
      });
      expect(reply.status).toBe(400);
      expect(String(reply.body.detail)).toMatch(message);
      expect(await tableCounts(h.db)).toEqual(before);
    });
  }
});

function fixtureTexts(): string[] {
  const texts: string[] = [];
  for (const folder of ['camt053', 'mt940']) {
    for (const name of fs.readdirSync(`${FIXTURES}/${folder}`)) {
      if (!name.startsWith('LICENSE'))
        texts.push(fs.readFileSync(`${FIXTURES}/${folder}/${name}`, 'latin1'));
    }
  }
  return texts;
}

describe('parser fuzzing', () => {
  const texts = fixtureTexts();
  const mutation = fc.record({
    file: fc.integer({ min: 0, max: texts.length - 1 }),
    edits: fc.array(
      fc.record({
        kind: fc.constantFrom('delete', 'insert', 'replace', 'truncate', 'duplicate'),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.integer({ min: 1, max: 40 }),
        text: fc.constantFrom(
          '<',
          '>',
          '</Ntry>',
          '<Ntry>',
          ':61:',
          ':86:',
          '\r\n',
          'Ä',
          '9999',
          ',',
          '&amp;',
          '\u0000',
          'C',
          'D',
        ),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });

  it('never throws and never hangs on mutated fixtures', () => {
    expect(texts.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(mutation, ({ file, edits }) => {
        let text = texts[file] as string;
        for (const edit of edits) {
          const at = Math.floor(edit.at * text.length);
          if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length);
          if (edit.kind === 'insert') text = text.slice(0, at) + edit.text + text.slice(at);
          if (edit.kind === 'replace')
            text = text.slice(0, at) + edit.text + text.slice(at + edit.length);
          if (edit.kind === 'truncate') text = text.slice(0, at);
          if (edit.kind === 'duplicate')
            text = text.slice(0, at + edit.length * 10) + text.slice(at);
        }
        const started = performance.now();
        const result = parseStatementFile(text);
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.code).toMatch(/^[a-z0-9_]+$/);
      }),
      { numRuns: 1_500 },
    );
  });
});
