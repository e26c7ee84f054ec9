import type { CustomerProfile, MonitoredEvent } from '../monitor/monitored-event.js';
import type { SimRecord } from '../sim/activity/index.js';

/** What a replay reads, whatever the source (simulator stream, its file, or a CSV). */
export type ReplayRecord =
  | { type: 'window'; startMs: number; endMs: number }
  | { type: 'profile'; profile: CustomerProfile }
  | { type: 'custody_balance'; platformId: string; currency: string; balanceMinor: bigint }
  | {
      type: 'instance';
      instanceId: string;
      typology: string;
      scope: 'customer' | 'platform';
      atMs: number;
      customerIds: readonly string[];
    }
  | { type: 'event'; event: MonitoredEvent; label: string | null; instanceId: string | null };

export function fromSimRecord(record: SimRecord): ReplayRecord {
  switch (record.type) {
    case 'header':
      return { type: 'window', startMs: record.windowStartMs, endMs: record.windowEndMs };
    case 'profile':
      return { type: 'profile', profile: record.profile };
    case 'custody_balance':
      return record;
    case 'instance':
      return record;
    case 'event':
      return record;
  }
}
