import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from './parse-statement-file.js';
import { statementToJson } from './statement-json.js';

describe('statementToJson', () => {
  it('writes minor units and sequences as decimal strings and survives JSON.stringify', () => {
    const bytes = readFileSync(
      new URL('../../../shared/fixtures/camt053/camt053.v8.xml', import.meta.url),
    );
    const result = parseStatementFile(bytes);
    if (!result.ok) throw new Error(result.error.message);
    const json = statementToJson(result.statements[0] ?? expect.fail('statement'));
    expect(json.openingBalance?.amountMinor).toBe('1815');
    expect(json.closingBalance?.amountMinor).toBe('-2700');
    expect(json.electronicSequence).toBe('12312');
    expect(json.entries[0]?.amountMinor).toBe('885');
    expect(json.entries[0]?.details[0]?.amountMinor).toBe('0');
    const text = JSON.stringify(json);
    expect(JSON.parse(text)).toEqual(json);
    expect(text).not.toMatch(/"amountMinor":\d/);
  });

  it('keeps values beyond 2^53 exact', () => {
    const big = '12345678901234567890.12';
    const text = [
      ':20:X',
      ':25:ACC',
      `:60F:C240301USD${big.replace('.', ',')}`,
      `:62F:C240301USD${big.replace('.', ',')}`,
    ].join('\n');
    const result = parseStatementFile(text);
    if (!result.ok) throw new Error(result.error.message);
    const json = statementToJson(result.statements[0] ?? expect.fail('statement'));
    expect(json.openingBalance?.amountMinor).toBe('1234567890123456789012');
  });
});
