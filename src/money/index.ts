export { CURRENCY_EXPONENTS, currencyExponent, isKnownCurrency } from './currencies.js';
export type { CurrencyCode } from './currencies.js';
export { AMOUNT_MINOR_MAX, AMOUNT_TEXT_LENGTH_MAX, formatAmount, parseAmount } from './amount.js';
export type { AmountParseError, AmountParseResult } from './amount.js';
