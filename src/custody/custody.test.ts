import { decideApproval } from '../approvals/index.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-database.js';
import { createTestBooks, signInstruction, type TestBooks } from '../../test/support/books.js';
import type { Database } from '../store/index.js';
import {
  createFreeze,
  Custody,
  getAccount,
  requestFreezeLift,
  revokeCustomerKey,
  settleHold,
  trialBalance,
  type InstructionInput,
} from './index.js';
import { bootstrapStaff } from '../../test/support/books.js';

let db: Database & { location: string };
let custody: Custody;
let books: TestBooks;

beforeAll(async () => {
  db = await createTestDatabase();
  custody = new Custody(db);
  books = await createTestBooks(db, 3);
});
afterAll(async () => {
  await custody.close();
  await db.close();
});

const key = () => randomUUID();

async function available(accountId: string): Promise<bigint> {
  const account = await getAccount(db, books.platformId, accountId);
  if (account === null) throw new Error('no account');
  return account.balance.availableMinor;
}

async function counts(): Promise<Record<string, number>> {
  const rows = await db.query<{ t: string; n: string }>(
    `SELECT 'instructions' AS t, count(*) AS n FROM instructions UNION ALL
     SELECT 'transfers', count(*) FROM transfers UNION ALL SELECT 'audit', count(*) FROM audit_records`,
  );
  return Object.fromEntries(rows.map((row) => [row.t, Number(row.n)]));
}

function deposit(accountId: string, amountMinor: bigint): InstructionInput {
  return {
    type: 'deposit',
    idempotencyKey: key(),
    currency: 'CNY',
    amountMinor,
    purpose: 'top_up',
    payeeAccountId: accountId,
  };
}

