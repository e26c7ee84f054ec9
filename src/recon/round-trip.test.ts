import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from './parse-statement-file.js';
import type { Statement } from './statement.js';
import {
  statementArbitrary,
  withEntryAmount,
  type GeneratedStatement,
} from './test-arbitrary-statement.js';
import { renderCamt053 } from './test-render-camt053.js';
import { renderMt940 } from './test-render-mt940.js';
import { validateBalance } from './validate-balance.js';
import { validateStatements } from './validate-statements.js';

// Property tests: a generated statement written as MT940 or camt.053 by the test renderers
// must parse back to the same amounts, dates and references and pass the balance check, and
// the balance check must catch any single changed amount.

function parseOne(text: string): Statement {
  const result = parseStatementFile(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}\n${text}`);
  expect(result.statements).toHaveLength(1);
  return result.statements[0] as Statement;
}

function expectSameMoney(parsed: Statement, generated: GeneratedStatement): void {
  expect(parsed.account.currency).toBe(generated.currency);
  expect(parsed.openingBalance?.amountMinor).toBe(generated.openingMinor);
  expect(parsed.closingBalance?.amountMinor).toBe(generated.closingMinor);
  expect(parsed.entries.map((e) => e.amountMinor)).toEqual(
    generated.entries.map((e) => e.amountMinor),
  );
  expect(parsed.entries.map((e) => [e.valueDate, e.bookingDate])).toEqual(
    generated.entries.map((e) => [e.valueDate, e.bookingDate]),
  );
  expect(parsed.legalSequence).toBe(BigInt(generated.statementNumber));
  expect(validateStatements([parsed])).toEqual([]);
}

describe('parse(render(statement)) round trip', () => {
  it('MT940, CRLF or LF, inside a SWIFT envelope', () => {
    fc.assert(
      fc.property(statementArbitrary, fc.constantFrom('\r\n', '\n'), (generated, ending) => {
        const parsed = parseOne(renderMt940(generated, ending as '\r\n' | '\n'));
        expectSameMoney(parsed, generated);
        expect(parsed.entries.map((e) => e.references.customerReference)).toEqual(
          generated.entries.map((e) => e.endToEndId),
        );
        expect(parsed.entries.map((e) => e.references.bankReference)).toEqual(
          generated.entries.map((e) => e.bankReference),
        );
        expect(parsed.entries.map((e) => e.remittanceText)).toEqual(
          generated.entries.map((e) => e.remittanceText),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('camt.053 versions 02, 04 and 08', () => {
    fc.assert(
      fc.property(statementArbitrary, fc.constantFrom('02', '04', '08'), (generated, version) => {
        const parsed = parseOne(renderCamt053(generated, version as '02' | '04' | '08'));
        expectSameMoney(parsed, generated);
        expect(parsed.version).toBe(`camt.053.001.${version}`);
        expect(parsed.entries.map((e) => e.references.endToEndId)).toEqual(
          generated.entries.map((e) => e.endToEndId),
        );
        expect(parsed.entries.map((e) => e.references.accountServicerReference)).toEqual(
          generated.entries.map((e) => e.bankReference),
        );
        expect(parsed.entries.map((e) => e.remittanceText)).toEqual(
          generated.entries.map((e) => e.remittanceText),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('MT940 and camt.053 of the same statement give the same entry amounts', () => {
    fc.assert(
      fc.property(statementArbitrary, (generated) => {
        const fromMt940 = parseOne(renderMt940(generated, '\n'));
        const fromCamt = parseOne(renderCamt053(generated, '08'));
        expect(fromCamt.entries.map((e) => e.amountMinor)).toEqual(
          fromMt940.entries.map((e) => e.amountMinor),
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe('balance check sensitivity', () => {
  const withEntries = statementArbitrary.filter((generated) => generated.entries.length > 0);

  it('detects any single changed amount and reports the exact difference', () => {
    fc.assert(
      fc.property(
        withEntries,
        fc.nat(),
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((delta) => delta !== 0n),
        (generated, pick, delta) => {
          const parsed = parseOne(renderMt940(generated, '\n'));
          const index = pick % parsed.entries.length;
          const original = parsed.entries[index]?.amountMinor ?? 0n;
          const tampered = withEntryAmount(parsed, index, original + delta);
          const issues = validateBalance(tampered, 0);
          expect(issues).toEqual([
            expect.objectContaining({ code: 'balance_mismatch', differenceMinor: -delta }),
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
