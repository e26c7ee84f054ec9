import type { JetStreamClient, NatsConnection, PubAck } from 'nats';
import type { MonitoringAlert, RulePack } from '../../monitor/index.js';
import type { Database, Queryable } from '../../store/index.js';
import { AccountOwners } from '../account-owners.js';
import { FEED_BATCH_MAX, inLeafOrder, isFeedItem, readFeed } from '../feed.js';
import { alertInput, PACK_REFRESH_MS } from '../monitor-service.js';
import { effectivePack } from '../rule-store.js';
import { raiseInChunks, type WriteAlerts } from './alert-writes.js';
import { readPosition, writePosition } from './cursor-rows.js';
import { encodeEvent, encodeProfileChange } from './event-codec.js';
import { eventPartitions, partitionOf } from './partition.js';
import { SharedKeyStage } from './shared-key-stage.js';
import { ensureStream, subjectOf, type NatsTopology } from './topology.js';

export const PUBLISHER_CONSUMER_DEFAULT = 'nats-publisher';
/** Publish acknowledgements awaited at once. */
export const PUBLISHES_IN_FLIGHT_MAX = 1_000;
export const PUBLISHER_SNAPSHOT_EVERY_EVENTS_DEFAULT = 50_000;

export interface PublisherOptions {
  /** The position row, also the name of the shared-key snapshots; default `nats-publisher`. */
  consumer?: string;
  feedBatchSize?: number;
  pollIntervalMs?: number;
  snapshotEveryEvents?: number;
  /** The platform's full pack; the publisher runs its shared-key part. */
  packFor?: (db: Queryable, platformId: string) => Promise<RulePack>;
  /** Where shared-key alerts go, in the transaction that advances the position; default: cases. */
  writeAlerts?: WriteAlerts;
}

export interface PublisherStats {
  leafIndex: number;
  published: number;
  duplicates: number;
  /** New shared-key alerts written. */
  alerts: number;
  /** Messages that carried shared-key outcomes to a partition. */
  withOutcomes: number;
}

/** The message id of one event on one partition: the leaf index names the event. */
export function messageIdOf(leafIndex: number, partition: number): string {
  return `${leafIndex}.${partition}`;
}

/**
 * Reads the committed feed in leaf order, evaluates each event with the shared-key rules and
 * publishes it, with the outcomes its partitions' typologies need, to the partition of each
 * customer it involves. The shared-key alerts and the position are written in one transaction
 * after JetStream acknowledged every message of the page. After a failure or a crash the
 * shared-key state is rebuilt at the committed position and the page is evaluated and published
 * again: the same messages, which the server drops by message id within its duplicate window
 * (workers also skip anything at or below their own position).
 */
