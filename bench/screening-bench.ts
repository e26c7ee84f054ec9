/**
 * Screening bench: the real UN consolidated list plus a seeded, full-size OFAC-SDN-format list
 * (~18,000 entries: Latin, Arabic-transliterated, Chinese and Russian names, companies),
 * parsed by the production parsers and indexed in memory. Prints index build time and memory,
 * then p50/p99 per screened name over a mix of hits (listed names reordered, shortened,
 * misspelt, in original script) and misses, on one core.
 *
 *   npx tsx bench/screening-bench.ts [--entries 18000] [--queries 20000] [--seed 7]
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import anyAscii from 'any-ascii';
import { pinyin } from 'pinyin-pro';
import { parseListFiles } from '../src/screening/lists/parse-list.js';
import { ScreeningIndex, type IndexedEntry } from '../src/screening/matching/screening-index.js';
import { HIT_THRESHOLD_DEFAULT } from '../src/screening/screening-service.js';
import {
  NameGenerator,
  syntheticSdn,
  type NameStyle,
} from '../src/screening/synthetic/synthetic-names.js';
import { median, percentile } from './stats.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const ENTRIES = arg('entries', 18_000);
const QUERIES = arg('queries', 20_000);
const SEED = arg('seed', 7);
const UN_FILE = new URL('../../shared/fixtures/sanctions/UN_consolidated.xml', import.meta.url);

function romanise(original: string, style: NameStyle): { sdnName: string; display: string } {
  if (style === 'chinese') {
    const [surname = '', ...given] = pinyin(original, {
      toneType: 'none',
      type: 'array',
      surname: 'head',
    });
    const g = given.join('');
    const gCap = g.charAt(0).toUpperCase() + g.slice(1);
    return {
      sdnName: `${surname.toUpperCase()}, ${gCap}`,
      display: `${gCap} ${surname.charAt(0).toUpperCase()}${surname.slice(1)}`,
    };
  }
  const [last = '', ...rest] = anyAscii(original).replace(/'/g, '').split(' ');
  return {
    sdnName: `${last.toUpperCase()}, ${rest.join(' ')}`,
    display: `${rest.join(' ')} ${last}`,
  };
}

function typo(token: string, gen: NameGenerator): string {
  if (token.length < 5) return token;
  const i = 1 + gen.int(token.length - 2);
  return token.slice(0, i) + token[i + 1] + token[i] + token.slice(i + 2);
}

async function main(): Promise<void> {
  const generated = syntheticSdn(ENTRIES, SEED, romanise);
  const memBefore = process.memoryUsage().heapUsed;
  let t0 = performance.now();
  const ofac = parseListFiles('ofac', [
    { name: 'sdn.csv', content: generated.sdn },
    { name: 'alt.csv', content: generated.alt },
  ]);
  const un = parseListFiles('un', [
    { name: 'UN_consolidated.xml', content: fs.readFileSync(UN_FILE, 'utf8') },
  ]);
  const parseMs = performance.now() - t0;
  const entries: IndexedEntry[] = [
    ...un.entries.map((e) => ({
      ...e,
      listKind: 'un' as const,
      listName: 'un',
      listVersionId: 'slv_un',
    })),
    ...ofac.entries.map((e) => ({
      ...e,
      listKind: 'ofac' as const,
      listName: 'ofac',
      listVersionId: 'slv_ofac',
    })),
  ];
  t0 = performance.now();
  const index = new ScreeningIndex(entries);
  const buildMs = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  const heapMb = (process.memoryUsage().heapUsed - memBefore) / 1_048_576;

  const gen = new NameGenerator(SEED + 1);
  const queries: { name: string; expect: string | null }[] = [];
  for (let i = 0; i < QUERIES; i += 1) {
    if (i % 2 === 0) {
      const k = gen.int(generated.parties.length);
      const p = generated.parties[k]!;
      const tokens = p.display.split(' ');
      const variant = gen.int(5);
      let name = p.display;
      if (variant === 1) name = [...tokens].reverse().join(' ');
      else if (variant === 2 && tokens.length > 2)
        name = [tokens[0], tokens[tokens.length - 1]].join(' ');
      else if (variant === 3) name = tokens.map((t, j) => (j === 0 ? typo(t, gen) : t)).join(' ');
      else if (variant === 4 && p.original !== null) name = p.original;
      queries.push({ name, expect: `ofac:${100_000 + k}` });
    } else {
      const p = gen.party(gen.style());
      queries.push({ name: p.original ?? p.display, expect: null });
    }
  }
  // Warm up the JIT on a slice, then measure every query on its own.
  for (const q of queries.slice(0, 2_000))
    index.screen({ name: q.name }, { minScore: HIT_THRESHOLD_DEFAULT });
  const hitMicros: number[] = [];
  const missMicros: number[] = [];
  // On a shared machine a query can be descheduled mid-way: CPU time per query (this
  // process's user + system time) is reported beside wall time.
  const cpuMicros: number[] = [];
  let found = 0;
  let missFlagged = 0;
  for (const q of queries) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const hits = index.screen({ name: q.name }, { minScore: HIT_THRESHOLD_DEFAULT });
    const micros = Number(process.hrtime.bigint() - start) / 1_000;
    const used = process.cpuUsage(cpu);
    cpuMicros.push(used.user + used.system);
    if (q.expect !== null) {
      hitMicros.push(micros);
      if (hits.some((h) => h.entry.entryKey === q.expect)) found += 1;
    } else {
      missMicros.push(micros);
      if (hits.length > 0) missFlagged += 1;
    }
  }
  const all = [...hitMicros, ...missMicros];
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log(
    `screening bench: ${un.entries.length} UN + ${ofac.entries.length} OFAC-format entries, ${index.nameCount} indexed name readings (seed ${SEED})`,
  );
  console.log(
    `  parse ${parseMs.toFixed(0)} ms, index build ${buildMs.toFixed(0)} ms, heap ${heapMb.toFixed(0)} MB`,
  );
  console.log(
    `  ${all.length} queries (${hitMicros.length} of listed names, ${missMicros.length} others), microseconds per name:`,
  );
  console.log(`            p50      p90      p99      max`);
  for (const [label, xs] of [
    ['all', all],
    ['listed', hitMicros],
    ['others', missMicros],
    ['cpu', cpuMicros],
  ] as const)
    console.log(
      `  ${label.padEnd(7)}${fmt(median(xs))} ${fmt(percentile(xs, 0.9))} ${fmt(percentile(xs, 0.99))} ${fmt(Math.max(...xs))}`,
    );
  console.log(
    `  listed names found at score >= ${HIT_THRESHOLD_DEFAULT}: ${((100 * found) / hitMicros.length).toFixed(1)}%`,
  );
  console.log(
    `  other names with a hit >= ${HIT_THRESHOLD_DEFAULT}: ${((100 * missFlagged) / missMicros.length).toFixed(1)}% (generated from the same name pools)`,
  );
  const p99 = percentile(all, 0.99);
  const cpuP99 = percentile(cpuMicros, 0.99);
  const load = (await import('node:os')).loadavg()[0]!;
  console.log(
    `  target p99 <= 1000 µs: wall ${p99 <= 1_000 ? 'met' : 'NOT met'} (${p99.toFixed(0)} µs), CPU ${cpuP99 <= 1_000 ? 'met' : 'NOT met'} (${cpuP99.toFixed(0)} µs); load average ${load.toFixed(1)}`,
  );
}

await main();
