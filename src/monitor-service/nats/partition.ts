import { assert } from '../../assert.js';
import type { MonitoredEvent } from '../../monitor/index.js';

/** How many partitions a deployment may split its customers into. */
export const PARTITIONS_MAX = 1_024;
export const PARTITION_COUNT_DEFAULT = 8;

/** FNV-1a over the UTF-16 code units: stable across processes, hosts and Node versions. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function partitionOf(key: string, partitionCount: number): number {
  assert(
    Number.isInteger(partitionCount) && partitionCount >= 1 && partitionCount <= PARTITIONS_MAX,
    'partition count out of range',
  );
  return stableHash(key) % partitionCount;
}

/**
 * The partition that owns what an event says about no customer at all (a movement between
 * the platform's own accounts): the payer's, else the payee's, else the platform's.
 */
export function primaryPartition(event: MonitoredEvent, partitionCount: number): number {
  const key = event.payerCustomerId ?? event.payeeCustomerId ?? `platform:${event.platformId}`;
  return partitionOf(key, partitionCount);
}

/**
 * Every partition that must see an event: the payer's and the payee's (each customer's
 * windows need all of that customer's movements), or the platform's when neither is a
 * customer. Ascending, without repeats.
 */
export function eventPartitions(event: MonitoredEvent, partitionCount: number): number[] {
  const found = new Set<number>();
  if (event.payerCustomerId !== null) found.add(partitionOf(event.payerCustomerId, partitionCount));
  if (event.payeeCustomerId !== null) found.add(partitionOf(event.payeeCustomerId, partitionCount));
  if (found.size === 0) found.add(primaryPartition(event, partitionCount));
  return [...found].sort((a, b) => a - b);
}

/** `0-3`, `5`, `0,2,4-6` → the listed partitions, ascending; refuses anything out of range. */
export function parsePartitionList(text: string, partitionCount: number): number[] {
  const found = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^\s*(\d{1,4})\s*(?:-\s*(\d{1,4})\s*)?$/.exec(part);
    if (match === null) throw new Error(`not a partition or range: ${part}`);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first || last >= partitionCount)
      throw new Error(`partitions must lie in 0-${partitionCount - 1}: ${part.trim()}`);
    for (let p = first; p <= last; p += 1) found.add(p);
  }
  return [...found].sort((a, b) => a - b);
}
