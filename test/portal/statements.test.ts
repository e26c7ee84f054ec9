import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementCsv } from '../../src/portal/statements/statement-csv.js';
import type { StatementData } from '../../src/portal/statements/statement-data.js';
import { statementPdf } from '../../src/portal/statements/statement-pdf.js';
import { periodOfDays, periodOfMonth } from '../../src/portal/statements/statement-period.js';
import { customerSession } from './portal-session.js';
import { createPortalHarness, type PortalHarness } from './portal-harness.js';

let h: PortalHarness;
let cookie: string;
let accountId: string;
const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

function minor(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -value : value;
}

beforeAll(async () => {
  h = await createPortalHarness();
  const [a, b] = h.books.customers;
  if (a === undefined || b === undefined) throw new Error('customers');
  accountId = a.accountId;
  for (const [amount, payee] of [
    ['100.00', a.accountId],
    ['0.05', a.accountId],
    ['2500.10', a.accountId],
  ] as const) {
    const done = await h.call('POST', `/v1/platforms/${h.books.platformId}/instructions`, {
      body: {
        type: 'deposit',
        amount,
        currency: 'CNY',
        purpose: '充值 "top up", =SUM(A1)',
        payeeAccountId: payee,
        idempotencyKey: `dep-${amount}`,
      },
    });
    expect(done.status, done.text).toBe(201);
  }
  ({ cookie } = await customerSession(h.db, h.books.platformId, a.customerId));
}, 60_000);
afterAll(() => h.close());

describe('statement periods', () => {
  it('covers whole CST months and refuses nonsense', () => {
    const feb = periodOfMonth('2028-02');
    expect(feb.ok && feb.period.to).toBe('2028-02-29');
    expect(feb.ok && new Date(feb.period.startMs).toISOString()).toBe('2028-01-31T16:00:00.000Z');
    expect(periodOfMonth('2026-13').ok).toBe(false);
    expect(periodOfDays('2026-02-30', '2026-03-01').ok).toBe(false);
    expect(periodOfDays('2026-03-02', '2026-03-01').ok).toBe(false);
    expect(periodOfDays('2024-01-01', '2026-01-01').ok).toBe(false);
  });
});

