import type { CustomerProfile, MonitoredEvent } from '../../monitor/monitored-event.js';
import type { TypologyId } from './typologies.js';

/**
 * What a simulation emits, in time order. Profiles come before their customer's first event;
 * an instance record comes right before the first labelled event of that planted instance.
 */
export type SimRecord =
  | SimHeaderRecord
  | { type: 'profile'; atMs: number; profile: CustomerProfile }
  | {
      type: 'custody_balance';
      atMs: number;
      platformId: string;
      currency: string;
      balanceMinor: bigint;
    }
  | SimInstanceRecord
  | SimEventRecord;

export interface SimHeaderRecord {
  type: 'header';
  format: 'custos-activity/1';
  platformId: string;
  currency: string;
  seed: number;
  customers: number;
  days: number;
  historyDays: number;
  windowStartMs: number;
  windowEndMs: number;
}

export interface SimInstanceRecord {
  type: 'instance';
  atMs: number;
  instanceId: string;
  typology: TypologyId;
  variant: string;
  scope: 'customer' | 'platform';
  customerIds: string[];
}

export interface SimEventRecord {
  type: 'event';
  event: MonitoredEvent;
  label: TypologyId | null;
  instanceId: string | null;
}
