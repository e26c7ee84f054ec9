import { randomUUID } from 'node:crypto';
import { appendAuditRecords } from '../src/audit/audit-record-store.js';
import type { Database } from '../src/store/index.js';
import { newId } from '../src/store/index.js';
import type { BenchBooks } from './bench-books.js';

/**
 * The baseline Custos is measured against: what a straightforward service does, one
 * transaction per instruction — lock both accounts with SELECT … FOR UPDATE, check the
 * balance, UPDATE both, INSERT the instruction and its journal entry, and append its audit record (Merkle leaf
 * included) through the same function Custos uses.
 */
export async function naivePost(
  db: Database,
  books: BenchBooks,
  index: number,
  custodyBankId: string,
): Promise<void> {
  const customer = books.customers[index % books.customers.length];
  if (customer === undefined) throw new Error('no customers');
  const amountMinor = BigInt(100 + (index % 900)).toString();
  await db.transaction(async (tx) => {
    const ids = [custodyBankId, customer.accountId].sort();
    const rows = await tx.query<{ id: string; debits_posted: string; credits_posted: string }>(
      'SELECT id, debits_posted, credits_posted FROM accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
      [ids],
    );
    if (rows.length !== 2) throw new Error('accounts missing');
    await tx.query('UPDATE accounts SET debits_posted = debits_posted + $2 WHERE id = $1', [
      custodyBankId,
      amountMinor,
    ]);
    await tx.query('UPDATE accounts SET credits_posted = credits_posted + $2 WHERE id = $1', [
      customer.accountId,
      amountMinor,
    ]);
    const instructionId = newId('ins');
    await tx.query(
      `INSERT INTO instructions (id, platform_id, idempotency_key, request_hash, type, status, debit_account_id,
         credit_account_id, amount_minor, currency, purpose, authorization_kind, submitted_by)
       VALUES ($1, $2, $3, $4, 'deposit', 'posted', $5, $6, $7, 'CNY', 'top_up', 'none', $8)`,
      [
        instructionId,
        books.platformId,
        randomUUID(),
        Buffer.alloc(32),
        custodyBankId,
        customer.accountId,
        amountMinor,
        books.platform.id,
      ],
    );
    await tx.query(
      `INSERT INTO transfers (platform_id, instruction_id, phase, debit_account_id, credit_account_id, amount_minor, currency)
       VALUES ($1, $2, 'single', $3, $4, $5, 'CNY')`,
      [books.platformId, instructionId, custodyBankId, customer.accountId, amountMinor],
    );
    await appendAuditRecords(tx, [
      {
        platformId: books.platformId,
        actor: books.platform.id,
        action: 'instruction.posted',
        subjectType: 'instruction',
        subjectId: instructionId,
        payload: { amountMinor },
        atMs: Date.now(),
      },
    ]);
  });
}
