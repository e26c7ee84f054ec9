import { toBigInt, type Queryable } from '../store/index.js';
import { clampLimit, iso } from './queries.js';

export interface InstructionView {
  id: string;
  platformId: string;
  type: string;
  status: 'pending' | 'posted' | 'voided';
  amountMinor: bigint;
  currency: string;
  debitAccountId: string;
  creditAccountId: string;
  purpose: string;
  authorizationKind: string;
  holdReason: string | null;
  /** Rule ids of the gates that held it (none when no gate held). */
  holdRuleIds: string[];
  /** The gates' combined reason for the hold. */
  holdNote: string | null;
  idempotencyKey: string;
  reversesInstructionId: string | null;
  submittedBy: string;
  createdAt: string;
  updatedAt: string;
}

const INSTRUCTION_COLUMNS = `id, platform_id, type, status, amount_minor, currency, debit_account_id,
  credit_account_id, purpose, authorization_kind, hold_reason, hold_rule_ids, hold_note,
  idempotency_key, reverses_instruction_id, submitted_by, created_at, updated_at`;

function instructionView(row: Record<string, unknown>): InstructionView {
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    type: String(row.type),
    status: row.status as InstructionView['status'],
    amountMinor: toBigInt(row.amount_minor),
    currency: String(row.currency),
    debitAccountId: String(row.debit_account_id),
    creditAccountId: String(row.credit_account_id),
    purpose: String(row.purpose),
    authorizationKind: String(row.authorization_kind),
    holdReason: (row.hold_reason as string | null) ?? null,
    holdRuleIds: ((row.hold_rule_ids as string[] | null) ?? []).map(String),
    holdNote: (row.hold_note as string | null) ?? null,
    idempotencyKey: String(row.idempotency_key),
    reversesInstructionId: (row.reverses_instruction_id as string | null) ?? null,
    submittedBy: String(row.submitted_by),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function listInstructions(
  db: Queryable,
  platformId: string,
  options: { status?: string; accountId?: string; limit?: number; cursor?: string },
): Promise<{ items: InstructionView[]; nextCursor: string | null }> {
  const limit = clampLimit(options.limit);
  const rows = await db.query(
    `SELECT ${INSTRUCTION_COLUMNS} FROM instructions WHERE platform_id = $1
       AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR id < $3)
       AND ($4::text IS NULL OR id IN (SELECT instruction_id FROM transfers
         WHERE debit_account_id = $4 OR credit_account_id = $4))
     ORDER BY id DESC LIMIT $5`,
    [
      platformId,
      options.status ?? null,
      options.cursor ?? null,
      options.accountId ?? null,
      limit + 1,
    ],
  );
  const items = rows.map(instructionView);
  const more = items.length > limit;
  const kept = more ? items.slice(0, limit) : items;
  return { items: kept, nextCursor: more ? (kept.at(-1)?.id ?? null) : null };
}

/** An instruction with its history: creation, holds, releases and voids, and its entries. */
export async function getInstruction(db: Queryable, platformId: string, instructionId: string) {
  const rows = await db.query(
    `SELECT ${INSTRUCTION_COLUMNS} FROM instructions WHERE id = $1 AND platform_id = $2`,
    [instructionId, platformId],
  );
  if (rows[0] === undefined) return null;
  const instruction = instructionView(rows[0]);
  const events = await db.query<{ event: string; actor: string; detail: unknown; at: Date }>(
    'SELECT event, actor, detail, at FROM instruction_events WHERE instruction_id = $1 ORDER BY id',
    [instructionId],
  );
  const transfers = await db.query<Record<string, unknown>>(
    `SELECT id, phase, debit_account_id, credit_account_id, amount_minor, currency, created_at
     FROM transfers WHERE instruction_id = $1 ORDER BY id`,
    [instructionId],
  );
  const created = {
    event: instruction.status === 'pending' || instruction.holdReason !== null ? 'held' : 'posted',
    actor: instruction.submittedBy,
    at: instruction.createdAt,
    detail: {
      holdReason: instruction.holdReason,
      ...(instruction.holdRuleIds.length === 0 && instruction.holdNote === null
        ? {}
        : { holdRuleIds: instruction.holdRuleIds, holdNote: instruction.holdNote }),
      authorizationKind: instruction.authorizationKind,
    },
  };
  return {
    instruction,
    events: [
      {
        event: 'submitted',
        actor: instruction.submittedBy,
        at: instruction.createdAt,
        detail: null,
      },
      created,
      ...events.map((e) => ({ event: e.event, actor: e.actor, at: iso(e.at), detail: e.detail })),
    ],
    transfers: transfers.map((t) => ({
      id: String(t.id),
      phase: String(t.phase),
      debitAccountId: String(t.debit_account_id),
      creditAccountId: String(t.credit_account_id),
      amountMinor: toBigInt(t.amount_minor),
      currency: String(t.currency),
      at: iso(t.created_at),
    })),
  };
}

export async function listFreezes(db: Queryable, platformId: string, activeOnly: boolean) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, customer_id, account_id, scope, reason_code, note, case_ref, created_by, created_at,
       lifted_at, lifted_by, lift_approved_by
     FROM freezes WHERE platform_id = $1 AND (NOT $2 OR lifted_at IS NULL) ORDER BY id DESC LIMIT $3`,
    [platformId, activeOnly, 500],
  );
  return rows.map((r) => ({
    id: String(r.id),
    customerId: (r.customer_id as string | null) ?? null,
    accountId: (r.account_id as string | null) ?? null,
    scope: String(r.scope),
    reasonCode: String(r.reason_code),
    note: (r.note as string | null) ?? null,
    caseRef: (r.case_ref as string | null) ?? null,
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at),
    liftedAt: r.lifted_at === null ? null : iso(r.lifted_at),
    liftedBy: (r.lifted_by as string | null) ?? null,
    liftApprovedBy: (r.lift_approved_by as string | null) ?? null,
  }));
}

export async function listApprovals(
  db: Queryable,
  status: string | undefined,
  platformIds: string[] | null,
) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, platform_id, action, payload, reason, requested_by, status, decided_by, decision_reason,
       expires_at, created_at, decided_at
     FROM approvals WHERE ($1::text IS NULL OR status = $1)
       AND ($2::text[] IS NULL OR platform_id = ANY($2::text[]))
     ORDER BY id DESC LIMIT 500`,
    [status ?? null, platformIds],
  );
  return rows.map((r) => ({
    id: String(r.id),
    platformId: (r.platform_id as string | null) ?? null,
    action: String(r.action),
    payload: r.payload as Record<string, unknown>,
    reason: String(r.reason),
    requestedBy: String(r.requested_by),
    status: String(r.status),
    decidedBy: (r.decided_by as string | null) ?? null,
    decisionReason: (r.decision_reason as string | null) ?? null,
    expiresAt: iso(r.expires_at),
    createdAt: iso(r.created_at),
    decidedAt: r.decided_at === null ? null : iso(r.decided_at),
  }));
}

