import { readNewestSnapshot, writeSnapshot } from './snapshot-rows.js';
import { raiseAlerts } from '../cases/raise-alerts.js';
import type { AlertInput } from '../cases/alert-input.js';
import type { GateDecision, InstructionGate, PreparedInstruction } from '../custody/index.js';
import {
  cnRulePack,
  FxRateBook,
  MonitoringEngine,
  type EngineSnapshot,
  type MonitoringAlert,
  type RulePack,
} from '../monitor/index.js';
import type { Database, Queryable } from '../store/index.js';
import { AccountOwners } from './account-owners.js';
import { CustomerProfiles } from './customer-profiles.js';
import { FEED_BATCH_MAX, inLeafOrder, isFeedItem, readFeed, type FeedItem } from './feed.js';
import { eventOfPrepared } from './gate-event.js';
import { loadFxRates } from './fx-rates.js';
import { PackLoader } from './pack-loader.js';
import { CustodyBalanceCache } from './custody-balances.js';
import { refusalAlertInputs } from './refusal-alerts.js';
import { effectivePack, packFingerprint } from './rule-store.js';

export const MONITOR_CONSUMER_DEFAULT = 'monitor';
export const SNAPSHOT_EVERY_EVENTS_DEFAULT = 50_000;
export const POLL_INTERVAL_MS_DEFAULT = 500;
/** How often the service looks for newly activated rule versions. */
export const PACK_REFRESH_MS = 30_000;
/** A synchronous check slower than this is counted; the instruction still gets its answer. */
export const GATE_BUDGET_US = 1_000;
const ALERTS_PER_WRITE_MAX = 1_000;

export interface MonitorServiceOptions {
  consumer?: string;
  feedBatchSize?: number;
  snapshotEveryEvents?: number;
  pollIntervalMs?: number;
  /** Which platforms' events this process evaluates (scale-out workers own a share). */
  owns?: (event: FeedItem['event']) => boolean;
  /** Per platform rule pack; default: the stored effective pack. */
  packFor?: (db: Queryable, platformId: string) => Promise<RulePack>;
  /**
   * Whether this process evaluates the committed feed (default). False keeps only the
   * synchronous gate, for a server whose evaluation runs in NATS workers.
   */
  evaluate?: boolean;
  /** Where alerts go, in the transaction that advances the position; default: cases. */
  writeAlerts?: (tx: Queryable, alerts: AlertInput[]) => Promise<void>;
}

async function raiseAllAlerts(tx: Queryable, alerts: AlertInput[]): Promise<void> {
  for (let start = 0; start < alerts.length; start += ALERTS_PER_WRITE_MAX)
    await raiseAlerts(tx, alerts.slice(start, start + ALERTS_PER_WRITE_MAX));
}

export interface MonitorStats {
  leafIndex: number;
  events: number;
  alerts: number;
  gateChecks: number;
  gateHolds: number;
  gateRejects: number;
  /** Refusals whose alerts could not be written (the refusal itself stood). */
  gateRejectsUnrecorded: number;
  gateOverBudget: number;
  engines: number;
  /** Times a platform's stored pack could not be used (it kept the rules it ran). */
  packErrors: number;
}

/**
 * Runs the monitoring engine over the committed event feed: one engine per platform (its own
 * rule pack), events in commit order, alerts written to cases with the feed position in the
 * same transaction. Snapshots of the engines let a restart resume exactly: it restores the last
 * snapshot and replays the events between it and the position without writing their alerts
 * again, so the alerts are those of a run without the restart.
 */
