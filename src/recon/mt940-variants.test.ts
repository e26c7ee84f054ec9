import { describe, expect, it } from 'vitest';
import { parseStatementFile } from './parse-statement-file.js';
import type { ParseStatementResult } from './parse-result.js';
import type { Statement } from './statement.js';
import { validateStatements } from './validate-statements.js';

// Hand-written MT940 for the deviations real banks produce and the fixtures do not show.

function lines(...fields: string[]): string {
  return fields.join('\r\n');
}

function parseOk(text: string | Buffer): { statements: Statement[]; warnings: string[] } {
  const result = parseStatementFile(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return { statements: [...result.statements], warnings: result.warnings.map((w) => w.code) };
}

function errorOf(result: ParseStatementResult): { code: string; line?: number } {
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

const HEADER = [':20:REF1', ':25:NL91ABNA0417164300', ':28C:12/1'];

describe('MT940 layout variants', () => {
  it('reads two enveloped messages, CRLF, with a {5:} trailer', () => {
    const message = (reference: string, number: number): string =>
      lines(
        '{1:F01ABNANL2AXXX0000000000}{2:O9401200240301ABNANL2AXXX00000000002403011200N}' +
          '{3:{108:X}}{4:',
        `:20:${reference}`,
        ':25:NL91ABNA0417164300EUR',
        `:28C:${number}/1`,
        ':60F:C240301EUR100,00',
        ':61:2403010301D25,5NTRFNONREF//B1',
        ':86:Fee',
        ':62F:C240301EUR74,50',
        '-}{5:{CHK:ABCDEF}}',
      );
    const { statements, warnings } = parseOk(`${message('A', 7)}\r\n${message('B', 8)}`);
    expect(warnings).toEqual([]);
    expect(statements.map((s) => s.messageId)).toEqual(['A', 'B']);
    expect(statements[0]?.account).toEqual({ iban: 'NL91ABNA0417164300', currency: 'EUR' });
    expect(statements[0]?.entries[0]).toMatchObject({
      amountMinor: -2550n,
      references: { bankReference: 'B1' },
      remittanceText: 'Fee',
    });
    expect(validateStatements(statements)).toEqual([]);
  });

  it('rolls the entry date into the next year and clamps 30 February', () => {
    const text = lines(
      ...HEADER,
      ':60F:C231231EUR0,',
      ':61:2312310102C1,NMSCNONREF',
      ':61:2402300230C2,NINTNONREF',
      ':62F:C240301EUR3,',
    );
    const { statements, warnings } = parseOk(text);
    const [rollover, february] = statements[0]?.entries ?? [];
    expect(rollover).toMatchObject({ valueDate: '2023-12-31', bookingDate: '2024-01-02' });
    expect(february).toMatchObject({ valueDate: '2024-02-29', bookingDate: '2024-02-29' });
    expect(warnings).toEqual(['date_clamped', 'date_clamped']);
  });

  it('signs RD as money in, RC as money out, and flags both as reversals', () => {
    const text = lines(
      ...HEADER,
      ':60F:D240301USD10,00',
      ':61:240301RD4,00NTRFNONREF',
      ':61:240301RC1,00NTRFNONREF',
      ':62F:D240301USD7,00',
    );
    const entries = parseOk(text).statements[0]?.entries ?? [];
    expect(entries.map((e) => [e.amountMinor, e.reversal])).toEqual([
      [400n, true],
      [-100n, true],
    ]);
  });

  it('skips a bank preamble, keeps :64:/:65: and statement-level :86:', () => {
    const text = lines(
      'ABNANL2A',
      '940',
      'ABNANL2A',
      ...HEADER,
      ':60F:C240301EUR1,00',
      ':62F:C240301EUR1,00',
      ':64:C240301EUR1,00',
      ':65:C240302EUR1,00',
      ':65:C240303EUR2,00',
      ':86:Statement note',
    );
    const { statements, warnings } = parseOk(text);
    expect(warnings).toEqual(['ignored_line', 'ignored_line', 'ignored_line']);
    expect(statements[0]?.otherBalances.map((b) => [b.type, b.date])).toEqual([
      ['64', '2024-03-01'],
      ['65', '2024-03-02'],
      ['65', '2024-03-03'],
    ]);
    expect(statements[0]?.information).toBe('Statement note');
  });

  it('reads Latin-1 bytes that are not UTF-8, with a warning', () => {
    const text = lines(
      ...HEADER,
      ':60F:C240301EUR1,00',
      ':61:240301C1,00NTRFNONREF',
      ':86:Gebühr',
      ':62F:C240301EUR2,00',
    );
    const { statements, warnings } = parseOk(Buffer.from(text, 'latin1'));
    expect(warnings).toEqual(['decoded_as_latin1']);
    expect(statements[0]?.entries[0]?.remittanceText).toBe('Gebühr');
  });

  it('warns when the currency on :25: differs from the balances', () => {
    const text = lines(
      ':20:X',
      ':25:NL91ABNA0417164300USD',
      ':60F:C240301EUR1,00',
      ':62F:C240301EUR1,00',
    );
    expect(parseOk(text).warnings).toEqual(['account_currency_differs']);
  });

  it('finds an unbalanced statement and reports the difference', () => {
    const text = lines(
      ...HEADER,
      ':60F:C240301EUR100,00',
      ':61:240301D10,00NTRFNONREF',
      ':62F:C240301EUR91,00',
    );
    const issues = validateStatements(parseOk(text).statements);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'balance_mismatch', differenceMinor: 100n }),
    ]);
  });
});

