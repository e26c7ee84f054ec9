import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownCurrencyCodes, statementCurrencyExponent } from '../money/index.js';
import { decimalToMinor, minorToDecimal } from './decimal-amount.js';

const signedDot = { decimalSeparator: '.', signed: true } as const;

describe('decimalToMinor', () => {
  it('scales by the currency exponent', () => {
    expect(decimalToMinor('18.15', 'EUR')).toEqual({ ok: true, amountMinor: 1815n });
    expect(decimalToMinor('8.5', 'USD')).toEqual({ ok: true, amountMinor: 850n });
    expect(decimalToMinor('2700', 'JPY')).toEqual({ ok: true, amountMinor: 2700n });
    expect(decimalToMinor('1.234', 'KWD')).toEqual({ ok: true, amountMinor: 1234n });
    expect(decimalToMinor('0.5', 'BHD')).toEqual({ ok: true, amountMinor: 500n });
    expect(decimalToMinor('12', 'CNY')).toEqual({ ok: true, amountMinor: 1200n });
    expect(decimalToMinor('380115,', 'EUR', { decimalSeparator: ',', signed: false })).toEqual({
      ok: true,
      amountMinor: 38011500n,
    });
    expect(decimalToMinor('-0.01', 'GBP', signedDot)).toEqual({ ok: true, amountMinor: -1n });
  });

  it('keeps amounts beyond 2^53 exact', () => {
    expect(decimalToMinor('123456789012345678.91', 'USD')).toEqual({
      ok: true,
      amountMinor: 12345678901234567891n,
    });
  });

  it('rejects more decimals than the exponent allows, even trailing zeros', () => {
    const result = decimalToMinor('1.005', 'EUR');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_amount');
      expect(result.error.message).toContain('EUR allows 2');
    }
    expect(decimalToMinor('2700.00', 'JPY').ok).toBe(false);
    expect(decimalToMinor('1.2345', 'KWD').ok).toBe(false);
  });

  it('rejects unknown currencies and non-decimals', () => {
    expect(decimalToMinor('1.00', 'XXX')).toMatchObject({
      ok: false,
      error: { code: 'unknown_currency' },
    });
    expect(decimalToMinor('1.00', 'eur')).toMatchObject({
      ok: false,
      error: { code: 'unknown_currency' },
    });
    for (const text of ['', '.', '1e3', '1,5', '0x10', ' 1', '1.2.3', '-1', '١٢']) {
      expect(decimalToMinor(text, 'EUR')).toMatchObject({
        ok: false,
        error: { code: 'bad_amount' },
      });
    }
    expect(decimalToMinor('9'.repeat(41), 'EUR').ok).toBe(false);
  });
});

describe('minorToDecimal', () => {
  it('renders with the exponent and a leading zero', () => {
    expect(minorToDecimal(1815n, 'EUR')).toBe('18.15');
    expect(minorToDecimal(-5n, 'EUR')).toBe('-0.05');
    expect(minorToDecimal(0n, 'KWD')).toBe('0.000');
    expect(minorToDecimal(-2700n, 'JPY')).toBe('-2700');
    expect(minorToDecimal(123456n, 'EUR', ',')).toBe('1234,56');
  });
});

describe('decimal ⇄ minor round trip (property)', () => {
  const currency = fc.constantFrom(...knownCurrencyCodes());
  const amount = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });

  it('minor → decimal → minor is the identity for every currency', () => {
    fc.assert(
      fc.property(currency, amount, fc.constantFrom('.', ','), (code, minor, separator) => {
        const text = minorToDecimal(minor, code, separator);
        const back = decimalToMinor(text, code, { decimalSeparator: separator, signed: true });
        expect(back).toEqual({ ok: true, amountMinor: minor });
      }),
    );
  });

  it('decimal → minor → decimal is the identity on canonical decimals', () => {
    const canonical = fc
      .tuple(currency, fc.bigInt({ min: 0n, max: 10n ** 20n }))
      .map(([code, minor]) => ({ code, text: minorToDecimal(minor, code) }));
    fc.assert(
      fc.property(canonical, ({ code, text }) => {
        const parsed = decimalToMinor(text, code);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(minorToDecimal(parsed.amountMinor, code)).toBe(text);
      }),
    );
  });

  it('any extra decimal digit beyond the exponent is refused', () => {
    fc.assert(
      fc.property(
        currency,
        fc.nat(10_000),
        fc.integer({ min: 0, max: 9 }),
        (code, whole, digit) => {
          const exponent = statementCurrencyExponent(code) ?? 0;
          const text = `${whole}.${'0'.repeat(exponent)}${digit}`;
          expect(decimalToMinor(text, code).ok).toBe(false);
        },
      ),
    );
  });

  it('reads every text as the decimal pattern does, amount for amount', () => {
    // The pattern reading decimalToMinor falls back to, written out as the reference.
    const reference = (text: string, exponent: number, separator: '.' | ','): bigint | false => {
      const pattern =
        separator === '.' ? /^([+-]?)(\d*)(?:\.(\d*))?$/ : /^([+-]?)(\d*)(?:,(\d*))?$/;
      const match = pattern.exec(text);
      if (match === null || text.length > 40) return false;
      const [, sign = '', whole = '', fraction = ''] = match;
      if (whole.length + fraction.length === 0 || sign !== '' || fraction.length > exponent) {
        return false;
      }
      return BigInt((whole || '0') + fraction.padEnd(exponent, '0'));
    };
    const character = fc.constantFrom(...'0123456789012345678990.,+- x'.split(''));
    fc.assert(
      fc.property(
        currency,
        fc.array(character, { maxLength: 24 }).map((characters) => characters.join('')),
        fc.constantFrom<'.' | ','>('.', ','),
        (code, text, separator) => {
          const exponent = statementCurrencyExponent(code) ?? 0;
          const parsed = decimalToMinor(text, code, { decimalSeparator: separator, signed: false });
          expect(parsed.ok ? parsed.amountMinor : false).toBe(reference(text, exponent, separator));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
