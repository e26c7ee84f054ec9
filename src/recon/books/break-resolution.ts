import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { failure, success, type Result } from '../../custody/index.js';
import type { Principal } from '../../security/index.js';
import { newId, type Database, type Queryable } from '../../store/index.js';
import { insertMatches, type MatchItemRef, type NewMatch } from './match-store.js';
import { postReconEntry, type AdjustmentAccountType } from './post-recon-entry.js';
import { reconAudit } from './recon-audit.js';

export interface BreakRow {
  id: string;
  side: 'bank' | 'book';
  itemId: string;
  currency: string;
  amountMinor: bigint;
  state: string;
  /** An adjusting entry awaits this approval; a decided or expired one no longer holds. */
  awaitingApproval: boolean;
}

export const LINKED_ITEMS_MAX = 100;

export async function lockBreak(
  tx: Queryable,
  platformId: string,
  breakId: string,
): Promise<Result<BreakRow>> {
  const rows = await tx.query(
    `SELECT b.id, b.side, b.item_id, b.currency, b.amount_minor, b.state,
       EXISTS (SELECT 1 FROM approvals a WHERE a.id = b.approval_id AND a.status = 'open'
         AND a.expires_at > now()) AS awaiting
     FROM breaks b WHERE b.id = $1 AND b.platform_id = $2 FOR UPDATE OF b`,
    [breakId, platformId],
  );
  const row = rows[0];
  if (row === undefined)
    return failure('validation_failed', `break ${breakId} not found`, { notFound: true });
  if (row.state === 'resolved') return failure('invalid_state', 'the break is already resolved');
  return success({
    id: String(row.id),
    side: row.side as 'bank' | 'book',
    itemId: String(row.item_id),
    currency: String(row.currency),
    amountMinor: BigInt(String(row.amount_minor)),
    state: String(row.state),
    awaitingApproval: row.state === 'awaiting_approval' && row.awaiting === true,
  });
}

/** Unmatched items of one side by id, signed as matching sees them. */
async function loadOpenItems(
  tx: Queryable,
  platformId: string,
  side: 'bank' | 'book',
  ids: readonly string[],
): Promise<{ id: string; currency: string; amountMinor: bigint }[]> {
  const sql =
    side === 'bank'
      ? `SELECT l.id, l.currency, l.amount_minor AS signed FROM statement_lines l
         WHERE l.platform_id = $1 AND l.id = ANY($2::bigint[])`
      : `SELECT t.id, t.currency,
           CASE WHEN t.debit_account_id = a.id THEN t.amount_minor ELSE -t.amount_minor END AS signed
         FROM transfers t JOIN accounts a ON a.platform_id = $1 AND a.type = 'custody_bank'
           AND (t.debit_account_id = a.id OR t.credit_account_id = a.id)
         WHERE t.platform_id = $1 AND t.id = ANY($2::bigint[])
           AND t.phase IN ('single', 'post_pending')`;
  const rows = await tx.query(
    `SELECT x.* FROM (${sql}) x
     WHERE NOT EXISTS (SELECT 1 FROM match_items m WHERE m.side = $3 AND m.item_id = x.id)`,
    [platformId, ids, side],
  );
  return rows.map((row) => ({
    id: String(row.id),
    currency: String(row.currency),
    amountMinor: BigInt(String(row.signed)),
  }));
}

/** Resolves a break by linking its item to unmatched items of the other side (exact sum). */
export async function linkBreak(
  db: Database,
  actor: Principal,
  platformId: string,
  breakId: string,
  input: { itemIds: readonly string[]; note?: string },
): Promise<Result<{ matchId: string }>> {
  if (input.itemIds.length === 0 || input.itemIds.length > LINKED_ITEMS_MAX) {
    return failure('validation_failed', `link 1..${LINKED_ITEMS_MAX} items`);
  }
  return db.transaction(async (tx) => {
    const locked = await lockBreak(tx, platformId, breakId);
    if (!locked.ok) return locked;
    const broken = locked.value;
    const otherSide = broken.side === 'bank' ? 'book' : 'bank';
    const others = await loadOpenItems(tx, platformId, otherSide, input.itemIds);
    if (others.length !== new Set(input.itemIds).size) {
      return failure('invalid_state', `every ${otherSide} item must exist and be unmatched`);
    }
    if (others.some((item) => item.currency !== broken.currency)) {
      return failure('currency_mismatch', 'linked items must be in the break currency');
    }
    const sum = others.reduce((total, item) => total + item.amountMinor, 0n);
    if (sum !== broken.amountMinor) {
      return failure(
        'validation_failed',
        `linked items sum to ${sum}, the break is ${broken.amountMinor}`,
      );
    }
    const own: MatchItemRef[] = [{ itemId: broken.itemId, amountMinor: broken.amountMinor }];
    const linked = others.map((item) => ({ itemId: item.id, amountMinor: item.amountMinor }));
    const match = manualMatch(
      'manual',
      broken.currency,
      broken.side === 'bank' ? own : linked,
      broken.side === 'bank' ? linked : own,
    );
    await insertMatches(tx, platformId, null, [match], actor.id);
    await resolveBreak(tx, actor, platformId, broken.id, 'linked', match.id, input.note);
    await resolveOtherBreaks(tx, actor, platformId, otherSide, input.itemIds, match.id);
    return success({ matchId: match.id });
  });
}