describe('MT940 refusals', () => {
  it('never guesses an amount without its decimal comma', () => {
    const text = lines(
      ...HEADER,
      ':60F:C240301EUR100,00',
      ':61:240301D1000NTRFNONREF',
      ':62F:C240301EUR90,00',
    );
    expect(errorOf(parseStatementFile(text))).toEqual(
      expect.objectContaining({ code: 'bad_amount', line: 5 }),
    );
  });

  it('refuses too many decimals and unknown currencies with the line', () => {
    const decimals = lines(...HEADER, ':60F:C240301EUR1,005', ':62F:C240301EUR1,00');
    expect(errorOf(parseStatementFile(decimals))).toMatchObject({ code: 'bad_amount', line: 4 });
    const currency = lines(...HEADER, ':60F:C240301ABC1,00', ':62F:C240301ABC1,00');
    expect(errorOf(parseStatementFile(currency))).toMatchObject({
      code: 'unknown_currency',
      line: 4,
    });
  });

  it('refuses structure it cannot trust', () => {
    const beforeOpening = lines(...HEADER, ':61:240301D1,00NTRFNONREF', ':60F:C240301EUR1,00');
    expect(errorOf(parseStatementFile(beforeOpening))).toMatchObject({
      code: 'malformed_mt940',
      line: 4,
    });
    const twoOpenings = lines(...HEADER, ':60F:C240301EUR1,00', ':60F:C240301EUR1,00');
    expect(errorOf(parseStatementFile(twoOpenings))).toMatchObject({
      code: 'malformed_mt940',
      line: 5,
    });
    const noAccount = lines(':20:X', ':60F:C240301EUR1,00', ':62F:C240301EUR1,00');
    expect(errorOf(parseStatementFile(noAccount)).code).toBe('missing_element');
    const badLine = lines(...HEADER, ':60F:C240301EUR1,00', ':61:garbage', ':62F:C240301EUR1,00');
    expect(errorOf(parseStatementFile(badLine))).toMatchObject({
      code: 'malformed_mt940',
      line: 5,
    });
    const badDate = lines(...HEADER, ':60F:C241301EUR1,00');
    expect(errorOf(parseStatementFile(badDate))).toMatchObject({ code: 'bad_date', line: 4 });
  });
});