export class MonitorService implements InstructionGate {
  readonly #db: Database;
  readonly #consumer: string;
  readonly #batchSize: number;
  readonly #snapshotEvery: number;
  readonly #pollMs: number;
  readonly #owns: (event: FeedItem['event']) => boolean;
  readonly #packs: PackLoader;
  readonly #writeAlerts: (tx: Queryable, alerts: AlertInput[]) => Promise<void>;
  readonly #evaluate: boolean;
  readonly #owners = new AccountOwners();
  readonly #profiles = new CustomerProfiles();
  readonly #engines = new Map<string, { engine: MonitoringEngine; fingerprint: string }>();
  /** Rates to CNY shared by every engine; reloaded with the packs. */
  readonly #fxRates = new FxRateBook();
  /** Each platform's custody balances as last read, set on its engines. */
  readonly #custody = new CustodyBalanceCache();
  /** The alerts behind this gate's holds and rejections, for refused(); dropped with them. */
  readonly #found = new WeakMap<PreparedInstruction, MonitoringAlert[]>();
  #leafIndex = -1;
  #sinceSnapshot = 0;
  #timer: NodeJS.Timeout | undefined;
  #packsCheckedAtMs = 0;
  #running: Promise<void> | null = null;
  #stopped = false;
  readonly #stats: MonitorStats = {
    leafIndex: -1,
    events: 0,
    alerts: 0,
    gateChecks: 0,
    gateHolds: 0,
    gateRejects: 0,
    gateRejectsUnrecorded: 0,
    gateOverBudget: 0,
    engines: 0,
    packErrors: 0,
  };

  constructor(db: Database, options: MonitorServiceOptions = {}) {
    this.#db = db;
    this.#consumer = options.consumer ?? MONITOR_CONSUMER_DEFAULT;
    this.#batchSize = Math.min(options.feedBatchSize ?? 2_000, FEED_BATCH_MAX);
    this.#snapshotEvery = options.snapshotEveryEvents ?? SNAPSHOT_EVERY_EVENTS_DEFAULT;
    this.#pollMs = options.pollIntervalMs ?? POLL_INTERVAL_MS_DEFAULT;
    this.#owns = options.owns ?? (() => true);
    this.#packs = new PackLoader(db, options.packFor ?? effectivePack);
    this.#writeAlerts = options.writeAlerts ?? raiseAllAlerts;
    this.#evaluate = options.evaluate ?? true;
  }

  /** Restores state (snapshot, then replay up to the stored position) and starts polling. */
  async start(): Promise<void> {
    this.#stopped = false;
    if (!this.#evaluate) return;
    await this.restore();
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#running;
  }

  /** Processes every committed event not yet seen; resolves when caught up. */
  async catchUp(): Promise<number> {
    let processed = 0;
    for (;;) {
      const page = await readFeed(this.#db, this.#owners, this.#leafIndex, this.#batchSize);
      if (page.lastLeafIndex === this.#leafIndex) return processed;
      // A profile can complete a pattern by itself (a closure looks back at the flows before it).
      const alerts: MonitoringAlert[] = await this.#loadProfiles(page.items);
      let observed = 0;
      // Profile changes at their place in leaf order: a closure looks back at the flows before it.
      for (const item of inLeafOrder(page)) {
        if (!isFeedItem(item)) {
          alerts.push(...(await this.#reapplyProfile(item.customerId)));
          continue;
        }
        if (!this.#owns(item.event)) continue;
        const engine = await this.#engineFor(item.event.platformId);
        alerts.push(...engine.observe(item.event));
        observed += 1;
      }
      await this.#commit(page.lastLeafIndex, observed, alerts);
      processed += observed;
      this.#leafIndex = page.lastLeafIndex;
      this.#stats.events += page.items.length;
      this.#stats.alerts += alerts.length;
      this.#sinceSnapshot += page.items.length;
      if (this.#sinceSnapshot >= this.#snapshotEvery) await this.snapshot();
    }
  }

  /**
   * Swaps in each platform's current pack when its stored rules changed. Rules whose
   * definition did not change keep their windowed state (the snapshot restores per rule).
   */
  async refreshPacks(): Promise<number> {
    this.#fxRates.replace(await loadFxRates(this.#db));
    let swapped = 0;
    for (const [platformId, entry] of this.#engines) {
      const pack = await this.#packs.load(platformId);
      // A pack that cannot be read leaves the platform on the rules it runs.
      if (pack === null) continue;
      const fingerprint = packFingerprint(pack);
      if (fingerprint === entry.fingerprint) continue;
      const engine = MonitoringEngine.restore(pack, entry.engine.snapshot(), {
        fxRates: this.#fxRates,
      });
      this.#engines.set(platformId, { engine, fingerprint });
      swapped += 1;
    }
    await this.#custody.refreshInto(this.#db, this.#engines);
    this.#packsCheckedAtMs = Date.now();
    return swapped;
  }

  /** Wakes the poller now (after a commit) instead of at the next interval. */
  wake(): void {
    if (!this.#evaluate || this.#stopped || this.#running !== null) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#tick();
  }

  check(prepared: PreparedInstruction): GateDecision {
    this.#stats.gateChecks += 1;
    let entry = this.#engines.get(prepared.platformId);
    if (entry === undefined) {
      // A platform not seen yet gets the default pack now (the check is synchronous); the
      // next pack refresh swaps in its stored rules, if it has any.
      const pack = cnRulePack();
      entry = {
        engine: this.#custody.applyTo(
          prepared.platformId,
          new MonitoringEngine(pack, { fxRates: this.#fxRates }),
        ),
        fingerprint: packFingerprint(pack),
      };
      this.#engines.set(prepared.platformId, entry);
    }
    const startedNs = process.hrtime.bigint();
    const decision = entry.engine.check(eventOfPrepared(prepared));
    if (Number(process.hrtime.bigint() - startedNs) / 1_000 > GATE_BUDGET_US)
      this.#stats.gateOverBudget += 1;
    if (decision.action === 'allow') return decision;
    if (decision.action === 'hold') this.#stats.gateHolds += 1;
    else this.#stats.gateRejects += 1;
    // A held instruction's alerts are written by the asynchronous path once it posts. A refused
    // one (refused by this gate, or held here and refused by another) never reaches the feed,
    // so refused() writes its alerts. The decision itself names the rules.
    this.#found.set(prepared, decision.alerts);
    return {
      action: decision.action,
      reason: decision.alerts
        .map((a) => a.explanation.summary)
        .join('; ')
        .slice(0, 480),
      ruleIds: decision.alerts.map((a) => a.ruleId),
    };
  }

  /**
   * Writes the alerts this gate found on an instruction refused before posting (with cases and
   * audit records, like every alert); nothing when this gate allowed it.
   */
  async refused(prepared: PreparedInstruction): Promise<void> {
    const alerts = this.#found.get(prepared);
    if (alerts === undefined) return;
    this.#found.delete(prepared);
    try {
      const inputs = refusalAlertInputs(alerts, prepared.id);
      await this.#db.transaction((tx) => this.#writeAlerts(tx, inputs));
      this.#stats.alerts += inputs.length;
    } catch (error) {
      this.#stats.gateRejectsUnrecorded += 1;
      throw error;
    }
  }

  stats(): MonitorStats {
    return {
      ...this.#stats,
      leafIndex: this.#leafIndex,
      engines: this.#engines.size,
      packErrors: this.#packs.errors,
    };
  }

  /** Writes every engine's state at the current position; keeps only the newest snapshot. */
  async snapshot(): Promise<void> {
    const engines: Record<string, { fingerprint: string; snapshot: EngineSnapshot }> = {};
    for (const [platformId, entry] of this.#engines)
      engines[platformId] = { fingerprint: entry.fingerprint, snapshot: entry.engine.snapshot() };
    await writeSnapshot(this.#db, this.#consumer, this.#leafIndex, JSON.stringify({ engines }));
    this.#sinceSnapshot = 0;
  }

  /**
   * Restores the newest snapshot (rules changed since it start empty), then replays
   * the feed from there to the committed position without writing alerts: they were written
   * with that position.
   */
  async restore(): Promise<void> {
    this.#engines.clear();
    this.#fxRates.replace(await loadFxRates(this.#db));
    const cursor = await this.#db.query<{ leaf_index: string | number }>(
      'SELECT leaf_index FROM monitoring_cursor WHERE consumer = $1',
      [this.#consumer],
    );
    const committed = cursor[0] === undefined ? -1 : Number(cursor[0].leaf_index);
    const stored = await readNewestSnapshot(this.#db, this.#consumer, committed);
    let position = -1;
    if (stored !== undefined) {
      position = stored.leafIndex;
      const parsed = JSON.parse(stored.body) as {
        engines: Record<string, { fingerprint: string; snapshot: EngineSnapshot }>;
      };
      for (const [platformId, entry] of Object.entries(parsed.engines)) {
        const pack = (await this.#packs.load(platformId)) ?? cnRulePack();
        // Rules whose definition changed since the snapshot start empty; the rest resume.
        this.#engines.set(platformId, {
          engine: MonitoringEngine.restore(pack, entry.snapshot, { fxRates: this.#fxRates }),
          fingerprint: packFingerprint(pack),
        });
      }
    }
    while (position < committed) {
      const page = await readFeed(this.#db, this.#owners, position, this.#batchSize);
      if (page.lastLeafIndex === position) break;
      await this.#loadProfiles(page.items);
      for (const item of inLeafOrder(page)) {
        if (item.leafIndex > committed) break;
        if (!isFeedItem(item)) await this.#reapplyProfile(item.customerId);
        else if (this.#owns(item.event))
          (await this.#engineFor(item.event.platformId)).observe(item.event);
      }
      position = Math.min(page.lastLeafIndex, committed);
    }
    this.#leafIndex = committed;
    // The replay above ran with the balances the snapshot held, as the first run had them.
    await this.#custody.refreshInto(this.#db, this.#engines);
  }

  #reapplyProfile(customerId: string): Promise<MonitoringAlert[]> {
    return this.#profiles.reapply(this.#db, customerId, (id) => this.#engines.get(id)?.engine);
  }

  async #loadProfiles(items: readonly FeedItem[]): Promise<MonitoringAlert[]> {
    const ids: string[] = [];
    for (const { event } of items) {
      if (!this.#owns(event)) continue;
      if (event.payerCustomerId !== null) ids.push(event.payerCustomerId);
      if (event.payeeCustomerId !== null) ids.push(event.payeeCustomerId);
    }
    const alerts: MonitoringAlert[] = [];
    for (const profile of await this.#profiles.missing(this.#db, ids))
      alerts.push(...(await this.#engineFor(profile.platformId)).upsertProfile(profile));
    return alerts;
  }

  async #engineFor(platformId: string): Promise<MonitoringEngine> {
    const existing = this.#engines.get(platformId);
    if (existing !== undefined) return existing.engine;
    const pack = (await this.#packs.load(platformId)) ?? cnRulePack();
    const engine = this.#custody.applyTo(
      platformId,
      new MonitoringEngine(pack, { fxRates: this.#fxRates }),
    );
    this.#engines.set(platformId, { engine, fingerprint: packFingerprint(pack) });
    return engine;
  }

  async #commit(leafIndex: number, events: number, alerts: MonitoringAlert[]): Promise<void> {
    const pending = this.#packs.takeAlerts();
    await this.#db.transaction(async (tx) => {
      if (alerts.length > 0) await this.#writeAlerts(tx, alerts.map(alertInput));
      if (pending.length > 0) await this.#writeAlerts(tx, pending);
      await tx.query(
        `INSERT INTO monitoring_cursor (consumer, leaf_index, events, updated_at)
         VALUES ($1, $2, $3, now())
         ON CONFLICT (consumer) DO UPDATE SET leaf_index = $2,
           events = monitoring_cursor.events + $3, updated_at = now()`,
        [this.#consumer, leafIndex, events],
      );
    });
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => this.#tick(), this.#pollMs);
    this.#timer.unref();
  }

  #tick(): void {
    const refresh =
      Date.now() - this.#packsCheckedAtMs >= PACK_REFRESH_MS
        ? this.refreshPacks()
        : Promise.resolve(0);
    this.#running = refresh
      .then(() => this.catchUp())
      .then(() => undefined)
      .catch((error: unknown) => {
        process.emitWarning(
          `monitoring: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        this.#running = null;
        this.#schedule();
      });
  }
}

export function alertInput(alert: MonitoringAlert): AlertInput {
  return { ...alert, explanation: { ...alert.explanation } };
}
