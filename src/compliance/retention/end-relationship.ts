import { appendAuditRecords } from '../../audit/audit-record-store.js';
import type { Queryable } from '../../store/index.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export type EndRelationshipRefusal =
  | 'customer_not_found'
  | 'already_ended'
  | 'ended_in_future'
  | 'ended_too_long_ago'
  | 'ended_before_creation'
  | 'ended_before_activity'
  | 'money_held'
  | 'active_freeze';

export class EndRelationshipRefused extends Error {
  override name = 'EndRelationshipRefused';
  constructor(
    readonly reason: EndRelationshipRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Records that the business relationship with a customer ended: the customer is closed and
 * the retention clock (AML Law 2024 Art. 34) starts at `endedAtMs`. Refused while any of the
 * customer's accounts holds or owes money (posted or pending), or while a freeze is active —
 * an ended relationship holds no client money. The date may not lie in the future, more than
 * `relationshipEndBackdateDaysMax` days in the past, before the customer was created or before
 * the customer's last instruction or posting: a backdated end would start the retention clock
 * early and let personal data be destroyed before the law allows. Audited in the same
 * transaction.
 */
export async function endRelationship(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  input: { endedAtMs: number; reason: string },
  nowMs = Date.now(),
): Promise<{ customerId: string; relationshipEndedAt: string }> {
  const customers = await tx.query<{ status: string; created_at: Date }>(
    'SELECT status, created_at FROM customers WHERE id = $1 AND platform_id = $2 FOR UPDATE',
    [customerId, platformId],
  );
  const customer = customers[0];
  if (customer === undefined)
    throw new EndRelationshipRefused('customer_not_found', 'no such customer');
  if (customer.status === 'closed') {
    throw new EndRelationshipRefused('already_ended', 'the relationship has already ended');
  }
  if (input.endedAtMs > nowMs) {
    throw new EndRelationshipRefused(
      'ended_in_future',
      'the end of a relationship cannot be in the future',
    );
  }
  await refuseBackdating(tx, customerId, new Date(customer.created_at).getTime(), input, nowMs);
  const balances = await tx.query<{ id: string }>(
    `SELECT id FROM accounts WHERE customer_id = $1
       AND (credits_posted <> debits_posted OR credits_pending <> 0 OR debits_pending <> 0)
     ORDER BY id FOR UPDATE`,
    [customerId],
  );
  if (balances.length > 0) {
    throw new EndRelationshipRefused(
      'money_held',
      `the customer's accounts still hold or await money: ${balances.map((b) => b.id).join(', ')}`,
    );
  }
  const freezes = await tx.query<{ id: string }>(
    `SELECT f.id FROM freezes f
     WHERE f.lifted_at IS NULL AND (f.customer_id = $1
       OR f.account_id IN (SELECT id FROM accounts WHERE customer_id = $1)) LIMIT 1`,
    [customerId],
  );
  if (freezes.length > 0) {
    throw new EndRelationshipRefused(
      'active_freeze',
      `freeze ${freezes[0]?.id ?? ''} is still active`,
    );
  }
  const endedAt = new Date(input.endedAtMs).toISOString();
  await tx.query(
    `UPDATE customers SET status = 'closed', relationship_ended_at = $2 WHERE id = $1`,
    [customerId, endedAt],
  );
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'customer.relationship_ended',
      subjectType: 'customer',
      subjectId: customerId,
      payload: { relationshipEndedAt: endedAt, reason: input.reason },
      atMs: nowMs,
    },
  ]);
  return { customerId, relationshipEndedAt: endedAt };
}

async function refuseBackdating(
  tx: Queryable,
  customerId: string,
  createdAtMs: number,
  input: { endedAtMs: number },
  nowMs: number,
): Promise<void> {
  const backdateDays = COMPLIANCE_LIMITS.relationshipEndBackdateDaysMax;
  if (input.endedAtMs < nowMs - backdateDays * DAY_MS) {
    throw new EndRelationshipRefused(
      'ended_too_long_ago',
      `the end of a relationship may be dated at most ${backdateDays} days back`,
    );
  }
  if (input.endedAtMs < createdAtMs) {
    throw new EndRelationshipRefused(
      'ended_before_creation',
      `the relationship cannot end before the customer was created (${new Date(createdAtMs).toISOString()})`,
    );
  }
  const activity = await tx.query<{ last_at: Date | null }>(
    `SELECT greatest(
       (SELECT max(i.created_at) FROM instructions i
        WHERE i.debit_account_id IN (SELECT id FROM accounts WHERE customer_id = $1)
           OR i.credit_account_id IN (SELECT id FROM accounts WHERE customer_id = $1)),
       (SELECT max(t.created_at) FROM transfers t
        WHERE t.debit_account_id IN (SELECT id FROM accounts WHERE customer_id = $1)
           OR t.credit_account_id IN (SELECT id FROM accounts WHERE customer_id = $1))) AS last_at`,
    [customerId],
  );
  const lastAt = activity[0]?.last_at ?? null;
  if (lastAt !== null && input.endedAtMs < new Date(lastAt).getTime()) {
    throw new EndRelationshipRefused(
      'ended_before_activity',
      `the relationship cannot end before the customer's last instruction or posting (${new Date(lastAt).toISOString()})`,
    );
  }
}
