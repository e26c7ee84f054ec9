/**
 * Monitoring engine benchmark: the full CN pack over 100,000 customers and a few million
 * synthetic events (MONITOR_BENCH_EVENTS, default 250,000) from a deterministic generator. Prints observe() events/s on one core,
 * check() p50/p99 latency and heap per customer, each the median of 3 runs.
 *
 *   npx tsx --expose-gc bench/monitor-engine.ts        (MONITOR_BENCH_EVENTS=… to change size)
 */
import { cnRulePack, MonitoringEngine, type MonitoredEvent } from '../src/monitor/index.js';
import { median, percentile } from './stats.js';

const CUSTOMERS = 100_000;
const EVENTS = Number(process.env['MONITOR_BENCH_EVENTS'] ?? 250_000);
const CHECKS = 100_000;
const RUNS = Number(process.env['MONITOR_BENCH_RUNS'] ?? 3);
const START_MS = Date.UTC(2026, 0, 1);
/** Events are spread over this span so windows fill, roll and evict buckets. */
const SPAN_MS = 60 * 86_400_000;

/** A small linear congruential generator: the same stream on every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/**
 * A plausible mix: deposits, transfers and withdrawals between random customers, amounts
 * log-uniform from CNY 10 to CNY 20,000 with a few large and round ones, each customer on its
 * own device and IP except for a small pool of shared ones, 2 % cash and 1 % cross-border.
 */
function makeEvents(count: number, seed: number): MonitoredEvent[] {
  const random = generator(seed);
  const events: MonitoredEvent[] = new Array(count);
  const kinds = ['deposit', 'transfer', 'transfer', 'withdrawal', 'transfer'] as const;
  const purposes = ['topup', 'investment', 'disbursement', 'repayment', 'withdrawal'];
  for (let index = 0; index < count; index += 1) {
    const kind = kinds[Math.floor(random() * kinds.length)] ?? 'transfer';
    const payer = `c${Math.floor(random() * CUSTOMERS)}`;
    const payee = `c${Math.floor(random() * CUSTOMERS)}`;
    const actor = kind === 'deposit' ? payee : payer;
    let amountMinor = BigInt(Math.floor(10 ** (3 + random() * 3.3)));
    const shape = random();
    if (shape < 0.01) amountMinor *= 100n;
    else if (shape < 0.05) amountMinor = (amountMinor / 1_000_000n + 1n) * 1_000_000n;
    const roll = random();
    const sharedDevice = random() < 0.02;
    events[index] = {
      eventId: `ins_${index.toString(36).padStart(10, '0')}`,
      platformId: 'bench',
      atMs: START_MS + Math.floor((index / count) * SPAN_MS),
      kind,
      purpose: purposes[Math.floor(random() * purposes.length)] ?? 'topup',
      amountMinor,
      currency: roll < 0.95 ? 'CNY' : 'USD',
      payerCustomerId: kind === 'deposit' ? null : payer,
      payeeCustomerId: kind === 'withdrawal' ? null : payee,
      payerAccountId: kind === 'deposit' ? null : `a_${payer}`,
      payeeAccountId: kind === 'withdrawal' ? null : `a_${payee}`,
      channel: {
        deviceId: sharedDevice ? `shared_${Math.floor(random() * 500)}` : `d_${actor}`,
        ip: sharedDevice ? `10.0.${Math.floor(random() * 200)}.1` : `ip_${actor}`,
        cash: roll < 0.02,
        crossBorder: roll > 0.99,
        fundingAccountOwnName: kind === 'deposit' ? random() > 0.005 : undefined,
      },
    };
  }
  return events;
}

function newEngine(): MonitoringEngine {
  const engine = new MonitoringEngine(cnRulePack(), { customersMax: CUSTOMERS * 2 });
  const random = generator(7);
  const occupations = ['student', 'retired', 'employed', 'self_employed', 'other'] as const;
  for (let index = 0; index < CUSTOMERS; index += 1) {
    engine.upsertProfile({
      customerId: `c${index}`,
      platformId: 'bench',
      kind: random() < 0.9 ? 'person' : 'entity',
      openedAtMs: START_MS - Math.floor(random() * 400) * 86_400_000,
      declaredMonthlyMinor: BigInt(Math.floor(500_000 + random() * 5_000_000)),
      occupation: occupations[Math.floor(random() * occupations.length)] ?? 'other',
    });
  }
  engine.setCustodyBalance('bench', 'CNY', 50_000_000_000_00n);
  engine.setCustodyBalance('bench', 'USD', 1_000_000_000_00n);
  return engine;
}

