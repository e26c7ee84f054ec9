import { assert } from '../assert.js';

/**
 * ISO 4217 minor-unit exponents. The exponent decides how many decimals a statement amount may
 * carry and how it maps to integer minor units. Codes without a minor unit (XAU, XDR, ...) are
 * left out on purpose: a cash statement in them cannot be converted without guessing.
 */

/** Active codes whose exponent is not 2. */
const EXPONENT_EXCEPTIONS: Readonly<Record<number, readonly string[]>> = {
  0: [
    'BIF',
    'CLP',
    'DJF',
    'GNF',
    'ISK',
    'JPY',
    'KMF',
    'KRW',
    'PYG',
    'RWF',
    'UGX',
    'UYI',
    'VND',
  ].concat(['VUV', 'XAF', 'XOF', 'XPF']),
  3: ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'],
  4: ['CLF', 'UYW'],
};

/** Active codes with two decimals. */
const EXPONENT_TWO = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP ' +
  'BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD ' +
  'FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD ' +
  'KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD ' +
  'NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP ' +
  'SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED ' +
  'VES WST XCD XCG YER ZAR ZMW ZWG'
).split(' ');

/**
 * Withdrawn codes still found in archived statements (the cmxl MT940 sample books in DEM).
 * They parse, with a warning, so old files can be reconciled against migrated books.
 */
const HISTORIC_EXPONENTS: Readonly<Record<string, number>> = {
  DEM: 2,
  FRF: 2,
  NLG: 2,
  HRK: 2,
  SLL: 2,
  ZWL: 2,
};

function buildActiveTable(): ReadonlyMap<string, number> {
  const table = new Map<string, number>();
  for (const code of EXPONENT_TWO) table.set(code, 2);
  for (const [exponent, codes] of Object.entries(EXPONENT_EXCEPTIONS)) {
    for (const code of codes) {
      assert(!table.has(code), `currency ${code} listed twice`);
      table.set(code, Number(exponent));
    }
  }
  return table;
}

const ACTIVE_EXPONENTS = buildActiveTable();

for (const [code, exponent] of ACTIVE_EXPONENTS) {
  assert(/^[A-Z]{3}$/.test(code), `currency code ${code} is not three capitals`);
  assert(exponent >= 0 && exponent <= 4, `currency ${code} exponent out of range`);
}
for (const code of Object.keys(HISTORIC_EXPONENTS)) {
  assert(!ACTIVE_EXPONENTS.has(code), `historic currency ${code} is also active`);
}

/** Exponent of an active or historic ISO 4217 code, or undefined when unknown. */
/** The exponent of an active code or of a withdrawn one (statements may still carry those). */
export function statementCurrencyExponent(code: string): number | undefined {
  const active = ACTIVE_EXPONENTS.get(code);
  if (active !== undefined) return active;
  if (Object.hasOwn(HISTORIC_EXPONENTS, code)) return HISTORIC_EXPONENTS[code];
  return undefined;
}

/** The exponent of a code the books accept: active ISO 4217 codes only. */
export function currencyExponent(code: string): number | undefined {
  return ACTIVE_EXPONENTS.get(code);
}

export function isKnownCurrency(code: string): boolean {
  return ACTIVE_EXPONENTS.has(code);
}

export function isHistoricCurrency(code: string): boolean {
  return Object.hasOwn(HISTORIC_EXPONENTS, code);
}

/** Every code the table knows, active first; used by tests and generators. */
export function knownCurrencyCodes(): readonly string[] {
  return [...ACTIVE_EXPONENTS.keys(), ...Object.keys(HISTORIC_EXPONENTS)];
}
