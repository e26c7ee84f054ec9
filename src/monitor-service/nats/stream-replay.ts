import type { NatsConnection } from 'nats';
import { decodeMessage, type WireMessage } from './event-codec.js';
import { natsLibrary } from './nats-library.js';
import { subjectOf, type NatsTopology } from './topology.js';

/** Messages read at once while replaying a partition. */
export const REPLAY_FETCH_MAX = 1_000;
const REPLAY_FETCH_EXPIRES_MS = 1_000;

/**
 * Reads a partition's messages with stream sequences in (afterSeq, untilSeq] in order (an
 * ephemeral ordered consumer) and hands them over one fetched batch at a time. These are the
 * very messages the partition evaluated before, shared-key outcomes included. Refuses when the
 * stream no longer holds all of them (age limit, or a stream created anew).
 */
export async function replayPartition(
  nc: NatsConnection,
  topology: NatsTopology,
  partition: number,
  afterSeq: number,
  untilSeq: number,
  onBatch: (wires: WireMessage[]) => Promise<void>,
): Promise<void> {
  if (untilSeq <= afterSeq) return;
  const jsm = await nc.jetstreamManager();
  const { state } = await jsm.streams.info(topology.stream);
  if (state.last_seq < untilSeq)
    throw new Error(
      `stream ${topology.stream} ends at ${state.last_seq}, before partition ${partition}'s position ${untilSeq}: rebuild the partition`,
    );
  if (state.first_seq > afterSeq + 1)
    throw new Error(
      `stream ${topology.stream} starts at ${state.first_seq}, after partition ${partition}'s snapshot at ${afterSeq}: rebuild the partition`,
    );
  const missing = (seq: number) =>
    new Error(
      `partition ${partition}'s messages stop at ${seq}, short of its position ${untilSeq}: rebuild the partition`,
    );
  const { DeliverPolicy } = await natsLibrary();
  const consumer = await nc.jetstream().consumers.get(topology.stream, {
    filterSubjects: subjectOf(topology, partition),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: afterSeq + 1,
  });
  try {
    let seq = afterSeq;
    while (seq < untilSeq) {
      const batch = await consumer.fetch({
        max_messages: REPLAY_FETCH_MAX,
        expires: REPLAY_FETCH_EXPIRES_MS,
      });
      const wires: WireMessage[] = [];
      for await (const message of batch) {
        if (message.seq > untilSeq) throw missing(seq);
        seq = message.seq;
        wires.push(decodeMessage(message.data));
        if (seq === untilSeq) break;
      }
      if (wires.length > 0) await onBatch(wires);
      else if ((await consumer.info()).num_pending === 0) throw missing(seq);
    }
  } finally {
    await consumer.delete().catch(() => false);
  }
}
