import { performance } from 'node:perf_hooks';
import { assert } from '../src/assert.js';
import {
  generateBenchCamt053,
  INPUT_BYTES_HARD_MAX,
  parseStatementFile,
} from '../src/recon/index.js';
import {
  DEFAULT_MATCH_RULES,
  matchItems,
  type BankItem,
  type BookItem,
} from '../src/recon/matching/index.js';

/**
 * Reconciliation figures: matching 1,000,000 bank lines against 1,000,000 journal entries on
 * one core (90% carry the instruction id, 5% match by amount and date, 5% stay unmatched on
 * each side), and camt.053 parsing throughput next to the time to merely decode and split the
 * same bytes into entries.
 */
export async function benchRecon(
  options: { readonly itemCount?: number; readonly camtEntryCount?: number } = {},
): Promise<string[]> {
  const itemCount = options.itemCount ?? 1_000_000;
  const camtEntryCount = options.camtEntryCount ?? 100_000;
  const lines: string[] = [];
  const { bank, book } = generateItems(itemCount);
  const rssBeforeMb = process.memoryUsage().rss / 1e6;
  const started = performance.now();
  const outcome = matchItems(bank, book, DEFAULT_MATCH_RULES);
  const matchMs = performance.now() - started;
  const peakRssMb = process.resourceUsage().maxRSS / 1e3;
  assert(outcome.unmatchedBank.length >= itemCount * 0.04, 'the unmatched share stays unmatched');
  lines.push(
    `recon matching ${itemCount.toLocaleString('en')} bank × ${itemCount.toLocaleString('en')} ` +
      `book: ${Math.round(matchMs)} ms (${outcome.matches.length.toLocaleString('en')} matches, ` +
      `${outcome.unmatchedBank.length.toLocaleString('en')} / ` +
      `${outcome.unmatchedBook.length.toLocaleString('en')} unmatched); RSS before ` +
      `${Math.round(rssBeforeMb)} MB, peak ${Math.round(peakRssMb)} MB`,
  );
  await new Promise((resolve) => setImmediate(resolve));
  lines.push(...benchCamtParse(camtEntryCount));
  return lines;
}

function generateItems(count: number): { bank: BankItem[]; book: BookItem[] } {
  const bank: BankItem[] = new Array<BankItem>(count);
  const book: BookItem[] = new Array<BookItem>(count);
  const day0 = 19_800;
  for (let index = 0; index < count; index++) {
    const amountMinor = BigInt(((index * 7919) % 10_000_000) + 1) * (index % 3 === 0 ? -1n : 1n);
    const day = day0 + (index % 28);
    const reference = `ins_${index.toString(36).padStart(26, '0')}`;
    book[index] = { id: String(index), currency: 'EUR', amountMinor, day, reference };
    const kind = index % 20;
    // 18 of 20 quote the reference, 1 only matches by amount and date, 1 is unknown to the books.
    bank[count - 1 - index] = {
      id: String(index),
      currency: 'EUR',
      amountMinor: kind === 19 ? amountMinor + 100_000_000n : amountMinor,
      day: kind === 18 ? day + 1 : day,
      references: kind < 18 ? [reference] : [],
    };
  }
  return { bank, book };
}

/** Timed parses of the camt file; the median is reported, so one odd run sets no figure. */
const CAMT_RUNS = 3;

function benchCamtParse(entryCount: number): string[] {
  const text = generateBenchCamt053(entryCount);
  const bytes = Buffer.from(text, 'utf8');
  const megabytes = bytes.length / 1e6;
  const splitDurationsMs: number[] = [];
  const parseDurationsMs: number[] = [];
  // Split and parse take turns, so a busy machine slows both alike.
  for (let run = 0; run < CAMT_RUNS; run++) {
    const splitStarted = performance.now();
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const pieces = decoded.split('<Ntry>').length - 1;
    splitDurationsMs.push(performance.now() - splitStarted);
    assert(pieces === entryCount, 'every entry found by splitting');
    const parseStarted = performance.now();
    const parsed = parseStatementFile(bytes, { inputBytesMax: INPUT_BYTES_HARD_MAX });
    parseDurationsMs.push(performance.now() - parseStarted);
    assert(parsed.ok && parsed.statements[0]?.entries.length === entryCount, 'bench file parses');
  }
  const splitMs = median(splitDurationsMs);
  const parseMs = median(parseDurationsMs);
  return [
    `camt.053 parse ${entryCount.toLocaleString('en')} entries (${megabytes.toFixed(1)} MB), ` +
      `median of ${CAMT_RUNS}: ${Math.round(parseMs)} ms = ` +
      `${(megabytes / (parseMs / 1000)).toFixed(1)} MB/s, ` +
      `${Math.round((entryCount * 1000) / parseMs).toLocaleString('en')} entries/s`,
    `camt.053 read + split only: ${Math.round(splitMs)} ms = ` +
      `${(megabytes / (splitMs / 1000)).toFixed(0)} MB/s (the floor any parser pays)`,
  ];
}

function median(values: readonly number[]): number {
  assert(values.length > 0, 'a median needs values');
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

if (process.argv[1]?.endsWith('recon-bench.ts') === true) {
  for (const line of await benchRecon()) process.stdout.write(`${line}\n`);
}
