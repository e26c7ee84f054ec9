import { createHash } from 'node:crypto';
import { appendAuditRecords } from '../../audit/audit-record-store.js';
import type { Queryable } from '../../store/index.js';
import { nameVariants } from '../matching/normalize.js';
import type { StoredHit } from '../screening-hit-json.js';

export type PartyKind = 'customer' | 'bank_account';
export type ScreeningTrigger = 'onboarding' | 'rescreen' | 'manual';

/** A party as screening sees it: who, whose, and the names to screen. */
export interface Party {
  platformId: string;
  kind: PartyKind;
  id: string;
  customerId: string;
  /** 'individual' for persons, 'entity' for companies, null when unknown (bank holders). */
  partyType: 'individual' | 'entity' | null;
  name: string;
}

/** SHA-256 of the normalized name: a whitelist entry lapses when the name changes. */
export function nameFingerprint(name: string): string {
  const canonical = nameVariants(name)[0]?.join(' ') ?? '';
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ResultView {
  platformId: string;
  partyKind: PartyKind;
  partyId: string;
  customerId: string;
  listsFingerprint: string;
  bestScore: number;
  hitCount: number;
  hits: StoredHit[];
  trigger: ScreeningTrigger;
  screenedAt: string;
}

/** Writes the party's latest screening (replacing the previous one) and its audit record. */
export async function saveResult(
  tx: Queryable,
  actor: string,
  party: Party,
  result: {
    listsFingerprint: string;
    bestScore: number;
    hits: StoredHit[];
    trigger: ScreeningTrigger;
    atMs: number;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO screening_results (platform_id, party_kind, party_id, customer_id,
       lists_fingerprint, best_score, hit_count, hits, trigger, screened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, to_timestamp($10 / 1000.0))
     ON CONFLICT (platform_id, party_kind, party_id) DO UPDATE SET
       lists_fingerprint = EXCLUDED.lists_fingerprint, best_score = EXCLUDED.best_score,
       hit_count = EXCLUDED.hit_count, hits = EXCLUDED.hits, trigger = EXCLUDED.trigger,
       screened_at = EXCLUDED.screened_at`,
    [
      party.platformId,
      party.kind,
      party.id,
      party.customerId,
      result.listsFingerprint,
      result.bestScore,
      result.hits.length,
      JSON.stringify(result.hits),
      result.trigger,
      result.atMs,
    ],
  );
  await appendAuditRecords(tx, [
    {
      platformId: party.platformId,
      actor,
      action: 'screening.party_screened',
      subjectType: party.kind,
      subjectId: party.id,
      payload: {
        trigger: result.trigger,
        listsFingerprint: result.listsFingerprint,
        bestScore: result.bestScore,
        hitEntryKeys: result.hits.map((h) => h.entryKey),
      },
      atMs: result.atMs,
    },
  ]);
}

export async function customerResults(
  db: Queryable,
  platformId: string,
  customerId: string,
): Promise<ResultView[]> {
  const rows = await db.query(
    `SELECT * FROM screening_results WHERE platform_id = $1 AND customer_id = $2
     ORDER BY party_kind, party_id`,
    [platformId, customerId],
  );
  return rows.map((r) => ({
    platformId: String(r.platform_id),
    partyKind: r.party_kind as PartyKind,
    partyId: String(r.party_id),
    customerId: String(r.customer_id),
    listsFingerprint: String(r.lists_fingerprint),
    bestScore: Number(r.best_score),
    hitCount: Number(r.hit_count),
    hits: r.hits as StoredHit[],
    trigger: r.trigger as ScreeningTrigger,
    screenedAt: new Date(r.screened_at as string).toISOString(),
  }));
}

/** Whitelist keys `platform|kind|party|entry|fingerprint` of every remembered false positive. */
export async function loadWhitelist(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<Record<string, string>>(
    'SELECT platform_id, party_kind, party_id, entry_key, name_fingerprint FROM screening_whitelist',
  );
  return new Set(
    rows.map((r) =>
      whitelistKey(r.platform_id!, r.party_kind!, r.party_id!, r.entry_key!, r.name_fingerprint!),
    ),
  );
}

export function whitelistKey(
  platformId: string,
  kind: string,
  partyId: string,
  entryKey: string,
  fingerprint: string,
): string {
  return `${platformId}|${kind}|${partyId}|${entryKey}|${fingerprint}`;
}