describe('custody instructions', () => {
  it('posts a deposit and a signed transfer, with audit records', async () => {
    const [alice, bob] = books.customers;
    if (!alice || !bob) throw new Error('setup');
    const before = await counts();
    expect(
      (await custody.submit(books.platform, books.platformId, deposit(alice.accountId, 10_000n)))
        .ok,
    ).toBe(true);
    const transfer = signInstruction(
      books.platformId,
      alice,
      {
        type: 'transfer',
        idempotencyKey: key(),
        currency: 'CNY',
        amountMinor: 2_500n,
        purpose: 'investment',
        payerAccountId: alice.accountId,
        payeeAccountId: bob.accountId,
      },
      bob.accountId,
    );
    const result = await custody.submit(books.platform, books.platformId, transfer);
    expect(result).toMatchObject({ ok: true, value: { replayed: false } });
    expect(await available(alice.accountId)).toBe(7_500n);
    expect(await available(bob.accountId)).toBe(2_500n);
    const after = await counts();
    expect(after.instructions! - before.instructions!).toBe(2);
    expect(after.audit! - before.audit!).toBe(2);
    const balances = await trialBalance(db, books.platformId);
    expect(balances.every((entry) => entry.balanced)).toBe(true);
  });

  it('refuses every unauthorized debit, writes no instruction and records the attempt', async () => {
    const [alice, bob, carol] = books.customers;
    if (!alice || !bob || !carol) throw new Error('setup');
    await custody.submit(books.platform, books.platformId, deposit(alice.accountId, 1_000n));
    const base = {
      type: 'transfer' as const,
      currency: 'CNY',
      amountMinor: 100n,
      purpose: 'investment',
      payerAccountId: alice.accountId,
      payeeAccountId: bob.accountId,
    };
    const signed = signInstruction(
      books.platformId,
      alice,
      { ...base, idempotencyKey: key() },
      bob.accountId,
    );
    const cases: [string, InstructionInput][] = [
      ['authorization_missing', { ...base, idempotencyKey: key() }],
      ['bad_signature', { ...signed, idempotencyKey: key(), amountMinor: 101n }],
      ['bad_signature', { ...signed, idempotencyKey: key(), payeeAccountId: carol.accountId }],
      [
        'key_not_customer',
        signInstruction(
          books.platformId,
          { ...alice, keyId: bob.keyId, seed: bob.seed },
          { ...base, idempotencyKey: key() },
          bob.accountId,
        ),
      ],
      [
        'authorization_expired',
        signInstruction(
          books.platformId,
          alice,
          { ...base, idempotencyKey: key() },
          bob.accountId,
          { expiresAt: new Date(Date.now() - 1000).toISOString() },
        ),
      ],
      [
        'unknown_key',
        {
          ...signed,
          idempotencyKey: key(),
          authorization: {
            ...(signed.authorization as {
              kind: 'signature';
              keyId: string;
              nonce: string;
              expiresAt: string;
              signature: string;
            }),
            keyId: 'ckey_nope',
          },
        },
      ],
    ];
    const before = await counts();
    const eventsBefore = await db.query<{ n: string }>('SELECT count(*) AS n FROM security_events');
    for (const [code, input] of cases) {
      const result = await custody.submit(books.platform, books.platformId, input);
      expect(result.ok ? 'ok' : result.error.code, code).toBe(code);
    }
    const after = await counts();
    expect(after.instructions).toBe(before.instructions);
    expect(after.transfers).toBe(before.transfers);
    const eventsAfter = await db.query<{ n: string }>('SELECT count(*) AS n FROM security_events');
    expect(Number(eventsAfter[0]?.n) - Number(eventsBefore[0]?.n)).toBe(cases.length);
    // The first use of a signature posts; a second instruction with the same nonce is a replay.
    expect((await custody.submit(books.platform, books.platformId, signed)).ok).toBe(true);
    const replayed = await custody.submit(books.platform, books.platformId, {
      ...signed,
      idempotencyKey: key(),
    });
    expect(replayed.ok ? 'ok' : replayed.error.code).toBe('authorization_replayed');
  });

  it('replays an idempotency key once and refuses it with another payload', async () => {
    const [alice] = books.customers;
    if (!alice) throw new Error('setup');
    const input = deposit(alice.accountId, 300n);
    const first = await custody.submit(books.platform, books.platformId, input);
    const again = await custody.submit(books.platform, books.platformId, input);
    expect(first.ok && again.ok && again.value.instructionId === first.value.instructionId).toBe(
      true,
    );
    expect(again.ok && again.value.replayed).toBe(true);
    const changed = await custody.submit(books.platform, books.platformId, {
      ...input,
      amountMinor: 301n,
    });
    expect(changed.ok ? 'ok' : changed.error.code).toBe('idempotency_conflict');
  });

  it('posts concurrent submissions of one key exactly once', async () => {
    const [, , carol] = books.customers;
    if (!carol) throw new Error('setup');
    const before = await available(carol.accountId);
    const input = deposit(carol.accountId, 777n);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        custody.submit(books.platform, books.platformId, { ...input }),
      ),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.value.instructionId : r.error.code)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.value.replayed)).toHaveLength(1);
    expect((await available(carol.accountId)) - before).toBe(777n);
  });

  it('refuses insufficient funds without writing anything', async () => {
    const [, bob, carol] = books.customers;
    if (!bob || !carol) throw new Error('setup');
    const before = await counts();
    const input = signInstruction(
      books.platformId,
      bob,
      {
        type: 'transfer',
        idempotencyKey: key(),
        currency: 'CNY',
        amountMinor: 10n ** 12n,
        purpose: 'investment',
        payerAccountId: bob.accountId,
        payeeAccountId: carol.accountId,
      },
      carol.accountId,
    );
    const result = await custody.submit(books.platform, books.platformId, input);
    expect(result.ok ? 'ok' : result.error.code).toBe('insufficient_funds');
    expect(await counts()).toEqual(before);
  });

  it('refuses a signature under a key revoked after its first use, and records the attempt', async () => {
    const own = await createTestBooks(db, 2);
    const [dana, erin] = own.customers;
    if (!dana || !erin) throw new Error('setup');
    await custody.submit(own.platform, own.platformId, deposit(dana.accountId, 1_000n));
    const transfer = () =>
      signInstruction(
        own.platformId,
        dana,
        {
          type: 'transfer',
          idempotencyKey: key(),
          currency: 'CNY',
          amountMinor: 10n,
          purpose: 'investment',
          payerAccountId: dana.accountId,
          payeeAccountId: erin.accountId,
        },
        erin.accountId,
      );
    // The first transfer posts (and the key is now known to the process); then it is revoked.
    expect((await custody.submit(own.platform, own.platformId, transfer())).ok).toBe(true);
    const revoked = await revokeCustomerKey(db, own.staff, own.platformId, dana.keyId);
    expect(revoked.ok).toBe(true);
    const before = await counts();
    const refused = await custody.submit(own.platform, own.platformId, transfer());
    expect(refused.ok ? 'ok' : refused.error.code).toBe('key_revoked');
    const after = await counts();
    expect(after.instructions).toBe(before.instructions);
    expect(after.transfers).toBe(before.transfers);
    const events = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM security_events
       WHERE platform_id = $1 AND kind = 'unauthorized_debit_attempt' AND detail->>'code' = 'key_revoked'`,
      [own.platformId],
    );
    expect(Number(events[0]?.n)).toBe(1);
    const account = await getAccount(db, own.platformId, dana.accountId);
    expect(account?.balance.availableMinor).toBe(990n);
  });

  it('blocks debits of a frozen customer; lifting needs a second person', async () => {
    const [alice, bob] = books.customers;
    if (!alice || !bob) throw new Error('setup');
    const frozen = await createFreeze(db, books.staff, books.platformId, {
      customerId: alice.customerId,
      scope: 'debits',
      reasonCode: 'suspected_fraud',
    });
    if (!frozen.ok) throw new Error(frozen.error.message);
    const transfer = () =>
      signInstruction(
        books.platformId,
        alice,
        {
          type: 'transfer',
          idempotencyKey: key(),
          currency: 'CNY',
          amountMinor: 10n,
          purpose: 'investment',
          payerAccountId: alice.accountId,
          payeeAccountId: bob.accountId,
        },
        bob.accountId,
      );
    const refused = await custody.submit(books.platform, books.platformId, transfer());
    expect(refused.ok ? 'ok' : refused.error.code).toBe('account_frozen');
    // Credits still arrive under a debits-only freeze.
    expect(
      (await custody.submit(books.platform, books.platformId, deposit(alice.accountId, 5n))).ok,
    ).toBe(true);
    const request = await requestFreezeLift(
      db,
      books.staff,
      books.platformId,
      frozen.value.freezeId,
      'cleared',
    );
    if (!request.ok) throw new Error(request.error.message);
    const self = await decideApproval(db, books.staff, request.value.approvalId, 'approve', 'me');
    expect(self.ok ? 'ok' : self.error.code).toBe('self_approval');
    expect((await custody.submit(books.platform, books.platformId, transfer())).ok).toBe(false);
    const { principal: second } = await bootstrapStaff(db, 'second');
    const approved = await decideApproval(
      db,
      second,
      request.value.approvalId,
      'approve',
      'checked',
    );
    expect(approved.ok).toBe(true);
    expect((await custody.submit(books.platform, books.platformId, transfer())).ok).toBe(true);
  });

  it('holds, releases and voids; reserve payouts need a second person', async () => {
    const [alice] = books.customers;
    if (!alice) throw new Error('setup');
    const held = await custody.submit(books.platform, books.platformId, {
      ...deposit(alice.accountId, 50n),
      hold: true,
    });
    if (!held.ok) throw new Error(held.error.message);
    const before = await available(alice.accountId);
    const released = await settleHold(
      db,
      books.platform,
      books.platformId,
      held.value.instructionId,
      'release',
      'ok',
    );
    expect(released.ok).toBe(true);
    expect((await available(alice.accountId)) - before).toBe(50n);
    const again = await settleHold(
      db,
      books.platform,
      books.platformId,
      held.value.instructionId,
      'void',
      'late',
    );
    expect(again.ok ? 'ok' : again.error.code).toBe('invalid_state');
    await custody.submit(books.platform, books.platformId, {
      type: 'reserve_contribution',
      idempotencyKey: key(),
      currency: 'CNY',
      amountMinor: 1_000n,
      purpose: 'reserve',
    });
    const payout = await custody.submit(books.staff, books.platformId, {
      type: 'reserve_payout',
      idempotencyKey: key(),
      currency: 'CNY',
      amountMinor: 400n,
      purpose: 'compensation',
      payeeAccountId: alice.accountId,
    });
    if (!payout.ok) throw new Error(payout.error.message);
    const self = await settleHold(
      db,
      books.staff,
      books.platformId,
      payout.value.instructionId,
      'release',
      'me',
    );
    expect(self.ok ? 'ok' : self.error.code).toBe('self_approval');
    const byPlatform = await settleHold(
      db,
      books.platform,
      books.platformId,
      payout.value.instructionId,
      'release',
      'me',
    );
    expect(byPlatform.ok ? 'ok' : byPlatform.error.code).toBe('forbidden');
    const { principal: second } = await bootstrapStaff(db, 'approver');
    const beforePayout = await available(alice.accountId);
    expect(
      (
        await settleHold(
          db,
          second,
          books.platformId,
          payout.value.instructionId,
          'release',
          'approved',
        )
      ).ok,
    ).toBe(true);
    expect((await available(alice.accountId)) - beforePayout).toBe(400n);
  });

  it('corrects by reversal: a new entry, held for a second person, never more than the original', async () => {
    const [alice] = books.customers;
    if (!alice) throw new Error('setup');
    await custody.directory.ensure({
      accountIds: [],
      platformIds: [books.platformId],
      bankAccountIds: [],
      keyIds: [],
    });
    const fees = custody.directory.systemAccount(books.platformId, 'fees', 'CNY');
    if (fees === undefined) throw new Error('no fees account');
    await custody.submit(books.platform, books.platformId, deposit(alice.accountId, 1_000n));
    const fee = signInstruction(
      books.platformId,
      alice,
      {
        type: 'fee',
        idempotencyKey: key(),
        currency: 'CNY',
        amountMinor: 300n,
        purpose: 'service_fee',
        payerAccountId: alice.accountId,
      },
      fees.id,
    );
    const charged = await custody.submit(books.platform, books.platformId, fee);
    if (!charged.ok) throw new Error(charged.error.message);
    const journalBefore = await db.query<{ n: string }>('SELECT count(*) AS n FROM transfers');
    const reversal = (amountMinor: bigint): InstructionInput => ({
      type: 'reversal',
      idempotencyKey: key(),
      currency: 'CNY',
      amountMinor,
      purpose: 'fee_refund',
      reversesInstructionId: charged.value.instructionId,
    });
    const tooMuch = await custody.submit(books.staff, books.platformId, reversal(301n));
    expect(tooMuch.ok ? 'ok' : tooMuch.error.code).toBe('validation_failed');
    const held = await custody.submit(books.staff, books.platformId, reversal(200n));
    if (!held.ok) throw new Error(held.error.message);
    expect(held.value.created?.status).toBe('pending');
    expect(held.value.created?.debitAccountId).toBe(fees.id);
    const before = await available(alice.accountId);
    const { principal: second } = await bootstrapStaff(db, 'reviewer');
    expect(
      (
        await settleHold(
          db,
          second,
          books.platformId,
          held.value.instructionId,
          'release',
          'refund agreed',
        )
      ).ok,
    ).toBe(true);
    expect((await available(alice.accountId)) - before).toBe(200n);
    // The original entry is untouched; the correction is new journal rows.
    const journalAfter = await db.query<{ n: string }>('SELECT count(*) AS n FROM transfers');
    expect(Number(journalAfter[0]?.n) - Number(journalBefore[0]?.n)).toBe(2);
    const rest = await custody.submit(books.staff, books.platformId, reversal(101n));
    expect(rest.ok ? 'ok' : rest.error.code).toBe('validation_failed');
  });
});