export class NatsFeedPublisher {
  readonly #db: Database;
  readonly #js: JetStreamClient;
  readonly #nc: NatsConnection;
  readonly #topology: NatsTopology;
  readonly #consumer: string;
  readonly #batchSize: number;
  readonly #pollMs: number;
  readonly #snapshotEvery: number;
  readonly #writeAlerts: WriteAlerts;
  readonly #shared: SharedKeyStage;
  readonly #owners = new AccountOwners();
  #leafIndex = -1;
  /** The shared-key state went past the committed position (a page failed half-way). */
  #ahead = false;
  #sinceSnapshot = 0;
  #packsCheckedAtMs = 0;
  /** catchUp() calls run one after the other: the shared-key state sees each event once. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #counts = { published: 0, duplicates: 0, alerts: 0, withOutcomes: 0 };
  #loop: Promise<void> | null = null;
  #stopped = true;
  #wake: (() => void) | null = null;

  constructor(
    db: Database,
    nc: NatsConnection,
    topology: NatsTopology,
    options: PublisherOptions = {},
  ) {
    this.#db = db;
    this.#nc = nc;
    this.#js = nc.jetstream();
    this.#topology = topology;
    this.#consumer = options.consumer ?? PUBLISHER_CONSUMER_DEFAULT;
    this.#batchSize = Math.min(options.feedBatchSize ?? 2_000, FEED_BATCH_MAX);
    this.#pollMs = options.pollIntervalMs ?? 200;
    this.#snapshotEvery = options.snapshotEveryEvents ?? PUBLISHER_SNAPSHOT_EVERY_EVENTS_DEFAULT;
    this.#writeAlerts = options.writeAlerts ?? raiseInChunks;
    this.#shared = new SharedKeyStage(db, this.#consumer, options.packFor ?? effectivePack);
  }

  /** Rebuilds the shared-key state at the committed position and starts publishing. */
  async start(): Promise<void> {
    await ensureStream(this.#nc, this.#topology);
    await this.#restore();
    this.#stopped = false;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = null;
  }

  stats(): PublisherStats {
    return { leafIndex: this.#leafIndex, ...this.#counts };
  }

  /** Publishes everything committed after the position; resolves with the messages sent. */
  catchUp(): Promise<number> {
    const run = this.#queue.then(() => this.#catchUp());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #catchUp(): Promise<number> {
    // After a failed page the shared-key engines saw events past the position: rebuild them
    // where the database says the position is (the commit itself may have gone through).
    if (this.#ahead) await this.#restore();
    if (Date.now() - this.#packsCheckedAtMs >= PACK_REFRESH_MS) {
      await this.#shared.refreshPacks();
      this.#packsCheckedAtMs = Date.now();
    }
    let sent = 0;
    for (;;) {
      const page = await readFeed(this.#db, this.#owners, this.#leafIndex, this.#batchSize);
      if (page.lastLeafIndex === this.#leafIndex) return sent;
      this.#ahead = true;
      const alerts: MonitoringAlert[] = await this.#shared.loadProfiles(
        page.items.map((item) => item.event),
      );
      const pending: Promise<PubAck>[] = [];
      try {
        // Profile changes go to their customer's partition at their place in leaf order.
        for (const item of inLeafOrder(page)) {
          if (!isFeedItem(item)) {
            alerts.push(...(await this.#shared.reloadProfile(item.customerId)));
            const partition = partitionOf(item.customerId, this.#topology.partitionCount);
            pending.push(
              this.#js.publish(
                subjectOf(this.#topology, partition),
                encodeProfileChange(item.leafIndex, item.customerId),
                { msgID: messageIdOf(item.leafIndex, partition) },
              ),
            );
            continue;
          }
          const shared = await this.#shared.observe(item.event);
          alerts.push(...shared.alerts);
          const data = encodeEvent(item.leafIndex, item.event, shared.outcomes);
          for (const partition of eventPartitions(item.event, this.#topology.partitionCount)) {
            pending.push(
              this.#js.publish(subjectOf(this.#topology, partition), data, {
                msgID: messageIdOf(item.leafIndex, partition),
              }),
            );
            if (shared.outcomes.length > 0) this.#counts.withOutcomes += 1;
            if (pending.length >= PUBLISHES_IN_FLIGHT_MAX) sent += await this.#settle(pending);
          }
        }
        sent += await this.#settle(pending);
      } catch (error) {
        // Publishes still in flight settle before the page is given up (none fails unseen).
        await Promise.allSettled(pending);
        throw error;
      }
      const packAlerts = this.#shared.takePackAlerts();
      await this.#db.transaction(async (tx) => {
        if (alerts.length > 0) await this.#writeAlerts(tx, alerts.map(alertInput));
        if (packAlerts.length > 0) await this.#writeAlerts(tx, packAlerts);
        await writePosition(tx, this.#consumer, page.lastLeafIndex, page.items.length);
      });
      this.#ahead = false;
      this.#leafIndex = page.lastLeafIndex;
      this.#counts.alerts += alerts.length;
      this.#sinceSnapshot += page.items.length;
      if (this.#sinceSnapshot >= this.#snapshotEvery) {
        await this.#shared.snapshot(this.#leafIndex);
        this.#sinceSnapshot = 0;
      }
    }
  }

  async #restore(): Promise<void> {
    this.#leafIndex = await readPosition(this.#db, this.#consumer);
    await this.#shared.restore(this.#leafIndex);
    this.#ahead = false;
    this.#sinceSnapshot = 0;
    this.#packsCheckedAtMs = Date.now();
  }

  async #settle(pending: Promise<PubAck>[]): Promise<number> {
    const acks = await Promise.all(pending.splice(0));
    for (const ack of acks) if (ack.duplicate) this.#counts.duplicates += 1;
    this.#counts.published += acks.length;
    return acks.length;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let sent = 0;
      try {
        sent = await this.catchUp();
      } catch (error) {
        process.emitWarning(
          `nats publisher: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (sent === 0 && !this.#stopped)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#pollMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      this.#wake = null;
    }
  }
}
