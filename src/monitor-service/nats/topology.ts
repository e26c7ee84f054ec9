import type { JetStreamManager, NatsConnection } from 'nats';
import { assert } from '../../assert.js';
import { natsLibrary } from './nats-library.js';
import { PARTITION_COUNT_DEFAULT, PARTITIONS_MAX } from './partition.js';

/** The JetStream server drops a republished message id seen within this window. */
export const DUPLICATE_WINDOW_MS_DEFAULT = 10 * 60_000;
/** Published events are kept this long; a worker stopped for longer must be rebuilt. */
export const STREAM_MAX_AGE_MS_DEFAULT = 7 * 24 * 60 * 60_000;
/** Unacknowledged messages per worker consumer (one fetched batch at a time). */
export const ACK_PENDING_MAX = 10_000;
/** A fetched batch not acknowledged within this time is delivered again. */
export const ACK_WAIT_MS = 60_000;

/** Names shared by the publisher and every worker of one deployment. */
export interface NatsTopology {
  stream: string;
  /** Subjects are `<subjectPrefix>.<partition>`. */
  subjectPrefix: string;
  partitionCount: number;
}

export function defaultTopology(partitionCount = PARTITION_COUNT_DEFAULT): NatsTopology {
  return { stream: 'CUSTOS_EVENTS', subjectPrefix: 'custos.events', partitionCount };
}

export function checkTopology(topology: NatsTopology): void {
  assert(/^[A-Za-z0-9_-]{1,64}$/.test(topology.stream), 'stream name must be a NATS token');
  assert(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(topology.subjectPrefix), 'bad subject prefix');
  assert(
    Number.isInteger(topology.partitionCount) &&
      topology.partitionCount >= 1 &&
      topology.partitionCount <= PARTITIONS_MAX,
    'partition count out of range',
  );
}

export function subjectOf(topology: NatsTopology, partition: number): string {
  return `${topology.subjectPrefix}.${partition}`;
}

export function durableNameOf(topology: NatsTopology, partition: number): string {
  return `${topology.stream}_p${partition}`;
}

/** Creates the stream when missing (idempotent; an existing stream keeps its settings). */
export async function ensureStream(
  nc: NatsConnection,
  topology: NatsTopology,
  options: { duplicateWindowMs?: number; maxAgeMs?: number } = {},
): Promise<JetStreamManager> {
  checkTopology(topology);
  const { nanos } = await natsLibrary();
  const jsm = await nc.jetstreamManager();
  try {
    await jsm.streams.info(topology.stream);
  } catch {
    await jsm.streams.add({
      name: topology.stream,
      subjects: [`${topology.subjectPrefix}.*`],
      duplicate_window: nanos(options.duplicateWindowMs ?? DUPLICATE_WINDOW_MS_DEFAULT),
      max_age: nanos(options.maxAgeMs ?? STREAM_MAX_AGE_MS_DEFAULT),
    });
  }
  return jsm;
}

/**
 * (Re)creates a partition's durable consumer so delivery starts right after the last message
 * the worker committed. Starting over at each start means no message left unacknowledged by
 * a previous run can come back later, out of order.
 */
export async function resetPartitionConsumer(
  jsm: JetStreamManager,
  topology: NatsTopology,
  partition: number,
  afterStreamSeq: number,
): Promise<string> {
  const { AckPolicy, DeliverPolicy, nanos } = await natsLibrary();
  const name = durableNameOf(topology, partition);
  try {
    await jsm.consumers.delete(topology.stream, name);
  } catch {
    // Not there yet.
  }
  await jsm.consumers.add(topology.stream, {
    durable_name: name,
    filter_subject: subjectOf(topology, partition),
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(ACK_WAIT_MS),
    max_ack_pending: ACK_PENDING_MAX,
    ...(afterStreamSeq <= 0
      ? { deliver_policy: DeliverPolicy.All }
      : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterStreamSeq + 1 }),
  });
  return name;
}
