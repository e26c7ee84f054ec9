import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MonitoredEvent } from '../monitor/monitored-event.js';
import { parseCsvEventMapping, type CsvEventMapping } from './csv-event-mapping.js';
import { readCsvEvents, type CsvReadStats } from './csv-source.js';
import type { EvaluationAlert, EvaluationEngine } from './engine-port.js';
import { InputError } from './jsonl-source.js';
import type { ReplayRecord } from './replay-record.js';
import { replay } from './replay.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures-eval');

function loadMapping(name: string): CsvEventMapping {
  const parsed = parseCsvEventMapping(
    JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.mapping;
}

async function collect(records: AsyncIterable<ReplayRecord>): Promise<ReplayRecord[]> {
  const all: ReplayRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

/** A small engine of its own: one alert on the payer of every payment of 9,000 or more. */
class LargePaymentEngine implements EvaluationEngine {
  profiles = 0;
  upsertProfile(): EvaluationAlert[] {
    this.profiles += 1;
    return [];
  }
  setCustodyBalance(): void {}
  observe(event: MonitoredEvent): EvaluationAlert[] {
    if (event.amountMinor < 900_000n) return [];
    return [{ customerId: event.payerCustomerId, ruleId: 'test.large_payment', atMs: event.atMs }];
  }
}

describe('CSV replay of the shipped examples', () => {
  it('reads the AMLworld example: duplicate Account header, currency names, skipped rows', async () => {
    const stats: CsvReadStats = { rows: 0, skipped: {}, sorted: true };
    const file = path.join(FIXTURES, 'amlworld-sample.csv');
    const records = await collect(readCsvEvents(file, loadMapping('amlworld-mapping.json'), stats));
    const events = records.flatMap((r) => (r.type === 'event' ? [r] : []));
    expect(stats).toEqual({ rows: 10, skipped: { 'unknown currency': 1 }, sorted: true });
    expect(events).toHaveLength(9);
    expect(events[2]?.event).toMatchObject({
      payerCustomerId: 'acc:0404:A4000004',
      payeeCustomerId: 'acc:0505:A5000005',
      amountMinor: 980_000n,
      currency: 'USD',
      atMs: Date.UTC(2022, 8, 1, 0, 17),
    });
    expect(events.find((r) => r.event.purpose === 'Cash')?.event.channel).toEqual({ cash: true });
    expect(events.find((r) => r.event.purpose === 'Credit Card')?.event.amountMinor).toBe(4013n);
    expect(events.filter((r) => r.label === 'laundering')).toHaveLength(3);
    const profiles = records.filter((r) => r.type === 'profile');
    expect(profiles).toHaveLength(8);
  });

  it('scores the AMLworld example with any rule counting for a bare label', async () => {
    const stats: CsvReadStats = { rows: 0, skipped: {}, sorted: true };
    const file = path.join(FIXTURES, 'amlworld-sample.csv');
    const engine = new LargePaymentEngine();
    const result = await replay(
      readCsvEvents(file, loadMapping('amlworld-mapping.json'), stats),
      engine,
    );
    const { score } = result;
    // Labelled rows: A4→A5 (9,800), A5→A6 (9,650.55), A6→A4 (15,000): three payers, three instances.
    expect(score.typologies).toEqual([
      { typology: 'laundering', instances: 3, detected: 3, recall: 1, rules: [] },
    ]);
    expect(score.alerts).toBe(3);
    expect(score.customerPrecision).toBe(1);
    expect(engine.profiles).toBe(8);
    expect(score.events).toBe(9);
  });

  it('reads the SAML-D example: date and time columns, typology names, cross-border', async () => {
    const stats: CsvReadStats = { rows: 0, skipped: {}, sorted: true };
    const file = path.join(FIXTURES, 'saml-d-sample.csv');
    const records = await collect(readCsvEvents(file, loadMapping('saml-d-mapping.json'), stats));
    const events = records.flatMap((r) => (r.type === 'event' ? [r] : []));
    expect(events).toHaveLength(6);
    expect(events[1]?.event.channel).toEqual({ crossBorder: true });
    expect(events[0]?.event.atMs).toBe(Date.UTC(2022, 9, 7, 10, 35, 19));
    expect(events.filter((r) => r.label === 'structuring').map((r) => r.event.eventId)).toEqual([
      'row-4',
      'row-7',
    ]);
  });

  it('sorts a small file that is out of order and refuses a mapping naming a missing column', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-eval-'));
    const file = path.join(dir, 'unsorted.csv');
    const lines = fs
      .readFileSync(path.join(FIXTURES, 'amlworld-sample.csv'), 'utf8')
      .trim()
      .split('\n');
    fs.writeFileSync(file, [lines[0], ...lines.slice(1).reverse()].join('\n'));
    const stats: CsvReadStats = { rows: 0, skipped: {}, sorted: true };
    const mapping = loadMapping('amlworld-mapping.json');
    const events = (await collect(readCsvEvents(file, mapping, stats))).flatMap((r) =>
      r.type === 'event' ? [r.event.atMs] : [],
    );
    expect(stats.sorted).toBe(false);
    expect(events).toEqual([...events].sort((x, y) => x - y));
    const wrong = { ...mapping, amount: 'Amount Sent' };
    await expect(collect(readCsvEvents(file, wrong, stats))).rejects.toThrow(InputError);
    await expect(collect(readCsvEvents(file, wrong, stats))).rejects.toThrow(
      /mapping\.amount: column 'Amount Sent'/,
    );
    fs.rmSync(dir, { recursive: true });
  });
});
