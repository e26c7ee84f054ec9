import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { failure, success, type Result } from '../../custody/errors.js';
import { newId, toBigInt, type Database, type Queryable } from '../../store/index.js';
import { RISK_MODEL_LIMITS } from '../risk-model-limits.js';
import type { FlowKind } from './stress-types.js';

/** Expected inflows and outflows by date (loan instalments, disbursements, other payments). */
export interface LiquidityFlow {
  id: string;
  currency: string;
  dueOn: string;
  kind: FlowKind;
  amountMinor: bigint;
  note: string;
  createdBy: string;
  createdAt: string;
}

export interface NewLiquidityFlow {
  currency: string;
  dueOn: string;
  kind: FlowKind;
  amountMinor: bigint;
  note: string;
}

export async function listLiquidityFlows(
  db: Queryable,
  platformId: string,
  filter: { currency?: string; from?: string; to?: string },
): Promise<LiquidityFlow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, currency, to_char(due_on, 'YYYY-MM-DD') AS due_on, kind, amount_minor, note,
       created_by, created_at FROM liquidity_flows
     WHERE platform_id = $1 AND ($2::text IS NULL OR currency = $2)
       AND ($3::date IS NULL OR due_on >= $3::date) AND ($4::date IS NULL OR due_on <= $4::date)
     ORDER BY due_on, id LIMIT $5`,
    [
      platformId,
      filter.currency ?? null,
      filter.from ?? null,
      filter.to ?? null,
      RISK_MODEL_LIMITS.liquidityFlowsMax,
    ],
  );
  return rows.map((r) => ({
    id: String(r.id),
    currency: String(r.currency),
    dueOn: String(r.due_on),
    kind: r.kind as FlowKind,
    amountMinor: toBigInt(r.amount_minor),
    note: String(r.note),
    createdBy: String(r.created_by),
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}

/** Adds flows in one transaction: all of them or, on any refusal, none. */
export async function addLiquidityFlows(
  db: Database,
  platformId: string,
  flows: readonly NewLiquidityFlow[],
  actor: string,
): Promise<Result<{ ids: string[] }>> {
  if (flows.length === 0) return failure('validation_failed', 'no flows given');
  if (flows.some((f) => f.amountMinor <= 0n))
    return failure('bad_amount', 'amounts must be positive');
  const ids = flows.map(() => newId('lqf'));
  const outcome = await db.transaction(async (tx) => {
    const count = await tx.query<{ n: string }>(
      'SELECT count(*) AS n FROM liquidity_flows WHERE platform_id = $1',
      [platformId],
    );
    if (Number(count[0]?.n ?? 0) + flows.length > RISK_MODEL_LIMITS.liquidityFlowsMax) return false;
    await tx.query(
      `INSERT INTO liquidity_flows (id, platform_id, currency, due_on, kind, amount_minor, note,
         created_by)
       SELECT i, $1, c, d::date, k, a::bigint, n, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS r(i, c, d, k, a, n)`,
      [
        platformId,
        actor,
        ids,
        flows.map((f) => f.currency),
        flows.map((f) => f.dueOn),
        flows.map((f) => f.kind),
        flows.map((f) => f.amountMinor.toString()),
        flows.map((f) => f.note),
      ],
    );
    await appendAuditRecords(
      tx,
      flows.map((f, index) => ({
        platformId,
        actor,
        action: 'liquidity_flow.create',
        subjectType: 'liquidity_flow',
        subjectId: ids[index] ?? '',
        payload: {
          currency: f.currency,
          dueOn: f.dueOn,
          kind: f.kind,
          amountMinor: f.amountMinor.toString(),
        },
        atMs: Date.now(),
      })),
    );
    return true;
  });
  if (!outcome)
    return failure('validation_failed', `at most ${RISK_MODEL_LIMITS.liquidityFlowsMax} flows`);
  return success({ ids });
}

export async function deleteLiquidityFlow(
  db: Database,
  platformId: string,
  flowId: string,
  actor: string,
): Promise<Result<{ id: string }>> {
  const deleted = await db.transaction(async (tx) => {
    const rows = await tx.query<Record<string, unknown>>(
      `DELETE FROM liquidity_flows WHERE platform_id = $1 AND id = $2
       RETURNING currency, to_char(due_on, 'YYYY-MM-DD') AS due_on, kind, amount_minor`,
      [platformId, flowId],
    );
    const row = rows[0];
    if (row === undefined) return false;
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'liquidity_flow.delete',
        subjectType: 'liquidity_flow',
        subjectId: flowId,
        payload: {
          currency: row.currency,
          dueOn: row.due_on,
          kind: row.kind,
          amountMinor: String(row.amount_minor),
        },
        atMs: Date.now(),
      },
    ]);
    return true;
  });
  return deleted ? success({ id: flowId }) : failure('not_found', `flow ${flowId} not found`);
}
