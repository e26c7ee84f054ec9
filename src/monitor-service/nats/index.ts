export { NatsFeedPublisher, messageIdOf, PUBLISHER_CONSUMER_DEFAULT } from './feed-publisher.js';
export type { PublisherOptions, PublisherStats } from './feed-publisher.js';
export { NatsPartitionWorker, CURSOR_PREFIX_DEFAULT } from './partition-worker.js';
export type { PartitionWorkerOptions, PartitionWorkerStats } from './partition-worker.js';
export { SharedKeyStage, type SharedKeyResult } from './shared-key-stage.js';
export {
  customerScopedPack,
  isSharedKeyRule,
  outcomesForPartitions,
  ownsAlert,
  sharedKeyPack,
  typologyRuleIds,
} from './pack-split.js';
export {
  eventPartitions,
  parsePartitionList,
  partitionOf,
  primaryPartition,
  stableHash,
  PARTITION_COUNT_DEFAULT,
  PARTITIONS_MAX,
} from './partition.js';
export {
  decodeEvent,
  decodeMessage,
  encodeEvent,
  encodeProfileChange,
  isProfileChange,
  EVENT_MESSAGE_BYTES_MAX,
  OUTCOMES_PER_EVENT_MAX,
} from './event-codec.js';
export type { WireEvent, WireMessage, WireProfileChange } from './event-codec.js';
export { defaultTopology, ensureStream, subjectOf, type NatsTopology } from './topology.js';
export { partitionCursorName, streamSeqCursorName } from './cursor-rows.js';
