import { MonitorService, type MonitorServiceOptions } from '../monitor-service.js';
import { effectivePack } from '../rule-store.js';
import type { Database } from '../../store/index.js';
import { sharedKeyPack } from './pack-split.js';

export const SHARED_KEY_CONSUMER_DEFAULT = 'nats-shared';

/**
 * The evaluator of shared-key rules (device, IP address, platform), which see every customer:
 * one MonitorService over the committed feed, running only those rules, next to the publisher.
 * It keeps its own position, snapshots and alerts exactly like the in-process service.
 */
export function sharedKeyEvaluator(
  db: Database,
  options: Omit<MonitorServiceOptions, 'packFor'> = {},
): MonitorService {
  return new MonitorService(db, {
    consumer: SHARED_KEY_CONSUMER_DEFAULT,
    ...options,
    packFor: async (queryable, platformId) =>
      sharedKeyPack(await effectivePack(queryable, platformId)),
  });
}