function manualMatch(
  strategy: 'manual' | 'adjustment',
  currency: string,
  bankItems: MatchItemRef[],
  bookItems: MatchItemRef[],
): NewMatch {
  const bankSumMinor = bankItems.reduce((sum, item) => sum + item.amountMinor, 0n);
  const bookSumMinor = bookItems.reduce((sum, item) => sum + item.amountMinor, 0n);
  return {
    id: newId('mat'),
    ruleName: strategy,
    strategy,
    state: 'confirmed',
    currency,
    bankItems,
    bookItems,
    bankSumMinor,
    bookSumMinor,
    differenceMinor: bankSumMinor - bookSumMinor,
  };
}

async function resolveBreak(
  tx: Queryable,
  actor: Principal | string,
  platformId: string,
  breakId: string,
  resolution: 'linked' | 'adjusted' | 'suspense',
  reference: string,
  note: string | undefined,
): Promise<void> {
  const actorId = typeof actor === 'string' ? actor : actor.id;
  await tx.query(
    `UPDATE breaks SET state = 'resolved', resolution = $2, resolution_ref = $3,
       note = coalesce($4, note), resolved_at = now(), resolved_by = $5 WHERE id = $1`,
    [breakId, resolution, reference, note ?? null, actorId],
  );
  await appendAuditRecords(tx, [
    reconAudit(actorId, platformId, 'break.resolved', 'break', breakId, {
      resolution,
      reference,
      ...(note === undefined ? {} : { note }),
    }),
  ]);
}

async function resolveOtherBreaks(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  side: 'bank' | 'book',
  itemIds: readonly string[],
  matchId: string,
): Promise<void> {
  const rows = await tx.query(
    `SELECT id FROM breaks WHERE platform_id = $1 AND side = $2 AND item_id = ANY($3::bigint[])
       AND state <> 'resolved' FOR UPDATE`,
    [platformId, side, itemIds],
  );
  for (const row of rows) {
    await resolveBreak(tx, actor, platformId, String(row.id), 'linked', matchId, undefined);
  }
}

/**
 * Books the break's item so the journal agrees with the bank: a bank line gets a mirror entry
 * against `counterType`, a book entry with no bank line gets an entry undoing it. The new
 * transfer is matched with the item, so neither shows as open again.
 */
export async function settleBreakWithEntry(
  tx: Queryable,
  actorId: string,
  platformId: string,
  broken: BreakRow,
  counterType: AdjustmentAccountType,
  resolution: 'adjusted' | 'suspense',
  note: string | undefined,
): Promise<Result<{ matchId: string; instructionId: string }>> {
  const effect = broken.side === 'bank' ? broken.amountMinor : -broken.amountMinor;
  const posted = await postReconEntry(tx, {
    platformId,
    currency: broken.currency,
    custodyEffectMinor: effect,
    counterAccountType: counterType,
    purpose: `${resolution} for break ${broken.id}`,
    idempotencyKey: `recon:${broken.id}`,
    actorId,
  });
  if (!posted.ok) return posted;
  const entry = { itemId: posted.value.transferId, amountMinor: effect };
  const own = { itemId: broken.itemId, amountMinor: broken.amountMinor };
  const match =
    broken.side === 'bank'
      ? manualMatch('adjustment', broken.currency, [own], [entry])
      : manualMatch('adjustment', broken.currency, [], [own, entry]);
  await insertMatches(tx, platformId, null, [match], actorId);
  await resolveBreak(
    tx,
    actorId,
    platformId,
    broken.id,
    resolution,
    posted.value.instructionId,
    note,
  );
  return success({ matchId: match.id, instructionId: posted.value.instructionId });
}

/** Moves a break to suspense at once (one person; the suspense account is reviewed later). */
export async function moveBreakToSuspense(
  db: Database,
  actor: Principal,
  platformId: string,
  breakId: string,
  note: string | undefined,
): Promise<Result<{ matchId: string; instructionId: string }>> {
  return db.transaction(async (tx) => {
    const locked = await lockBreak(tx, platformId, breakId);
    if (!locked.ok) return locked;
    if (locked.value.awaitingApproval) {
      return failure('invalid_state', 'an adjusting entry for this break awaits approval');
    }
    return settleBreakWithEntry(
      tx,
      actor.id,
      platformId,
      locked.value,
      'suspense',
      'suspense',
      note,
    );
  });
}

export async function assignBreak(
  db: Database,
  actor: Principal,
  platformId: string,
  breakId: string,
  owner: string,
): Promise<Result<{ breakId: string }>> {
  return db.transaction(async (tx) => {
    const locked = await lockBreak(tx, platformId, breakId);
    if (!locked.ok) return locked;
    await tx.query('UPDATE breaks SET owner = $2 WHERE id = $1', [breakId, owner]);
    await appendAuditRecords(tx, [
      reconAudit(actor, platformId, 'break.assigned', 'break', breakId, { owner }),
    ]);
    return success({ breakId });
  });
}
