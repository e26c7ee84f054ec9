import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMOUNT_MINOR_MAX, formatAmount, parseAmount } from './index.js';

describe('parseAmount', () => {
  it('reads decimals into minor units by the currency exponent', () => {
    expect(parseAmount('1250.5', 'CNY')).toEqual({ ok: true, amountMinor: 125050n });
    expect(parseAmount('1250', 'JPY')).toEqual({ ok: true, amountMinor: 1250n });
    expect(parseAmount('0.001', 'KWD')).toEqual({ ok: true, amountMinor: 1n });
  });

  it('refuses bad amounts with a reason', () => {
    for (const text of ['-1', '1.234', '1e5', 'abc', '', '01', '1,000', ' 1', '0', '0.00']) {
      const result = parseAmount(text, 'CNY');
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('bad_amount');
    }
    expect(parseAmount('1.5', 'JPY').ok).toBe(false);
    expect(parseAmount((AMOUNT_MINOR_MAX + 1n).toString(), 'JPY').ok).toBe(false);
  });

  it('refuses unknown currencies', () => {
    expect(parseAmount('1', 'XYZ')).toEqual({
      ok: false,
      error: { code: 'unknown_currency', currency: 'XYZ' },
    });
  });

  it('round-trips every valid amount through formatAmount', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: AMOUNT_MINOR_MAX }),
        fc.constantFrom('CNY', 'JPY', 'KWD', 'USD'),
        (amountMinor, currency) => {
          const text = formatAmount(amountMinor, currency);
          const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
          const parsed = parseAmount(trimmed, currency);
          expect(parsed).toEqual({ ok: true, amountMinor });
        },
      ),
    );
  });

  it('formats negative amounts', () => {
    expect(formatAmount(-5n, 'CNY')).toBe('-0.05');
    expect(formatAmount(0n, 'JPY')).toBe('0');
  });
});
