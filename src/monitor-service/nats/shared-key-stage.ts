import { readNewestSnapshot, writeSnapshot } from '../snapshot-rows.js';
import {
  cnRulePack,
  FxRateBook,
  MonitoringEngine,
  type EngineSnapshot,
  type ExternalRuleAlert,
  type MonitoredEvent,
  type MonitoringAlert,
  type RulePack,
} from '../../monitor/index.js';
import type { Database, Queryable } from '../../store/index.js';
import { AccountOwners } from '../account-owners.js';
import { CustomerProfiles } from '../customer-profiles.js';
import { FEED_BATCH_MAX, inLeafOrder, isFeedItem, readFeed } from '../feed.js';
import { loadFxRates } from '../fx-rates.js';
import { PackLoader } from '../pack-loader.js';
import type { AlertInput } from '../../cases/alert-input.js';
import { CustodyBalanceCache } from '../custody-balances.js';
import { packFingerprint } from '../rule-store.js';
import { outcomesForPartitions, sharedKeyPack, typologyRuleIds } from './pack-split.js';

interface StageEngine {
  engine: MonitoringEngine;
  /** Of the platform's whole pack: its typologies decide which outcomes travel. */
  fingerprint: string;
  typologyRules: ReadonlySet<string>;
}

export interface SharedKeyResult {
  /** New alerts of the shared-key rules, written by the publisher. */
  alerts: MonitoringAlert[];
  /** What the event's partitions record before scoring their typologies. */
  outcomes: ExternalRuleAlert[];
}

/**
 * The shared-key rules (device, IP address, platform) of every platform, evaluated inside the
 * publisher over the whole committed feed in leaf order, one event at a time just before the
 * event is published. State is snapshotted under the publisher's position name; restore()
 * rebuilds it at the publisher's committed position, so a page evaluated again after a crash
 * gives the same alerts and outcomes.
 */
export class SharedKeyStage {
  readonly #db: Database;
  readonly #consumer: string;
  readonly #packs: PackLoader;
  #profiles = new CustomerProfiles();
  readonly #engines = new Map<string, StageEngine>();
  /** Rates to CNY shared by every engine; reloaded with the packs. */
  readonly #fxRates = new FxRateBook();
  /** Each platform's custody balances as last read, set on its engines. */
  readonly #custody = new CustodyBalanceCache();

  constructor(
    db: Database,
    consumer: string,
    packFor: (db: Queryable, platformId: string) => Promise<RulePack>,
  ) {
    this.#db = db;
    this.#consumer = consumer;
    this.#packs = new PackLoader(db, packFor);
  }

  get engines(): number {
    return this.#engines.size;
  }

  /** Alerts about unusable packs not written yet; the publisher writes them with its position. */
  takePackAlerts(): AlertInput[] {
    return this.#packs.takeAlerts();
  }

