import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  isHistoricCurrency,
  isKnownCurrency,
  knownCurrencyCodes,
  statementCurrencyExponent,
} from './currency-exponents.js';

describe('currencyExponent', () => {
  it('knows the exponents custody statements use', () => {
    const expected: Record<string, number> = {
      CNY: 2,
      USD: 2,
      EUR: 2,
      GBP: 2,
      CHF: 2,
      HKD: 2,
      SGD: 2,
      SEK: 2,
      PLN: 2,
      CAD: 2,
      AUD: 2,
      JPY: 0,
      KRW: 0,
      ISK: 0,
      CLP: 0,
      VND: 0,
      KWD: 3,
      BHD: 3,
      OMR: 3,
      JOD: 3,
      TND: 3,
      CLF: 4,
    };
    for (const [code, exponent] of Object.entries(expected)) {
      expect(currencyExponent(code), code).toBe(exponent);
    }
  });

  it('has no entry for unknown, lowercase or metal codes', () => {
    for (const code of ['XXX', 'XAU', 'XDR', 'eur', 'EURO', '', 'constructor', '__proto__']) {
      expect(currencyExponent(code), code).toBeUndefined();
    }
  });

  it('reads withdrawn codes in statements, marks them historic, and keeps them off the books', () => {
    expect(statementCurrencyExponent('DEM')).toBe(2);
    expect(currencyExponent('DEM')).toBeUndefined();
    expect(isKnownCurrency('DEM')).toBe(false);
    expect(isKnownCurrency('CNY')).toBe(true);
    expect(isHistoricCurrency('DEM')).toBe(true);
    expect(isHistoricCurrency('EUR')).toBe(false);
  });

  it('lists each code once', () => {
    const codes = knownCurrencyCodes();
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(150);
  });
});
