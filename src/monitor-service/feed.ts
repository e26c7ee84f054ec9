import { assert } from '../assert.js';
import { INSTRUCTION_TYPES } from '../custody/instruction.js';
import type { MonitoredEvent } from '../monitor/index.js';
import { toBigInt, type Queryable } from '../store/index.js';
import type { InstructionChannel } from '../custody/index.js';
import type { AccountOwners } from './account-owners.js';
import { channelOf } from './gate-event.js';
import { PROFILE_CHANGING_ACTIONS } from './customer-profiles.js';

/**
 * Monitoring reads what was committed, in commit order, from the audit log: every posted
 * instruction and every refused attempt to debit a customer is a leaf there, and leaf order is
 * commit order (appends are serialized by the log's head lock). A consumer remembers the last
 * leaf it processed, so nothing is missed or read twice across restarts.
 */
export const FEED_BATCH_MAX = 5_000;

export interface FeedItem {
  leafIndex: number;
  event: MonitoredEvent;
}

export interface ProfileChange {
  leafIndex: number;
  customerId: string;
}

export interface FeedPage {
  items: FeedItem[];
  /** Customers whose profile changed within the page (PROFILE_CHANGING_ACTIONS), in leaf order. */
  profileChanges: ProfileChange[];
  /** The last leaf read (events or not): the next page starts after it. */
  lastLeafIndex: number;
}

const INSTRUCTION_KINDS = new Set<string>(INSTRUCTION_TYPES);

/** A page's events and profile changes merged in leaf order. */
export function* inLeafOrder(
  page: Pick<FeedPage, 'items' | 'profileChanges'>,
): Generator<FeedItem | ProfileChange> {
  let next = 0;
  const changes = page.profileChanges;
  for (const item of page.items) {
    for (; next < changes.length && (changes[next]?.leafIndex ?? 0) < item.leafIndex; next += 1)
      yield changes[next] as ProfileChange;
    yield item;
  }
  for (; next < changes.length; next += 1) yield changes[next] as ProfileChange;
}

export function isFeedItem(entry: FeedItem | ProfileChange): entry is FeedItem {
  return 'event' in entry;
}

export async function readFeed(
  db: Queryable,
  owners: AccountOwners,
  afterLeafIndex: number,
  limit: number,
  platformId: string | null = null,
): Promise<FeedPage> {
  assert(limit >= 1 && limit <= FEED_BATCH_MAX, 'feed page size out of range');
  const rows = await db.query<{
    leaf_index: string | number;
    platform_id: string | null;
    action: string;
    subject_id: string;
    at: Date;
    entry: string;
  }>(
    `SELECT leaf_index, platform_id, action, subject_id, at, entry FROM audit_records
     WHERE leaf_index > $1 AND ($3::text IS NULL OR platform_id = $3)
     ORDER BY leaf_index LIMIT $2`,
    [afterLeafIndex, limit, platformId],
  );
  if (rows.length === 0) return { items: [], profileChanges: [], lastLeafIndex: afterLeafIndex };
  const profileChanges = rows
    .filter((r) => PROFILE_CHANGING_ACTIONS.has(r.action))
    .map((r) => ({ leafIndex: Number(r.leaf_index), customerId: r.subject_id }));
  const posted = rows.filter((r) => r.action === 'instruction.posted');
  const attempts = rows.filter((r) => r.action === 'security.unauthorized_debit_attempt');
  const instructions = await loadInstructions(
    db,
    posted.map((r) => r.subject_id),
  );
  const accountIds = new Set<string>();
  for (const instruction of instructions.values()) {
    accountIds.add(instruction.debitAccountId);
    accountIds.add(instruction.creditAccountId);
  }
  const attemptPayloads = new Map<number, Record<string, unknown>>();
  for (const row of attempts) {
    const payload = (JSON.parse(row.entry) as { payload?: Record<string, unknown> }).payload ?? {};
    attemptPayloads.set(Number(row.leaf_index), payload);
    if (typeof payload.payerAccountId === 'string') accountIds.add(payload.payerAccountId);
  }
  await owners.ensure(db, [...accountIds]);
  const items: FeedItem[] = [];
  for (const row of rows) {
    const leafIndex = Number(row.leaf_index);
    const atMs = new Date(row.at).getTime();
    if (row.action === 'instruction.posted') {
      const instruction = instructions.get(row.subject_id);
      if (instruction === undefined || !INSTRUCTION_KINDS.has(instruction.type)) continue;
      items.push({
        leafIndex,
        event: {
          eventId: instruction.id,
          platformId: instruction.platformId,
          atMs,
          kind: instruction.type as MonitoredEvent['kind'],
          purpose: instruction.purpose,
          amountMinor: instruction.amountMinor,
          currency: instruction.currency,
          payerCustomerId: owners.customerOf(instruction.debitAccountId),
          payeeCustomerId: owners.customerOf(instruction.creditAccountId),
          payerAccountId: instruction.debitAccountId,
          payeeAccountId: instruction.creditAccountId,
          ...(instruction.channel === null ? {} : { channel: channelOf(instruction.channel) }),
        },
      });
    } else if (row.action === 'security.unauthorized_debit_attempt' && row.platform_id !== null) {
      const payload = attemptPayloads.get(leafIndex) ?? {};
      const payerAccountId =
        typeof payload.payerAccountId === 'string' ? payload.payerAccountId : null;
      const amount = typeof payload.amountMinor === 'string' ? BigInt(payload.amountMinor) : 0n;
      items.push({
        leafIndex,
        event: {
          eventId: `leaf_${leafIndex}`,
          platformId: row.platform_id,
          atMs,
          kind: 'unauthorized_debit_attempt',
          purpose: typeof payload.code === 'string' ? payload.code : 'unauthorized',
          amountMinor: amount > 0n ? amount : 1n,
          currency: typeof payload.currency === 'string' ? payload.currency : 'CNY',
          payerCustomerId: payerAccountId === null ? null : owners.customerOf(payerAccountId),
          payeeCustomerId: null,
          payerAccountId,
          payeeAccountId: null,
        },
      });
    }
  }
  return {
    items,
    profileChanges,
    lastLeafIndex: Number(rows.at(-1)?.leaf_index ?? afterLeafIndex),
  };
}

interface InstructionFacts {
  id: string;
  platformId: string;
  type: string;
  purpose: string;
  amountMinor: bigint;
  currency: string;
  debitAccountId: string;
  creditAccountId: string;
  channel: InstructionChannel | null;
}

async function loadInstructions(
  db: Queryable,
  ids: string[],
): Promise<Map<string, InstructionFacts>> {
  const found = new Map<string, InstructionFacts>();
  if (ids.length === 0) return found;
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, platform_id, type, purpose, amount_minor, currency, debit_account_id,
       credit_account_id, channel
     FROM instructions WHERE id = ANY($1::text[])`,
    [ids],
  );
  for (const row of rows) {
    found.set(String(row.id), {
      id: String(row.id),
      platformId: String(row.platform_id),
      type: String(row.type),
      purpose: String(row.purpose),
      amountMinor: toBigInt(row.amount_minor),
      currency: String(row.currency),
      debitAccountId: String(row.debit_account_id),
      creditAccountId: String(row.credit_account_id),
      channel: (row.channel as InstructionChannel | null) ?? null,
    });
  }
  return found;
}