  /** Profiles of customers not seen yet; their closure alerts, if any rule decides at closure. */
  async loadProfiles(events: readonly MonitoredEvent[]): Promise<MonitoringAlert[]> {
    const ids: string[] = [];
    for (const event of events) {
      if (event.payerCustomerId !== null) ids.push(event.payerCustomerId);
      if (event.payeeCustomerId !== null) ids.push(event.payeeCustomerId);
    }
    const alerts: MonitoringAlert[] = [];
    for (const profile of await this.#profiles.missing(this.#db, ids))
      alerts.push(...(await this.#entryFor(profile.platformId)).engine.upsertProfile(profile));
    return alerts;
  }

  /** Gives the engines a customer's changed profile again, if they have seen the customer. */
  reloadProfile(customerId: string): Promise<MonitoringAlert[]> {
    return this.#profiles.reapply(this.#db, customerId, (id) => this.#engines.get(id)?.engine);
  }

  async observe(event: MonitoredEvent): Promise<SharedKeyResult> {
    const entry = await this.#entryFor(event.platformId);
    const alerts = entry.engine.observe(event);
    return { alerts, outcomes: outcomesForPartitions(alerts, entry.typologyRules) };
  }

  /** Swaps in a platform's current pack when its stored rules changed (state carried over). */
  async refreshPacks(): Promise<number> {
    this.#fxRates.replace(await loadFxRates(this.#db));
    let swapped = 0;
    for (const [platformId, entry] of this.#engines) {
      const pack = await this.#packs.load(platformId);
      // A pack that cannot be read leaves the platform on the rules it runs.
      if (pack === null) continue;
      const fingerprint = packFingerprint(pack);
      if (fingerprint === entry.fingerprint) continue;
      this.#engines.set(platformId, {
        engine: MonitoringEngine.restore(sharedKeyPack(pack), entry.engine.snapshot(), {
          fxRates: this.#fxRates,
        }),
        fingerprint,
        typologyRules: typologyRuleIds(pack),
      });
      swapped += 1;
    }
    await this.#custody.refreshInto(this.#db, this.#engines);
    return swapped;
  }

  /** Stores the state at `leafIndex` (the publisher's committed position); keeps the newest. */
  async snapshot(leafIndex: number): Promise<void> {
    const engines: Record<string, { fingerprint: string; snapshot: EngineSnapshot }> = {};
    for (const [platformId, entry] of this.#engines)
      engines[platformId] = { fingerprint: entry.fingerprint, snapshot: entry.engine.snapshot() };
    await writeSnapshot(this.#db, this.#consumer, leafIndex, JSON.stringify({ engines }));
  }

  /**
   * Rebuilds the state at `committed`: the newest snapshot at or below it, then every event of
   * the committed feed up to it, without returning alerts (they were written with that position).
   */
  async restore(committed: number): Promise<void> {
    this.#engines.clear();
    this.#fxRates.replace(await loadFxRates(this.#db));
    // Profiles go to the rebuilt engines again, as to those of a fresh process.
    this.#profiles = new CustomerProfiles();
    const stored = await readNewestSnapshot(this.#db, this.#consumer, committed);
    let position = -1;
    if (stored !== undefined) {
      position = stored.leafIndex;
      const parsed = JSON.parse(stored.body) as {
        engines: Record<string, { snapshot: EngineSnapshot }>;
      };
      for (const [platformId, entry] of Object.entries(parsed.engines)) {
        const pack = (await this.#packs.load(platformId)) ?? cnRulePack();
        this.#engines.set(platformId, {
          engine: MonitoringEngine.restore(sharedKeyPack(pack), entry.snapshot, {
            fxRates: this.#fxRates,
          }),
          fingerprint: packFingerprint(pack),
          typologyRules: typologyRuleIds(pack),
        });
      }
    }
    const owners = new AccountOwners();
    while (position < committed) {
      const page = await readFeed(this.#db, owners, position, FEED_BATCH_MAX);
      if (page.lastLeafIndex === position) break;
      const items = page.items.filter((item) => item.leafIndex <= committed);
      await this.loadProfiles(items.map((item) => item.event));
      const changes = page.profileChanges.filter((change) => change.leafIndex <= committed);
      for (const entry of inLeafOrder({ items, profileChanges: changes })) {
        if (isFeedItem(entry))
          (await this.#entryFor(entry.event.platformId)).engine.observe(entry.event);
        else await this.reloadProfile(entry.customerId);
      }
      position = Math.min(page.lastLeafIndex, committed);
    }
    // The replay above ran with the balances the snapshot held, as the first run had them.
    await this.#custody.refreshInto(this.#db, this.#engines);
  }

  async #entryFor(platformId: string): Promise<StageEngine> {
    const existing = this.#engines.get(platformId);
    if (existing !== undefined) return existing;
    const pack = (await this.#packs.load(platformId)) ?? cnRulePack();
    const entry: StageEngine = {
      engine: this.#custody.applyTo(
        platformId,
        new MonitoringEngine(sharedKeyPack(pack), { fxRates: this.#fxRates }),
      ),
      fingerprint: packFingerprint(pack),
      typologyRules: typologyRuleIds(pack),
    };
    this.#engines.set(platformId, entry);
    return entry;
  }
}