const collect = () => (globalThis as { gc?: () => void }).gc?.();

function run(events: MonitoredEvent[], checks: MonitoredEvent[]) {
  collect();
  const heapBeforeBytes = process.memoryUsage().heapUsed;
  const engine = newEngine();
  let alerts = 0;
  const startedMs = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const event of events) alerts += engine.observe(event).length;
  const observeMs = performance.now() - startedMs;
  const cpu = process.cpuUsage(cpuBefore);
  const observeCpuMs = (cpu.user + cpu.system) / 1_000;
  const latenciesUs: number[] = new Array(checks.length);
  for (let index = 0; index < checks.length; index += 1) {
    const event = checks[index] as MonitoredEvent;
    const checkStartedMs = performance.now();
    engine.check(event);
    latenciesUs[index] = (performance.now() - checkStartedMs) * 1_000;
  }
  collect();
  const heapBytes = process.memoryUsage().heapUsed - heapBeforeBytes;
  const stats = engine.stats();
  return {
    eventsPerSecond: events.length / (observeMs / 1_000),
    /** On a shared machine the process may not get a whole core: events per CPU second. */
    eventsPerCpuSecond: events.length / (observeCpuMs / 1_000),
    checkP50Us: percentile(latenciesUs, 0.5),
    checkP99Us: percentile(latenciesUs, 0.99),
    bytesPerCustomer: heapBytes / stats.customers,
    approxBytesPerCustomer: stats.approxBytes / stats.customers,
    alerts,
    customers: stats.customers,
    keep: engine,
  };
}

const events = makeEvents(EVENTS, 42);
const checks = makeEvents(CHECKS, 43).map((event) => ({ ...event, atMs: START_MS + SPAN_MS }));
const results: ReturnType<typeof run>[] = [];
for (let attempt = 0; attempt < RUNS; attempt += 1) {
  const result = run(events, checks);
  result.keep = undefined as unknown as MonitoringEngine;
  results.push(result);
  console.log(
    `run ${attempt + 1}: observe ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s ` +
      `(${Math.round(result.eventsPerCpuSecond).toLocaleString('en')} per CPU second), ` +
      `check p50 ${result.checkP50Us.toFixed(1)} µs p99 ${result.checkP99Us.toFixed(1)} µs, ` +
      `heap ${Math.round(result.bytesPerCustomer)} B/customer (engine estimate ${Math.round(result.approxBytesPerCustomer)}), ` +
      `${result.alerts.toLocaleString('en')} alerts, ${result.customers.toLocaleString('en')} customers`,
  );
}
const pick = (
  field:
    'eventsPerSecond' | 'eventsPerCpuSecond' | 'checkP50Us' | 'checkP99Us' | 'bytesPerCustomer',
) => median(results.map((result) => result[field]));
console.log(
  `\nCN pack, ${cnRulePack().rules.length} rules, ${CUSTOMERS.toLocaleString('en')} customers, ${EVENTS.toLocaleString('en')} events (median of ${RUNS}):`,
);
console.log(
  `  observe()       ${Math.round(pick('eventsPerSecond')).toLocaleString('en')} events/s on one core, ` +
    `${Math.round(pick('eventsPerCpuSecond')).toLocaleString('en')} per CPU second (target ≥ 250,000)`,
);
console.log(
  `  check() p50/p99 ${pick('checkP50Us').toFixed(1)} / ${pick('checkP99Us').toFixed(1)} µs (target p99 ≤ 1,000)`,
);
console.log(
  `  heap/customer   ${Math.round(pick('bytesPerCustomer')).toLocaleString('en')} bytes${(globalThis as { gc?: unknown }).gc === undefined ? ' (run with --expose-gc for a settled figure)' : ''}`,
);
