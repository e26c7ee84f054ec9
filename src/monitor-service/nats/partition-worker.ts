import { readNewestSnapshot, writeSnapshot } from '../snapshot-rows.js';
import type { JsMsg, NatsConnection } from 'nats';
import {
  cnRulePack,
  FxRateBook,
  MonitoringEngine,
  type EngineSnapshot,
  type MonitoredEvent,
  type MonitoringAlert,
  type RulePack,
} from '../../monitor/index.js';
import type { Database, Queryable } from '../../store/index.js';
import { CustomerProfiles } from '../customer-profiles.js';
import { loadFxRates } from '../fx-rates.js';
import { PackLoader } from '../pack-loader.js';
import { alertInput, PACK_REFRESH_MS } from '../monitor-service.js';
import { effectivePack, packFingerprint } from '../rule-store.js';
import {
  partitionCursorName,
  readPosition,
  streamSeqCursorName,
  writePosition,
} from './cursor-rows.js';
import { raiseInChunks, type WriteAlerts } from './alert-writes.js';
import { decodeMessage, isProfileChange, type WireEvent, type WireMessage } from './event-codec.js';
import { customerScopedPack, ownsAlert } from './pack-split.js';
import { partitionOf } from './partition.js';
import { replayPartition } from './stream-replay.js';
import { ensureStream, resetPartitionConsumer, type NatsTopology } from './topology.js';

export const CURSOR_PREFIX_DEFAULT = 'nats';
export const FETCH_BATCH_MAX = 1_000;
export const WORKER_SNAPSHOT_EVERY_EVENTS_DEFAULT = 50_000;
/**
 * A partition with events also snapshots this often, so a restart replays at most this much of
 * the stream, far inside the stream's age limit (STREAM_MAX_AGE_MS_DEFAULT).
 */
export const WORKER_SNAPSHOT_EVERY_MS_DEFAULT = 60 * 60_000;
const FETCH_EXPIRES_MS = 1_000;

export interface PartitionWorkerOptions {
  /** Position rows are `<cursorPrefix>:<partition>`; default `nats`. */
  cursorPrefix?: string;
  fetchBatch?: number;
  snapshotEveryEvents?: number;
  snapshotEveryMs?: number;
  /** The platform's full pack; the worker runs its customer-scoped part. */
  packFor?: (db: Queryable, platformId: string) => Promise<RulePack>;
  /** Where alerts go, in the transaction that advances the position; default: cases. */
  writeAlerts?: WriteAlerts;
}

export interface PartitionWorkerStats {
  partition: number;
  leafIndex: number;
  streamSeq: number;
  events: number;
  skipped: number;
  alerts: number;
  engines: number;
}

interface EngineEntry {
  engine: MonitoringEngine;
  fingerprint: string;
}

/**
 * Evaluates one customer partition from its JetStream subject: one engine per platform running
 * the customer-scoped rules, with each event's shared-key outcomes (evaluated by the publisher)
 * recorded before its typologies are scored; alerts written with the partition's position in
 * one transaction, messages acknowledged only after that commit. A restart restores the newest
 * snapshot, replays the partition's messages from the stream up to the stored position without
 * writing alerts, and resumes delivery right after the last committed message.
 */
export class NatsPartitionWorker {
  readonly #db: Database;
  readonly #nc: NatsConnection;
  readonly #topology: NatsTopology;
  readonly #partition: number;
  readonly #cursor: string;
  readonly #seqCursor: string;
  readonly #fetchBatch: number;
  readonly #snapshotEvery: number;
  readonly #snapshotEveryMs: number;
  readonly #packs: PackLoader;
  readonly #writeAlerts: WriteAlerts;
  #profiles = new CustomerProfiles();
  readonly #engines = new Map<string, EngineEntry>();
  /** Rates to CNY shared by every engine; reloaded with the packs. */
  readonly #fxRates = new FxRateBook();
  #leafIndex = -1;
  #streamSeq = 0;
  #sinceSnapshot = 0;
  #snapshotAtMs = 0;
  #packsCheckedAtMs = 0;
  #stopped = true;
  #loop: Promise<void> | null = null;
  #failure: unknown = null;
  readonly #counts = { events: 0, skipped: 0, alerts: 0 };

