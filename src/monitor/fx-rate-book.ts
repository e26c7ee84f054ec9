import { assert } from '../assert.js';
import { currencyExponent } from '../money/index.js';
import { DAY_MS, FX_RATES_MAX } from './limits.js';

/** One rate to CNY: for a calendar day (whole days since 1970-01-01), or the default (null). */
export interface FxRate {
  currency: string;
  effectiveDay: number | null;
  cnyPerUnitMicros: bigint;
}

interface CurrencyRates {
  /** Ascending effective days and their rates (CNY per unit, in millionths). */
  days: number[];
  micros: number[];
  fallbackMicros: number | undefined;
}

const CNY_MICROS = 1_000_000;
/** Rates are dated in China Standard Time days, like the large-value report that reads them. */
export const FX_DAY_OFFSET_MS = 8 * 3_600_000;

/**
 * Exchange rates to CNY by calendar day, for amount thresholds a rule states in one currency
 * and applies to events in others (`otherCurrenciesVia`). The rate of a day is the newest
 * dated rate on or before it, else the currency's default; a currency without either has no
 * rate and such a threshold cannot decide in it. One book may be shared by several engines:
 * replace() swaps every rate at once.
 */
export class FxRateBook {
  #byCurrency = new Map<string, CurrencyRates>();

  constructor(rates: readonly FxRate[] = []) {
    this.replace(rates);
  }

  get size(): number {
    let count = 0;
    for (const rates of this.#byCurrency.values()) {
      count += rates.days.length + (rates.fallbackMicros === undefined ? 0 : 1);
    }
    return count;
  }

  replace(rates: readonly FxRate[]): void {
    assert(rates.length <= FX_RATES_MAX, `at most ${FX_RATES_MAX} exchange rates`);
    const next = new Map<string, CurrencyRates>();
    const sorted = [...rates].sort(
      (a, b) => (a.effectiveDay ?? -Infinity) - (b.effectiveDay ?? -Infinity),
    );
    for (const rate of sorted) {
      assert(rate.currency !== 'CNY', 'CNY needs no rate');
      assert(rate.cnyPerUnitMicros > 0n, `the ${rate.currency} rate is positive`);
      const micros = Number(rate.cnyPerUnitMicros);
      let entry = next.get(rate.currency);
      if (entry === undefined) {
        entry = { days: [], micros: [], fallbackMicros: undefined };
        next.set(rate.currency, entry);
      }
      if (rate.effectiveDay === null) {
        assert(entry.fallbackMicros === undefined, `one default rate for ${rate.currency}`);
        entry.fallbackMicros = micros;
        continue;
      }
      assert(Number.isInteger(rate.effectiveDay), 'an effective day is a whole day');
      assert(entry.days.at(-1) !== rate.effectiveDay, `one ${rate.currency} rate per day`);
      entry.days.push(rate.effectiveDay);
      entry.micros.push(micros);
    }
    this.#byCurrency = next;
  }

  /** CNY per unit of `currency` (in millionths) on the day of `atMs`; undefined without one. */
  cnyPerUnitMicros(currency: string, atMs: number): number | undefined {
    if (currency === 'CNY') return CNY_MICROS;
    const entry = this.#byCurrency.get(currency);
    if (entry === undefined) return undefined;
    const day = Math.floor((atMs + FX_DAY_OFFSET_MS) / DAY_MS);
    const { days } = entry;
    let low = 0;
    let high = days.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((days[middle] as number) <= day) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? entry.fallbackMicros : entry.micros[low - 1];
  }

  /**
   * `amountMinor` of `from` expressed in minor units of `to` at the rates of the day of `atMs`,
   * unrounded (a threshold compared with whole minor units needs no rounding); NaN when either
   * currency has no rate or no known exponent.
   */
  convertMinor(amountMinor: number, from: string, to: string, atMs: number): number {
    if (from === to) return amountMinor;
    const fromExponent = currencyExponent(from);
    const toExponent = currencyExponent(to);
    const fromMicros = this.cnyPerUnitMicros(from, atMs);
    const toMicros = this.cnyPerUnitMicros(to, atMs);
    if (fromExponent === undefined || toExponent === undefined) return NaN;
    if (fromMicros === undefined || toMicros === undefined) return NaN;
    return ((amountMinor * fromMicros) / toMicros) * 10 ** (toExponent - fromExponent);
  }
}