export async function listSecurityEvents(db: Queryable, platformId: string, limit?: number) {
  const rows = await db.query<{
    id: string;
    kind: string;
    actor: string;
    detail: unknown;
    at: Date;
  }>(
    'SELECT id, kind, actor, detail, at FROM security_events WHERE platform_id = $1 ORDER BY id DESC LIMIT $2',
    [platformId, clampLimit(limit)],
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    actor: r.actor,
    detail: r.detail,
    at: iso(r.at),
  }));
}

export async function listAuditRecords(
  db: Queryable,
  platformId: string,
  options: { afterSeq?: string; limit?: number },
) {
  const rows = await db.query<{ seq: string; entry: string }>(
    `SELECT seq, entry FROM audit_records
     WHERE platform_id = $1 AND ($2::bigint IS NULL OR seq > $2) ORDER BY seq LIMIT $3`,
    [platformId, options.afterSeq ?? null, clampLimit(options.limit)],
  );
  return rows.map((row) => {
    const entry = JSON.parse(row.entry) as Record<string, unknown>;
    return {
      seq: String(row.seq),
      actor: String(entry.actor),
      action: String(entry.action),
      subjectType: String(entry.subjectType),
      subjectId: String(entry.subjectId),
      payload: entry.payload,
      at: String(entry.at),
      entry: row.entry,
    };
  });
}
