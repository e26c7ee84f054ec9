import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvEventMapping, type CsvEventMapping } from './csv-event-mapping.js';
import { decimalToMinorUnits, rowToEvent } from './csv-row-event.js';
import { timestampParser } from './csv-timestamp.js';

function mapping(json: unknown): CsvEventMapping {
  const parsed = parseCsvEventMapping(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.mapping;
}

const base = {
  timestamp: { columns: ['Date', 'Time'], format: 'YYYY-MM-DD HH:mm:ss', utcOffsetMinutes: 480 },
  payerAccount: ['Bank', 'From'],
  payeeAccount: 'To',
  amount: 'Amount',
  currency: { column: 'Ccy', names: { Yuan: 'CNY' } },
  paymentType: 'Type',
  paymentKinds: { Topup: 'deposit' },
  cashPaymentTypes: ['Cash'],
  crossBorder: { payerLocation: 'FromCountry', payeeLocation: 'ToCountry' },
  typology: { column: 'Typ', normalValues: ['Normal'], map: { Fan_In: 'fan_in' } },
};

const row = (cells: Record<string, string>) => (column: string) => cells[column] ?? '';

describe('timestampParser', () => {
  it('reads patterns, ISO and epochs at the right offset', () => {
    const cst = timestampParser('YYYY/MM/DD HH:mm', 480);
    expect(typeof cst).toBe('function');
    if (typeof cst === 'function') {
      expect(cst('2022/09/01 08:20')).toBe(Date.UTC(2022, 8, 1, 0, 20));
      expect(cst('2022/02/30 08:20')).toBeNull();
      expect(cst('01.09.2022 08:20')).toBeNull();
    }
    const iso = timestampParser('iso', 0);
    if (typeof iso === 'function') {
      expect(iso('2024-03-01T10:00:00+08:00')).toBe(Date.UTC(2024, 2, 1, 2));
      expect(iso('2024-03-01 10:00:00.250Z')).toBe(Date.UTC(2024, 2, 1, 10, 0, 0, 250));
      expect(iso('yesterday')).toBeNull();
    }
    const epoch = timestampParser('epoch_s', 0);
    if (typeof epoch === 'function') expect(epoch('1700000000')).toBe(1_700_000_000_000);
    expect(timestampParser('HH:mm', 0)).toMatch(/no YYYY/);
  });
});

describe('decimalToMinorUnits', () => {
  it('round-trips any amount of a two-decimal currency', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (minor) => {
        const text = `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;
        expect(decimalToMinorUnits(text, 'CNY', false)).toBe(minor);
      }),
    );
  });

  it('refuses extra decimals unless rounding is allowed, and junk always', () => {
    expect(decimalToMinorUnits('40.125', 'USD', false)).toBeNull();
    expect(decimalToMinorUnits('40.125', 'USD', true)).toBe(4013n);
    expect(decimalToMinorUnits('40.124', 'USD', true)).toBe(4012n);
    expect(decimalToMinorUnits('12', 'JPY', false)).toBe(12n);
    for (const junk of ['', '.', '-5', '1e5', '1,000.00', '12.3.4']) {
      expect(decimalToMinorUnits(junk, 'USD', true)).toBeNull();
    }
    expect(decimalToMinorUnits('1', 'XYZ', true)).toBeNull();
  });
});

describe('rowToEvent', () => {
  const m = mapping(base);
  const parse = timestampParser(m.timestamp.format, m.timestamp.utcOffsetMinutes);
  if (typeof parse === 'string') throw new Error(parse);
  const cells = {
    Date: '2022-10-07',
    Time: '10:35:19',
    Bank: '011',
    From: 'A1',
    To: 'B2',
    Amount: '1459.15',
    Ccy: 'Yuan',
    Type: 'Cash',
    FromCountry: 'CN',
    ToCountry: 'HK',
    Typ: 'Fan_In',
  };

  it('maps accounts to customers, flags and labels', () => {
    const result = rowToEvent(row(cells), m, parse, 7);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row.event).toMatchObject({
      eventId: 'row-7',
      atMs: Date.UTC(2022, 9, 7, 2, 35, 19),
      kind: 'transfer',
      purpose: 'Cash',
      amountMinor: 145_915n,
      currency: 'CNY',
      payerCustomerId: 'acc:011:A1',
      payeeCustomerId: 'acc:B2',
      channel: { cash: true, crossBorder: true },
    });
    expect(result.row.label).toBe('fan_in');
  });

  it('makes deposits from mapped payment types and skips bad rows with a reason', () => {
    const deposit = rowToEvent(row({ ...cells, Type: 'Topup', Typ: 'Normal' }), m, parse, 8);
    expect(
      deposit.ok &&
        deposit.row.event.kind === 'deposit' &&
        deposit.row.event.payerCustomerId === null,
    ).toBe(true);
    expect(deposit.ok && deposit.row.label === null).toBe(true);
    expect(rowToEvent(row({ ...cells, Ccy: 'Bitcoin' }), m, parse, 9)).toEqual({
      ok: false,
      reason: 'unknown currency',
    });
    expect(rowToEvent(row({ ...cells, Amount: '0.00' }), m, parse, 9)).toEqual({
      ok: false,
      reason: 'zero amount',
    });
    expect(rowToEvent(row({ ...cells, Time: '25:00:00' }), m, parse, 9)).toEqual({
      ok: false,
      reason: 'bad timestamp',
    });
    expect(rowToEvent(row({ ...cells, To: ' ' }), m, parse, 9)).toEqual({
      ok: false,
      reason: 'missing account',
    });
  });
});

describe('parseCsvEventMapping', () => {
  it('names the field of every problem', () => {
    const result = parseCsvEventMapping({
      ...base,
      amount: '',
      currency: { fixed: 'yuan' },
      colour: 'red',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.errors.join('\n');
    expect(text).toMatch(/mapping\.amount:/);
    expect(text).toMatch(/mapping\.currency/);
    expect(text).toMatch(/colour/);
    const missing = parseCsvEventMapping({ payerAccount: 'x' });
    expect(
      missing.ok === false && missing.errors.some((e) => e.startsWith('mapping.timestamp')),
    ).toBe(true);
  });
});