describe('statement documents', () => {
  it('CSV parses, and opening plus the entries equals closing', async () => {
    const response = await h.call(
      'GET',
      `/v1/portal/accounts/${accountId}/statement?month=${month}&format=csv&language=zh-CN`,
      { cookie },
    );
    expect(response.status, response.text).toBe(200);
    expect(String(response.headers['content-type'])).toContain('text/csv');
    const rows = parse(response.text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
    const value = (label: string) => rows.find((row) => row[0] === label)?.[1] ?? '';
    const headerIndex = rows.findIndex((row) => row[0] === '日期');
    const entries = rows.slice(headerIndex + 1);
    expect(entries).toHaveLength(3);
    const sum = entries.reduce((total, row) => total + minor(row[4] ?? ''), 0n);
    expect(minor(value('期初余额')) + sum).toBe(minor(value('期末余额')));
    expect(value('期末余额')).toBe('2600.15');
    expect(entries[0]?.[2]).toContain('存入');
    // A text cell that looks like a formula is neutralised, quotes survive.
    expect(entries[0]?.[2]).toContain(`'=SUM(A1)`.slice(1));
    expect(entries.every((row) => !(row[2] ?? '').startsWith('='))).toBe(true);
  });

  it('JSON and the staff route agree; another customer account is not found', async () => {
    const own = await h.call('GET', `/v1/portal/accounts/${accountId}/statement?month=${month}`, {
      cookie,
    });
    const staff = await h.call(
      'GET',
      `/v1/platforms/${h.books.platformId}/accounts/${accountId}/statement-document?month=${month}`,
    );
    expect(own.status).toBe(200);
    expect((own.body.closing as { amountMinor: string }).amountMinor).toBe('260015');
    expect(staff.body.closing).toEqual(own.body.closing);
    const other = h.books.customers[1]?.accountId ?? '';
    const hidden = await h.call('GET', `/v1/portal/accounts/${other}/statement?month=${month}`, {
      cookie,
    });
    expect(hidden.status).toBe(404);
    const bad = await h.call('GET', `/v1/portal/accounts/${accountId}/statement?month=2026-13`, {
      cookie,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('PDF in zh-CN embeds the WenQuanYi face; in en it carries the balances as text', async () => {
    const zh = await h.app.inject({
      method: 'GET',
      url: `/v1/portal/accounts/${accountId}/statement?month=${month}&format=pdf&language=zh-CN`,
      headers: { cookie },
    });
    expect(zh.statusCode).toBe(200);
    const bytes = zh.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('WenQuanYiMicroHei');
    const loaded = await h.call(
      'GET',
      `/v1/portal/accounts/${accountId}/statement?month=${month}`,
      { cookie },
    );
    const statement = statementOfJson(loaded.body);
    const en = await statementPdf(statement, 'en', { compress: false });
    const text = pdfText(en);
    expect(text).toContain('Opening balance');
    expect(text).toContain('2600.15');
    expect(text).toContain('2500.10');
  });

  it('CSV totals add up for any entries (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.array(
          fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).filter((v) => v !== 0n),
          { maxLength: 30 },
        ),
        (opening, amounts) => {
          let balance = opening;
          const entries = amounts.map((amountMinor, index) => {
            balance += amountMinor;
            return {
              transferId: String(index),
              instructionId: `ins_${index}`,
              at: new Date(1_700_000_000_000 + index * 60_000).toISOString(),
              type: 'transfer',
              purpose: 'p',
              counterpartyAccountId: 'acc_x',
              amountMinor,
              balanceAfterMinor: balance,
            };
          });
          const credits = amounts.filter((a) => a > 0n).reduce((t, a) => t + a, 0n);
          const debits = -amounts.filter((a) => a < 0n).reduce((t, a) => t + a, 0n);
          const csv = statementCsv(
            {
              ...baseStatement(),
              openingBalanceMinor: opening,
              closingBalanceMinor: balance,
              creditsMinor: credits,
              debitsMinor: debits,
              entries,
            },
            'en',
          );
          const rows = parse(csv.replace(/^\uFEFF/, ''), {
            relax_column_count: true,
            skip_empty_lines: true,
          }) as string[][];
          const start = rows.findIndex((row) => row[0] === 'Date');
          const sum = rows.slice(start + 1).reduce((t, row) => t + minor(row[4] ?? ''), 0n);
          const closing = rows.find((row) => row[0] === 'Closing balance')?.[1] ?? '';
          expect(opening + sum).toBe(minor(closing));
        },
      ),
      { numRuns: 100 },
    );
  });
});

function baseStatement(): StatementData {
  const period = periodOfMonth('2026-11');
  if (!period.ok) throw new Error(period.message);
  return {
    platformId: 'plt_x',
    platformName: 'P',
    accountId: 'acc_a',
    accountType: 'customer',
    customerId: 'cus_a',
    customerRef: 'ref',
    currency: 'CNY',
    period: period.period,
    openingBalanceMinor: 0n,
    closingBalanceMinor: 0n,
    creditsMinor: 0n,
    debitsMinor: 0n,
    entries: [],
    generatedAt: new Date(0).toISOString(),
  };
}

function statementOfJson(body: Record<string, unknown>): StatementData {
  const m = (value: unknown) => BigInt((value as { amountMinor: string }).amountMinor);
  const period = periodOfMonth(month);
  if (!period.ok) throw new Error(period.message);
  return {
    ...baseStatement(),
    accountId: String(body.accountId),
    period: period.period,
    openingBalanceMinor: m(body.opening),
    closingBalanceMinor: m(body.closing),
    creditsMinor: m(body.credits),
    debitsMinor: m(body.debits),
    entries: (body.entries as Record<string, unknown>[]).map((entry) => ({
      transferId: String(entry.transferId),
      instructionId: String(entry.instructionId),
      at: String(entry.at),
      type: String(entry.type),
      purpose: 'top up',
      counterpartyAccountId: String(entry.counterpartyAccountId),
      amountMinor: m(entry.amount),
      balanceAfterMinor: m(entry.balanceAfter),
    })),
  };
}

/** The text of an uncompressed pdfkit document with standard fonts (hex strings in TJ). */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const pieces = [...source.matchAll(/<([0-9a-fA-F]+)>/g)].map((match) =>
    Buffer.from(match[1] ?? '', 'hex').toString('latin1'),
  );
  return pieces.join('');
}
