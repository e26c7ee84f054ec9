export {
  currencyExponent,
  isHistoricCurrency,
  isKnownCurrency,
  knownCurrencyCodes,
  statementCurrencyExponent,
} from './currency-exponents.js';
export { AMOUNT_MINOR_MAX, AMOUNT_TEXT_LENGTH_MAX, formatAmount, parseAmount } from './amount.js';
export type { AmountParseError, AmountParseResult } from './amount.js';
