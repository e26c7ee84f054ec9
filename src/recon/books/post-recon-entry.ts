import { createHash } from 'node:crypto';
import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { failure, success, type Result } from '../../custody/index.js';
import { lockAccounts, updateAccounts } from '../../custody/index.js';
import { PostingPlan } from '../../ledger/index.js';
import { newId, type Queryable } from '../../store/index.js';
import { assert } from '../../assert.js';
import { reconAudit } from './recon-audit.js';

/** Counter accounts an adjusting entry may post against custody_bank (never a customer). */
export const ADJUSTMENT_ACCOUNT_TYPES = ['suspense', 'fees', 'reserve', 'clearing'] as const;
export type AdjustmentAccountType = (typeof ADJUSTMENT_ACCOUNT_TYPES)[number];

export interface ReconEntry {
  readonly platformId: string;
  readonly currency: string;
  /** Positive: money arrived at the bank (debit custody_bank); negative: it left. */
  readonly custodyEffectMinor: bigint;
  readonly counterAccountType: AdjustmentAccountType;
  readonly purpose: string;
  /** One entry per break: a second attempt with the same key is refused by the database. */
  readonly idempotencyKey: string;
  readonly actorId: string;
}

/**
 * Posts one journal entry between the platform's custody_bank account and a system account,
 * outside the instruction pipeline because no customer is involved: instruction row (type
 * `recon_adjustment`, no authorization needed), transfer, counters under row locks, audit.
 * The balance floors of the ledger apply (custody_bank, fees and reserve stay ≥ 0).
 */
export async function postReconEntry(
  tx: Queryable,
  entry: ReconEntry,
): Promise<Result<{ instructionId: string; transferId: string }>> {
  assert(entry.custodyEffectMinor !== 0n, 'an adjusting entry moves money');
  const amountMinor =
    entry.custodyEffectMinor > 0n ? entry.custodyEffectMinor : -entry.custodyEffectMinor;
  const ids = await tx.query<{ id: string; type: string }>(
    `SELECT id, type FROM accounts WHERE platform_id = $1 AND currency = $2
       AND customer_id IS NULL AND type IN ('custody_bank', $3)`,
    [entry.platformId, entry.currency, entry.counterAccountType],
  );
  const custody = ids.find((row) => row.type === 'custody_bank');
  const counter = ids.find((row) => row.type === entry.counterAccountType);
  if (custody === undefined || counter === undefined) {
    return failure(
      'unknown_account',
      `no ${entry.counterAccountType} or custody account in ${entry.currency}`,
    );
  }
  const arriving = entry.custodyEffectMinor > 0n;
  const debit = arriving ? custody : counter;
  const credit = arriving ? counter : custody;
  // The same posting rules as every instruction: counters under row locks, balance floors.
  const plan = new PostingPlan(await lockAccounts(tx, [custody.id, counter.id].sort()));
  const outcome = plan.tryApply({
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amountMinor,
    currency: entry.currency,
    phase: 'single',
  });
  if (!outcome.ok) {
    return failure(
      'insufficient_funds',
      `the ${outcome.error.code.replace(/_/g, ' ')} refusal: ${outcome.error.accountId}`,
    );
  }
  plan.assertBalanced();
  const instructionId = newId('ins');
  const requestHash = createHash('sha256')
    .update(JSON.stringify([entry.idempotencyKey, amountMinor.toString()]))
    .digest();
  await tx.query(
    `INSERT INTO instructions (id, platform_id, idempotency_key, request_hash, type, status,
       debit_account_id, credit_account_id, amount_minor, currency, purpose, authorization_kind,
       submitted_by)
     VALUES ($1, $2, $3, $4, 'recon_adjustment', 'posted', $5, $6, $7, $8, $9, 'none', $10)`,
    [
      instructionId,
      entry.platformId,
      entry.idempotencyKey,
      requestHash,
      debit.id,
      credit.id,
      amountMinor.toString(),
      entry.currency,
      entry.purpose,
      entry.actorId,
    ],
  );
  const transfers = await tx.query(
    `INSERT INTO transfers (platform_id, instruction_id, phase, debit_account_id,
       credit_account_id, amount_minor, currency)
     VALUES ($1, $2, 'single', $3, $4, $5, $6) RETURNING id`,
    [entry.platformId, instructionId, debit.id, credit.id, amountMinor.toString(), entry.currency],
  );
  await updateAccounts(tx, plan.changedAccounts());
  const transferId = String(transfers[0]?.id);
  await appendAuditRecords(tx, [
    reconAudit(
      entry.actorId,
      entry.platformId,
      'instruction.posted',
      'instruction',
      instructionId,
      {
        type: 'recon_adjustment',
        debitAccountId: String(debit.id),
        creditAccountId: String(credit.id),
        amountMinor: amountMinor.toString(),
        currency: entry.currency,
        purpose: entry.purpose,
        transferId,
      },
    ),
  ]);
  return success({ instructionId, transferId });
}