  constructor(
    db: Database,
    nc: NatsConnection,
    topology: NatsTopology,
    partition: number,
    options: PartitionWorkerOptions = {},
  ) {
    if (!Number.isInteger(partition) || partition < 0 || partition >= topology.partitionCount)
      throw new Error(`partition ${partition} is outside 0-${topology.partitionCount - 1}`);
    this.#db = db;
    this.#nc = nc;
    this.#topology = topology;
    this.#partition = partition;
    const prefix = options.cursorPrefix ?? CURSOR_PREFIX_DEFAULT;
    this.#cursor = partitionCursorName(prefix, partition);
    this.#seqCursor = streamSeqCursorName(prefix, partition);
    this.#fetchBatch = Math.min(options.fetchBatch ?? 500, FETCH_BATCH_MAX);
    this.#snapshotEvery = options.snapshotEveryEvents ?? WORKER_SNAPSHOT_EVERY_EVENTS_DEFAULT;
    this.#snapshotEveryMs = options.snapshotEveryMs ?? WORKER_SNAPSHOT_EVERY_MS_DEFAULT;
    this.#packs = new PackLoader(db, options.packFor ?? effectivePack);
    this.#writeAlerts = options.writeAlerts ?? raiseInChunks;
  }

  async start(): Promise<void> {
    const jsm = await ensureStream(this.#nc, this.#topology);
    await this.restore();
    const info = await jsm.streams.info(this.#topology.stream);
    // Messages this partition never committed were removed by the stream's age limit:
    // resuming would skip them silently, so the worker refuses instead.
    if (info.state.messages > 0 && info.state.first_seq > this.#streamSeq + 1)
      throw new Error(
        `stream ${this.#topology.stream} starts at ${info.state.first_seq}, after this partition's position ${this.#streamSeq}: rebuild the partition`,
      );
    const durable = await resetPartitionConsumer(
      jsm,
      this.#topology,
      this.#partition,
      this.#streamSeq,
    );
    const consumer = await this.#nc.jetstream().consumers.get(this.#topology.stream, durable);
    this.#stopped = false;
    this.#loop = (async () => {
      try {
        while (!this.#stopped) {
          const batch = await consumer.fetch({
            max_messages: this.#fetchBatch,
            expires: FETCH_EXPIRES_MS,
          });
          const messages: JsMsg[] = [];
          for await (const message of batch) messages.push(message);
          if (messages.length > 0) await this.handle(messages);
          if (Date.now() - this.#packsCheckedAtMs >= PACK_REFRESH_MS) await this.refreshPacks();
        }
      } catch (error) {
        // Going on with later messages would break the partition's order: stop instead and
        // let a restart resume from the committed position.
        this.#failure = error;
        this.#stopped = true;
      }
    })();
  }

  /** The error that stopped the worker, if one did. */
  failure(): unknown {
    return this.#failure;
  }

  /** Resolves when the worker stops (after stop(), or on a failure). */
  async done(): Promise<void> {
    await this.#loop;
  }

  /** Stops after the batch in hand is committed and acknowledged. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#loop;
    this.#loop = null;
  }

  stats(): PartitionWorkerStats {
    return {
      partition: this.#partition,
      leafIndex: this.#leafIndex,
      streamSeq: this.#streamSeq,
      ...this.#counts,
      engines: this.#engines.size,
    };
  }

  /** Evaluates a fetched batch in order, commits alerts and position, then acknowledges. */
  async handle(messages: readonly JsMsg[]): Promise<void> {
    const wires = messages.map((message) => decodeMessage(message.data));
    const fresh = freshOf(wires, this.#leafIndex);
    this.#counts.skipped += wires.length - fresh.length;
    const position = fresh.at(-1)?.leafIndex ?? this.#leafIndex;
    const lastSeq = messages.at(-1)?.seq ?? this.#streamSeq;
    if (fresh.length > 0) {
      // A profile can complete a pattern by itself (a closure looks back at the flows before it).
      const alerts: MonitoringAlert[] = await this.#loadProfiles(eventsOf(fresh));
      for (const wire of fresh)
        alerts.push(
          ...(isProfileChange(wire)
            ? await this.#reloadProfile(wire.profileChange.customerId)
            : await this.#evaluate(wire)),
        );
      const packAlerts = this.#packs.takeAlerts();
      await this.#db.transaction(async (tx) => {
        if (alerts.length > 0) await this.#writeAlerts(tx, alerts.map(alertInput));
        if (packAlerts.length > 0) await this.#writeAlerts(tx, packAlerts);
        await writePosition(tx, this.#cursor, position, fresh.length);
        await writePosition(tx, this.#seqCursor, lastSeq, 0);
      });
      this.#leafIndex = position;
      this.#counts.events += fresh.length;
      this.#counts.alerts += alerts.length;
      this.#sinceSnapshot += fresh.length;
    }
    this.#streamSeq = Math.max(this.#streamSeq, lastSeq);
    await Promise.all(messages.map((message) => message.ackAck()));
    if (
      this.#sinceSnapshot >= this.#snapshotEvery ||
      (this.#sinceSnapshot > 0 && Date.now() - this.#snapshotAtMs >= this.#snapshotEveryMs)
    )
      await this.snapshot();
  }

  /** Swaps in a platform's current pack when its stored rules changed (state carried over). */
  async refreshPacks(): Promise<number> {
    this.#fxRates.replace(await loadFxRates(this.#db));
    let swapped = 0;
    for (const [platformId, entry] of this.#engines) {
      const stored = await this.#packs.load(platformId);
      // A pack that cannot be read leaves the platform on the rules it runs.
      if (stored === null) continue;
      const pack = customerScopedPack(stored);
      const fingerprint = packFingerprint(pack);
      if (fingerprint === entry.fingerprint) continue;
      this.#engines.set(platformId, {
        engine: MonitoringEngine.restore(pack, entry.engine.snapshot(), { fxRates: this.#fxRates }),
        fingerprint,
      });
      swapped += 1;
    }
    this.#packsCheckedAtMs = Date.now();
    return swapped;
  }

  async snapshot(): Promise<void> {
    const engines: Record<string, { fingerprint: string; snapshot: EngineSnapshot }> = {};
    for (const [platformId, entry] of this.#engines)
      engines[platformId] = { fingerprint: entry.fingerprint, snapshot: entry.engine.snapshot() };
    const body = JSON.stringify({ engines, streamSeq: this.#streamSeq });
    await writeSnapshot(this.#db, this.#cursor, this.#leafIndex, body);
    this.#sinceSnapshot = 0;
    this.#snapshotAtMs = Date.now();
  }

  /**
   * Rebuilds the engines at the committed position: the newest snapshot at or below it, then
   * the partition's messages after the snapshot's stream sequence up to the committed one, read
   * again from the stream with the shared-key outcomes they carried, without writing alerts.
   */
  async restore(): Promise<void> {
    this.#engines.clear();
    this.#fxRates.replace(await loadFxRates(this.#db));
    // Profiles go to the rebuilt engines again, as to those of a fresh process.
    this.#profiles = new CustomerProfiles();
    const committed = await readPosition(this.#db, this.#cursor);
    const committedSeq = Math.max(0, await readPosition(this.#db, this.#seqCursor));
    const stored = await readNewestSnapshot(this.#db, this.#cursor, committed);
    let position = -1;
    let snapshotSeq = 0;
    // Without a snapshot the first one is due a full interval after the start.
    this.#snapshotAtMs = Date.now();
    if (stored !== undefined) {
      position = stored.leafIndex;
      this.#snapshotAtMs = stored.takenAt.getTime();
      const parsed = JSON.parse(stored.body) as {
        engines: Record<string, { snapshot: EngineSnapshot }>;
        streamSeq?: number;
      };
      // Replaying from an earlier sequence is safe: messages at or below the leaf are skipped.
      snapshotSeq = parsed.streamSeq ?? 0;
      for (const [platformId, entry] of Object.entries(parsed.engines)) {
        const pack = customerScopedPack((await this.#packs.load(platformId)) ?? cnRulePack());
        this.#engines.set(platformId, {
          engine: MonitoringEngine.restore(pack, entry.snapshot, { fxRates: this.#fxRates }),
          fingerprint: packFingerprint(pack),
        });
      }
    }
    if (position < committed)
      await replayPartition(
        this.#nc,
        this.#topology,
        this.#partition,
        snapshotSeq,
        committedSeq,
        async (wires) => {
          const fresh = freshOf(wires, position);
          await this.#loadProfiles(eventsOf(fresh));
          for (const wire of fresh) {
            if (isProfileChange(wire)) {
              await this.#reloadProfile(wire.profileChange.customerId);
              continue;
            }
            (await this.#engineFor(wire.event.platformId)).observe(wire.event, {
              externalRuleAlerts: wire.outcomes,
            });
          }
          position = fresh.at(-1)?.leafIndex ?? position;
        },
      );
    if (position !== committed)
      throw new Error(
        `partition ${this.#partition} replayed up to leaf ${position}, not its position ${committed}: rebuild the partition`,
      );
    this.#leafIndex = committed;
    this.#streamSeq = committedSeq;
    this.#sinceSnapshot = 0;
    this.#packsCheckedAtMs = Date.now();
  }

  async #evaluate({ event, outcomes }: WireEvent): Promise<MonitoringAlert[]> {
    const engine = await this.#engineFor(event.platformId);
    const { partitionCount } = this.#topology;
    return engine
      .observe(event, { externalRuleAlerts: outcomes })
      .filter((alert) => ownsAlert(alert, event, this.#partition, partitionCount));
  }

  /**
   * The customer's profile changed (relationship ended, risk attributes or rating): the engine
   * gets it again if this partition has seen the customer; a newly recorded closure is decided
   * by the closure rules, whose alerts for this partition's customers are returned.
   */
  async #reloadProfile(customerId: string): Promise<MonitoringAlert[]> {
    const { partitionCount } = this.#topology;
    const alerts = await this.#profiles.reapply(
      this.#db,
      customerId,
      (id) => this.#engines.get(id)?.engine,
    );
    return alerts.filter(
      (alert) =>
        alert.customerId !== null &&
        partitionOf(alert.customerId, partitionCount) === this.#partition,
    );
  }

  async #loadProfiles(events: readonly MonitoredEvent[]): Promise<MonitoringAlert[]> {
    const ids: string[] = [];
    for (const event of events) {
      if (event.payerCustomerId !== null) ids.push(event.payerCustomerId);
      if (event.payeeCustomerId !== null) ids.push(event.payeeCustomerId);
    }
    const { partitionCount } = this.#topology;
    const alerts: MonitoringAlert[] = [];
    for (const profile of await this.#profiles.missing(this.#db, ids))
      for (const alert of (await this.#engineFor(profile.platformId)).upsertProfile(profile))
        if (
          alert.customerId !== null &&
          partitionOf(alert.customerId, partitionCount) === this.#partition
        )
          alerts.push(alert);
    return alerts;
  }

  async #engineFor(platformId: string): Promise<MonitoringEngine> {
    const existing = this.#engines.get(platformId);
    if (existing !== undefined) return existing.engine;
    const pack = customerScopedPack((await this.#packs.load(platformId)) ?? cnRulePack());
    const engine = new MonitoringEngine(pack, { fxRates: this.#fxRates });
    this.#engines.set(platformId, { engine, fingerprint: packFingerprint(pack) });
    return engine;
  }
}

function eventsOf(wires: readonly WireMessage[]): MonitoredEvent[] {
  const events: MonitoredEvent[] = [];
  for (const wire of wires) if (!isProfileChange(wire)) events.push(wire.event);
  return events;
}

/** The messages past `position` in leaf order; repeats (a page published again) dropped. */
function freshOf(wires: readonly WireMessage[], position: number): WireMessage[] {
  const fresh: WireMessage[] = [];
  let last = position;
  for (const wire of wires) {
    if (wire.leafIndex <= last) continue;
    last = wire.leafIndex;
    fresh.push(wire);
  }
  return fresh;
}
