import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Custody,
  getInstruction,
  settleHold,
  type InstructionInput,
} from '../../src/custody/index.js';
import type { GateDecision, InstructionGate } from '../../src/custody/instruction-gate.js';
import type { Database } from '../../src/store/index.js';
import { bootstrapStaff, createTestBooks, testDeposit, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

// What custody keeps of a gate's hold (code, rule ids, note, reviews to wait for) and how a hold
// that waits for a review is settled: no release, by anyone or by approval, until the review
// clears it; a void at any time.

const SCREENING_REASON = 'screening: payee matches "X" (internal:1) score 1.00';
const SCREENING_HOLD: GateDecision = {
  action: 'hold',
  reason: SCREENING_REASON,
  ruleIds: ['screening.watchlist_match'],
  holdReason: 'screening_review',
  reviewsRequired: ['screening'],
};

let db: Database;
let custody: Custody;
let books: TestBooks;

const gateOf = (decision: GateDecision): InstructionGate => ({ check: () => decision });

beforeAll(async () => {
  db = await createTestDatabase();
  custody = new Custody(db);
  books = await createTestBooks(db, 1);
  // Funds the reserve that the approval case pays out of.
  const funded = await custody.submit(books.platform, books.platformId, {
    type: 'reserve_contribution',
    idempotencyKey: randomUUID(),
    currency: 'CNY',
    amountMinor: 10_000n,
    purpose: 'reserve',
  });
  if (!funded.ok) throw new Error(funded.error.message);
});
afterAll(async () => {
  await custody.close();
  await db.close();
});

function deposit(): InstructionInput {
  return testDeposit(books.customers[0]!.accountId);
}

async function heldDeposit(gate: InstructionGate): Promise<string> {
  custody.setGate(gate);
  try {
    const held = await custody.submit(books.platform, books.platformId, deposit());
    if (!held.ok) throw new Error(held.error.message);
    expect(held.value.created?.status).toBe('pending');
    return held.value.instructionId;
  } finally {
    custody.setGate(undefined);
  }
}

async function stored(id: string): Promise<Record<string, unknown>> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT status, hold_reason, hold_rule_ids, hold_note, hold_reviews_pending
     FROM instructions WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

async function clearScreeningMarker(id: string): Promise<void> {
  await db.query(
    `UPDATE instructions SET hold_reviews_pending = array_remove(hold_reviews_pending, 'screening')
     WHERE id = $1`,
    [id],
  );
}

describe('gate holds in custody', () => {
  it('stores the gate’s code, rule ids, note and reviews, and shows them', async () => {
    const id = await heldDeposit(gateOf(SCREENING_HOLD));
    expect(await stored(id)).toEqual({
      status: 'pending',
      hold_reason: 'screening_review',
      hold_rule_ids: ['screening.watchlist_match'],
      hold_note: SCREENING_REASON,
      hold_reviews_pending: ['screening'],
    });
    const found = await getInstruction(db, books.platformId, id);
    expect(found?.instruction).toMatchObject({
      holdReason: 'screening_review',
      holdRuleIds: ['screening.watchlist_match'],
      holdNote: expect.stringContaining('screening: payee matches'),
    });
    expect(found?.events.find((e) => e.event === 'held')?.detail).toMatchObject({
      holdReason: 'screening_review',
      holdRuleIds: ['screening.watchlist_match'],
    });
  });

  it('refuses a release while a review is pending, and voids', async () => {
    const id = await heldDeposit(gateOf(SCREENING_HOLD));
    const released = await settleHold(db, books.staff, books.platformId, id, 'release', 'ok');
    expect(released.ok ? 'ok' : released.error).toEqual({
      code: 'invalid_state',
      message: 'this instruction is held until its screening review is cleared',
    });
    expect((await stored(id)).status).toBe('pending');
    const voided = await settleHold(db, books.staff, books.platformId, id, 'void', 'returned');
    expect(voided.ok ? voided.value.status : voided.error.code).toBe('voided');
  });

  it('releases once the review has cleared its marker', async () => {
    const id = await heldDeposit(gateOf(SCREENING_HOLD));
    await clearScreeningMarker(id);
    const released = await settleHold(db, books.staff, books.platformId, id, 'release', 'ok');
    expect(released.ok ? released.value.status : released.error.code).toBe('posted');
  });

  it('keeps an approval hold’s code and blocks the approval too while a review is pending', async () => {
    custody.setGate(gateOf(SCREENING_HOLD));
    const payout = await custody.submit(books.staff, books.platformId, {
      type: 'reserve_payout',
      idempotencyKey: randomUUID(),
      currency: 'CNY',
      amountMinor: 400n,
      purpose: 'compensation',
      payeeAccountId: books.customers[0]!.accountId,
    });
    custody.setGate(undefined);
    if (!payout.ok) throw new Error(payout.error.message);
    const id = payout.value.instructionId;
    expect(await stored(id)).toMatchObject({
      hold_reason: 'approval_required',
      hold_rule_ids: ['screening.watchlist_match'],
      hold_reviews_pending: ['screening'],
    });
    const { principal: second } = await bootstrapStaff(db, 'approver');
    const refused = await settleHold(db, second, books.platformId, id, 'release', 'approved');
    expect(refused.ok ? 'ok' : refused.error.code).toBe('invalid_state');
    expect((await stored(id)).status).toBe('pending');
    const open = await db.query<{ status: string }>(
      `SELECT status FROM approvals WHERE action = 'instruction.release'
         AND payload->>'instructionId' = $1`,
      [id],
    );
    expect(open).toEqual([{ status: 'open' }]);
    await clearScreeningMarker(id);
    const released = await settleHold(db, second, books.platformId, id, 'release', 'approved');
    expect(released.ok ? released.value.status : released.error.code).toBe('posted');
  });

  it('holds visibly when the gate throws: monitoring_unavailable and gate.unavailable', async () => {
    const id = await heldDeposit({
      check: () => {
        throw new Error('engine unavailable');
      },
    });
    expect(await stored(id)).toMatchObject({
      hold_reason: 'monitoring_unavailable',
      hold_rule_ids: ['gate.unavailable'],
      hold_note: 'monitoring_unavailable: engine unavailable',
      hold_reviews_pending: [],
    });
  });

  it('keeps monitoring_review for a hold without a code and clips a long note', async () => {
    const id = await heldDeposit(
      gateOf({ action: 'hold', reason: 'r'.repeat(700), ruleIds: ['cn.rule'] }),
    );
    const row = await stored(id);
    expect(row).toMatchObject({ hold_reason: 'monitoring_review', hold_rule_ids: ['cn.rule'] });
    expect(String(row.hold_note)).toHaveLength(500);
    // No review to wait for: an ordinary hold is released by one member of staff.
    const released = await settleHold(db, books.staff, books.platformId, id, 'release', 'ok');
    expect(released.ok ? released.value.status : released.error.code).toBe('posted');
  });

  it('refuses before posting with the rule ids, under the code monitoring_rejected', async () => {
    custody.setGate(gateOf({ action: 'reject', reason: 'p.block: no', ruleIds: ['p.block'] }));
    const refused = await custody.submit(books.platform, books.platformId, deposit());
    custody.setGate(undefined);
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({
      code: 'monitoring_rejected',
      message: 'refused before posting: p.block: no',
    });
  });

  it('lets the gate record a refusal once, and refuses even when that record fails', async () => {
    const seen: { id: string; action: string }[] = [];
    const recording = (fail: boolean): InstructionGate => ({
      check: () => ({ action: 'reject', reason: 'p.block: no', ruleIds: ['p.block'] }),
      refused: async (prepared, decision) => {
        seen.push({ id: prepared.id, action: decision.action });
        if (fail) throw new Error('alert store unavailable');
      },
    });
    for (const fail of [false, true]) {
      custody.setGate(recording(fail));
      const refused = await custody.submit(books.platform, books.platformId, deposit());
      custody.setGate(undefined);
      expect(refused.ok ? 'ok' : refused.error.code).toBe('monitoring_rejected');
    }
    expect(seen.map((s) => s.action)).toEqual(['reject', 'reject']);
    expect(new Set(seen.map((s) => s.id)).size).toBe(2);
    // Neither refused instruction was written.
    const written = await db.query('SELECT id FROM instructions WHERE id = ANY($1)', [
      seen.map((s) => s.id),
    ]);
    expect(written).toEqual([]);
  });

  it('does not ask the gate to record an instruction it held or allowed', async () => {
    let calls = 0;
    const refused = async (): Promise<void> => {
      calls += 1;
    };
    await heldDeposit({ check: () => ({ action: 'hold', reason: 'r', ruleIds: ['h'] }), refused });
    custody.setGate({ check: () => ({ action: 'allow' }), refused });
    const posted = await custody.submit(books.platform, books.platformId, deposit());
    custody.setGate(undefined);
    expect(posted.ok).toBe(true);
    expect(calls).toBe(0);
  });
});
