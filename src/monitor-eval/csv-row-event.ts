import { currencyExponent } from '../money/index.js';
import type { MonitoredEvent } from '../monitor/monitored-event.js';
import type { CsvEventMapping } from './csv-event-mapping.js';
import type { TimestampParser } from './csv-timestamp.js';

/** Amount text longer than this is refused before any digit is read. */
export const CSV_AMOUNT_CHARS_MAX = 40;

export interface RowEvent {
  event: MonitoredEvent;
  /** Typology (mapped), `laundering` for a bare positive label, or null. */
  label: string | null;
  instanceId: string | null;
}

export type RowResult = { ok: true; row: RowEvent } | { ok: false; reason: string };

/** Reads a cell by header name; the reader checked every mapped column exists. */
export type CellReader = (column: string) => string;

/**
 * One CSV row as a monitored event. Accounts become customers one to one (`acc:` + the
 * joined account columns), which is what a bank-to-bank transaction file allows.
 */
export function rowToEvent(
  cell: CellReader,
  mapping: CsvEventMapping,
  parseTime: TimestampParser,
  rowNumber: number,
): RowResult {
  const joined = (columns: string | string[], separator: string) =>
    (Array.isArray(columns) ? columns : [columns])
      .map((column) => cell(column).trim())
      .join(separator);
  const atMs = parseTime(joined(mapping.timestamp.columns, ' '));
  if (atMs === null) return { ok: false, reason: 'bad timestamp' };
  const currency = currencyOf(cell, mapping);
  if (currency === null) return { ok: false, reason: 'unknown currency' };
  const amountMinor = decimalToMinorUnits(
    cell(mapping.amount).trim(),
    currency,
    mapping.roundExcessDecimals,
  );
  if (amountMinor === null) return { ok: false, reason: 'bad amount' };
  if (amountMinor === 0n) return { ok: false, reason: 'zero amount' };
  const payerAccount = joined(mapping.payerAccount, ':');
  const payeeAccount = joined(mapping.payeeAccount, ':');
  if (payerAccount === '' || payeeAccount === '') return { ok: false, reason: 'missing account' };
  const paymentType = mapping.paymentType === undefined ? '' : cell(mapping.paymentType).trim();
  const kind = mapping.paymentKinds?.[paymentType] ?? 'transfer';
  const payer = kind === 'deposit' ? null : payerAccount;
  const payee = kind === 'withdrawal' ? null : payeeAccount;
  const event: MonitoredEvent = {
    eventId: `row-${rowNumber}`,
    platformId: mapping.platformId,
    atMs,
    kind,
    purpose: paymentType === '' ? 'transfer' : paymentType.slice(0, 100),
    amountMinor,
    currency,
    payerCustomerId: payer === null ? null : `acc:${payer}`,
    payeeCustomerId: payee === null ? null : `acc:${payee}`,
    payerAccountId: payer,
    payeeAccountId: payee,
  };
  const cash = mapping.cashPaymentTypes?.includes(paymentType) === true;
  const border = mapping.crossBorder;
  const crossBorder =
    border !== undefined && cell(border.payerLocation).trim() !== cell(border.payeeLocation).trim();
  if (cash || crossBorder)
    event.channel = { ...(cash ? { cash } : {}), ...(crossBorder ? { crossBorder } : {}) };
  const label = labelOf(cell, mapping);
  const instanceId =
    label === null || mapping.instance === undefined
      ? null
      : `${label}:${cell(mapping.instance).trim()}`;
  return { ok: true, row: { event, label, instanceId } };
}

function currencyOf(cell: CellReader, mapping: CsvEventMapping): string | null {
  if ('fixed' in mapping.currency) return mapping.currency.fixed;
  const text = cell(mapping.currency.column).trim();
  const code = mapping.currency.names?.[text] ?? text;
  return currencyExponent(code) === undefined ? null : code;
}

function labelOf(cell: CellReader, mapping: CsvEventMapping): string | null {
  const typologyText = mapping.typology === undefined ? '' : cell(mapping.typology.column).trim();
  let positive: boolean;
  if (mapping.label !== undefined) {
    const text = cell(mapping.label.column).trim().toLowerCase();
    positive = mapping.label.positiveValues.some((value) => value.toLowerCase() === text);
  } else if (mapping.typology !== undefined) {
    positive = typologyText !== '' && !mapping.typology.normalValues.includes(typologyText);
  } else return null;
  if (!positive) return null;
  if (typologyText === '') return 'laundering';
  return mapping.typology?.map?.[typologyText] ?? typologyText;
}

/**
 * Unsigned decimal text to minor units. More decimals than the currency has: null, or
 * rounded half up when the mapping allows it (monitoring does not need sub-unit precision).
 */
export function decimalToMinorUnits(text: string, currency: string, round: boolean): bigint | null {
  const exponent = currencyExponent(currency);
  if (exponent === undefined || text.length === 0 || text.length > CSV_AMOUNT_CHARS_MAX)
    return null;
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (match === null) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (whole.length + fraction.length === 0) return null;
  if (fraction.length > exponent && !round) return null;
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const roundUp = fraction.length > exponent && (fraction[exponent] ?? '0') >= '5';
  return BigInt((whole || '0') + kept) + (roundUp ? 1n : 0n);
}
