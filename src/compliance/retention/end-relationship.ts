import { appendAuditRecords } from '../../audit/audit-record-store.js';
import type { Queryable } from '../../store/index.js';

export type EndRelationshipRefusal =
  'customer_not_found' | 'already_ended' | 'ended_in_future' | 'money_held' | 'active_freeze';

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
 * an ended relationship holds no client money. Audited in the same transaction.
 */
export async function endRelationship(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  input: { endedAtMs: number; reason: string },
  nowMs = Date.now(),
): Promise<{ customerId: string; relationshipEndedAt: string }> {
  const customers = await tx.query<{ status: string }>(
    'SELECT status FROM customers WHERE id = $1 AND platform_id = $2 FOR UPDATE',
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
