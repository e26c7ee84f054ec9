import type { JetStreamClient, NatsConnection, PubAck } from 'nats';
import type { Database } from '../../store/index.js';
import { AccountOwners } from '../account-owners.js';
import { FEED_BATCH_MAX, readFeed } from '../feed.js';
import { readPosition, writePosition } from './cursor-rows.js';
import { encodeEvent } from './event-codec.js';
import { eventPartitions } from './partition.js';
import { ensureStream, subjectOf, type NatsTopology } from './topology.js';

export const PUBLISHER_CONSUMER_DEFAULT = 'nats-publisher';
/** Publish acknowledgements awaited at once. */
export const PUBLISHES_IN_FLIGHT_MAX = 1_000;

export interface PublisherOptions {
  consumer?: string;
  feedBatchSize?: number;
  pollIntervalMs?: number;
}

export interface PublisherStats {
  leafIndex: number;
  published: number;
  duplicates: number;
}

/** The message id of one event on one partition: the leaf index names the event. */
export function messageIdOf(leafIndex: number, partition: number): string {
  return `${leafIndex}.${partition}`;
}

/**
 * Reads the committed feed in leaf order and publishes every event to the partition of each
 * customer it involves. The position advances only after JetStream acknowledged every message
 * of a page; after a crash the page is published again and the server drops the repeats by
 * message id (workers also skip anything at or below their own position).
 */
export class NatsFeedPublisher {
  readonly #db: Database;
  readonly #js: JetStreamClient;
  readonly #nc: NatsConnection;
  readonly #topology: NatsTopology;
  readonly #consumer: string;
  readonly #batchSize: number;
  readonly #pollMs: number;
  readonly #owners = new AccountOwners();
  #leafIndex = -1;
  #published = 0;
  #duplicates = 0;
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
  }

  async start(): Promise<void> {
    await ensureStream(this.#nc, this.#topology);
    this.#leafIndex = await readPosition(this.#db, this.#consumer);
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
    return { leafIndex: this.#leafIndex, published: this.#published, duplicates: this.#duplicates };
  }

  /** Publishes everything committed after the position; resolves with the messages sent. */
  async catchUp(): Promise<number> {
    let sent = 0;
    for (;;) {
      const page = await readFeed(this.#db, this.#owners, this.#leafIndex, this.#batchSize);
      if (page.lastLeafIndex === this.#leafIndex) return sent;
      const pending: Promise<PubAck>[] = [];
      for (const item of page.items) {
        const data = encodeEvent(item.leafIndex, item.event);
        for (const partition of eventPartitions(item.event, this.#topology.partitionCount)) {
          pending.push(
            this.#js.publish(subjectOf(this.#topology, partition), data, {
              msgID: messageIdOf(item.leafIndex, partition),
            }),
          );
          if (pending.length >= PUBLISHES_IN_FLIGHT_MAX) sent += await this.#settle(pending);
        }
      }
      sent += await this.#settle(pending);
      await this.#db.transaction((tx) =>
        writePosition(tx, this.#consumer, page.lastLeafIndex, page.items.length),
      );
      this.#leafIndex = page.lastLeafIndex;
    }
  }

  async #settle(pending: Promise<PubAck>[]): Promise<number> {
    const acks = await Promise.all(pending.splice(0));
    for (const ack of acks) if (ack.duplicate) this.#duplicates += 1;
    this.#published += acks.length;
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
