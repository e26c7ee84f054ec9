import {
  FxRateBook,
  MonitoringEngine,
  type CustomerProfile,
  type MonitoringAlert,
  type RulePack,
} from '../monitor/index.js';
import type { Queryable } from '../store/index.js';
import { AccountOwners } from './account-owners.js';
import { CustodyBalanceReplay } from './custody-balance-replay.js';
import { CustomerProfiles } from './customer-profiles.js';
import { inLeafOrder, isFeedItem, readFeed } from './feed.js';
import { loadFxRates } from './fx-rates.js';

export const BACKTEST_EVENTS_MAX = 5_000_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface BacktestProgress {
  events: number;
  leafIndex: number;
  lastLeafIndex: number;
}

export interface BacktestReport {
  platformId: string;
  fromMs: number;
  toMs: number;
  events: number;
  customers: number;
  active: { alerts: number; perThousandCustomers: number };
  draft: { alerts: number; perThousandCustomers: number };
  overlap: number;
  newAlerts: number;
  lostAlerts: number;
  byRule: { ruleId: string; active: number; draft: number }[];
  byDay: { day: string; active: number; draft: number }[];
  newExamples: MonitoringAlert[];
  lostExamples: MonitoringAlert[];
}

const EXAMPLES_MAX = 20;

/**
 * Replays a platform's committed history through two engines, one with the active pack and one
 * with a draft, and compares what they would have flagged in [from, to). Events before `from`
 * warm the windows up without counting. Rules measured against the custody balance read what the
 * books held right after each posting. Nothing is written.
 */
export async function runBacktest(
  db: Queryable,
  input: {
    platformId: string;
    activePack: RulePack;
    draftPack: RulePack;
    fromMs: number;
    toMs: number;
  },
  onProgress: (progress: BacktestProgress) => void = () => undefined,
): Promise<BacktestReport> {
  const fxRates = new FxRateBook(await loadFxRates(db));
  const active = new MonitoringEngine(input.activePack, { fxRates });
  const draft = new MonitoringEngine(input.draftPack, { fxRates });
  const owners = new AccountOwners();
  const profiles = new CustomerProfiles();
  const custody = new CustodyBalanceReplay(input.platformId);
  const engines = [active, draft];
  const last = await db.query<{ last: string | number | null }>(
    'SELECT max(leaf_index) AS last FROM audit_records WHERE platform_id = $1',
    [input.platformId],
  );
  const lastLeafIndex = Number(last[0]?.last ?? -1);
  const activeAlerts = new Map<string, MonitoringAlert>();
  const draftAlerts = new Map<string, MonitoringAlert>();
  const customers = new Set<string>();
  let position = -1;
  let events = 0;
  for (;;) {
    const page = await readFeed(db, owners, position, 5_000, input.platformId);
    if (page.lastLeafIndex === position) break;
    position = page.lastLeafIndex;
    await custody.read(db, position);
    const customerIds = page.items.flatMap(({ event }) =>
      [event.payerCustomerId, event.payeeCustomerId].filter((id): id is string => id !== null),
    );
    const record = (profile: CustomerProfile) => {
      // A closure is decided when recorded; it counts when it falls within the period.
      const counted = profile.closedAtMs !== undefined && profile.closedAtMs >= input.fromMs;
      for (const alert of active.upsertProfile(profile))
        if (counted) activeAlerts.set(alert.alertKey, alert);
      for (const alert of draft.upsertProfile(profile))
        if (counted) draftAlerts.set(alert.alertKey, alert);
    };
    for (const profile of await profiles.missing(db, customerIds)) record(profile);
    let pastEnd = false;
    for (const entry of inLeafOrder(page)) {
      if (!isFeedItem(entry)) {
        for (const profile of await profiles.reload(db, [entry.customerId]))
          if (profile.closedAtMs === undefined || profile.closedAtMs < input.toMs) record(profile);
        continue;
      }
      const event = entry.event;
      custody.applyUpTo(entry.leafIndex, engines);
      if (event.atMs >= input.toMs) {
        pastEnd = true;
        break;
      }
      events += 1;
      if (events > BACKTEST_EVENTS_MAX)
        throw new Error(`a backtest covers at most ${BACKTEST_EVENTS_MAX} events`);
      const counted = event.atMs >= input.fromMs;
      if (counted) {
        if (event.payerCustomerId !== null) customers.add(event.payerCustomerId);
        if (event.payeeCustomerId !== null) customers.add(event.payeeCustomerId);
      }
      for (const alert of active.observe(event))
        if (counted) activeAlerts.set(alert.alertKey, alert);
      for (const alert of draft.observe(event)) if (counted) draftAlerts.set(alert.alertKey, alert);
    }
    onProgress({ events, leafIndex: position, lastLeafIndex });
    if (pastEnd) break;
    custody.applyUpTo(position, engines);
  }
  return compare(input, events, customers.size, activeAlerts, draftAlerts);
}

/** Pure: the comparison of two alert sets keyed by alert key. */
export function compare(
  input: { platformId: string; fromMs: number; toMs: number },
  events: number,
  customers: number,
  activeAlerts: Map<string, MonitoringAlert>,
  draftAlerts: Map<string, MonitoringAlert>,
): BacktestReport {
  const perThousand = (n: number) => (customers === 0 ? 0 : (n * 1000) / customers);
  const newOnes = [...draftAlerts.values()].filter((a) => !activeAlerts.has(a.alertKey));
  const lost = [...activeAlerts.values()].filter((a) => !draftAlerts.has(a.alertKey));
  const rules = new Map<string, { active: number; draft: number }>();
  const days = new Map<string, { active: number; draft: number }>();
  const tally = (alert: MonitoringAlert, side: 'active' | 'draft') => {
    const rule = rules.get(alert.ruleId) ?? { active: 0, draft: 0 };
    rule[side] += 1;
    rules.set(alert.ruleId, rule);
    const day = new Date(Math.floor(alert.atMs / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    const bucket = days.get(day) ?? { active: 0, draft: 0 };
    bucket[side] += 1;
    days.set(day, bucket);
  };
  for (const alert of activeAlerts.values()) tally(alert, 'active');
  for (const alert of draftAlerts.values()) tally(alert, 'draft');
  return {
    platformId: input.platformId,
    fromMs: input.fromMs,
    toMs: input.toMs,
    events,
    customers,
    active: { alerts: activeAlerts.size, perThousandCustomers: perThousand(activeAlerts.size) },
    draft: { alerts: draftAlerts.size, perThousandCustomers: perThousand(draftAlerts.size) },
    overlap: draftAlerts.size - newOnes.length,
    newAlerts: newOnes.length,
    lostAlerts: lost.length,
    byRule: [...rules.entries()]
      .map(([ruleId, v]) => ({ ruleId, ...v }))
      .sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
    byDay: [...days.entries()]
      .map(([day, v]) => ({ day, ...v }))
      .sort((a, b) => a.day.localeCompare(b.day)),
    newExamples: newOnes.slice(0, EXAMPLES_MAX),
    lostExamples: lost.slice(0, EXAMPLES_MAX),
  };
}
