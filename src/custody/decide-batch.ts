import { assert } from '../assert.js';
import { PostingPlan, type LedgerAccount } from '../ledger/index.js';
import { failure, type CustodyError, type Result } from './errors.js';
import type { InstructionStatus } from './instruction.js';
import { applyMandate, type MandateState } from './mandate.js';
import type { PreparedInstruction } from './prepared-instruction.js';

export interface StoredInstructionRef {
  id: string;
  platformId: string;
  idempotencyKey: string;
  requestHash: Buffer;
  status: InstructionStatus;
}

export type FreezeScope = 'debits' | 'all';

/** Everything the batch reads under lock before it decides. */
export interface BatchState {
  accounts: LedgerAccount[];
  existing: StoredInstructionRef[];
  usedNonces: Set<string>;
  customerFreezes: Map<string, FreezeScope>;
  accountFreezes: Map<string, FreezeScope>;
  mandates: Map<string, MandateState>;
  keys: Map<string, { customerId: string; revoked: boolean }>;
}

export type Decision =
  | { kind: 'accepted'; status: InstructionStatus; prepared: PreparedInstruction }
  | { kind: 'replay'; instructionId: string }
  | { kind: 'rejected'; error: CustodyError };

export interface BatchDecisions {
  decisions: Decision[];
  changedAccounts: LedgerAccount[];
  changedMandates: MandateState[];
}

export function idempotencySlot(platformId: string, key: string): string {
  return `${platformId}\u0000${key}`;
}

export function nonceSlot(customerId: string, nonce: string): string {
  return `${customerId}\u0000${nonce}`;
}

/**
 * Decides a batch in order, as if the instructions had arrived one by one: each sees the
 * balances, nonces and mandate usage left by those before it. Pure: no I/O, no clock.
 */
export function decideBatch(
  state: BatchState,
  batch: readonly PreparedInstruction[],
): BatchDecisions {
  const plan = new PostingPlan(state.accounts);
  const seen = new Map<string, StoredInstructionRef>();
  for (const ref of state.existing)
    seen.set(idempotencySlot(ref.platformId, ref.idempotencyKey), ref);
  const nonces = new Set(state.usedNonces);
  const mandates = new Map<string, MandateState>();
  const decisions = batch.map((prepared): Decision => {
    const slot = idempotencySlot(prepared.platformId, prepared.input.idempotencyKey);
    const earlier = seen.get(slot);
    if (earlier !== undefined) {
      if (!earlier.requestHash.equals(prepared.requestHash)) {
        const message = 'idempotency key was already used with a different request';
        return { kind: 'rejected', error: { code: 'idempotency_conflict', message } };
      }
      return { kind: 'replay', instructionId: earlier.id };
    }
    const checked = checkInstruction(state, prepared, nonces, mandates);
    if (!checked.ok) return { kind: 'rejected', error: checked.error };
    const status: InstructionStatus = prepared.holdReason === null ? 'posted' : 'pending';
    const outcome = plan.tryApply({
      debitAccountId: prepared.route.debit.id,
      creditAccountId: prepared.route.credit.id,
      amountMinor: prepared.input.amountMinor,
      currency: prepared.input.currency,
      phase: status === 'posted' ? 'single' : 'pending',
    });
    if (!outcome.ok) {
      const { code, ...detail } = outcome.error;
      const message =
        code === 'insufficient_funds' ? 'insufficient funds' : code.replace(/_/g, ' ');
      return { kind: 'rejected', error: { code, message, detail: stringifyBigInts(detail) } };
    }
    checked.value.commit();
    seen.set(slot, {
      id: prepared.id,
      platformId: prepared.platformId,
      idempotencyKey: prepared.input.idempotencyKey,
      requestHash: prepared.requestHash,
      status,
    });
    return { kind: 'accepted', status, prepared };
  });
  plan.assertBalanced();
  return {
    decisions,
    changedAccounts: plan.changedAccounts(),
    changedMandates: [...mandates.values()],
  };
}

/** Checks that need locked state; returns a commit step so nothing changes on refusal. */
function checkInstruction(
  state: BatchState,
  prepared: PreparedInstruction,
  nonces: Set<string>,
  mandates: Map<string, MandateState>,
): Result<{ commit: () => void }> {
  const frozen = freezeRefusal(state, prepared);
  if (frozen !== null) return { ok: false, error: frozen };
  const auth = prepared.authorization;
  if (auth.kind === 'none') {
    assert(prepared.route.authorizingCustomerId === null, 'customer debit without authorization');
    return { ok: true, value: { commit: () => undefined } };
  }
  assert(
    auth.customerId === prepared.route.authorizingCustomerId,
    'authorization by another customer',
  );
  if (auth.kind === 'signature') {
    const key = state.keys.get(auth.keyId);
    if (key === undefined || key.customerId !== auth.customerId) {
      return failure('key_not_customer', 'the signing key does not belong to the payer');
    }
    if (key.revoked) return failure('key_revoked', 'the signing key was revoked');
    const slot = nonceSlot(auth.customerId, auth.nonce);
    if (nonces.has(slot))
      return failure('authorization_replayed', 'this authorization was already used');
    return { ok: true, value: { commit: () => void nonces.add(slot) } };
  }
  if (auth.kind === 'passkey') {
    // The assertion and the credential's counter were checked before the batch; the nonce is
    // consumed here, in the transaction that posts.
    const slot = nonceSlot(auth.customerId, auth.nonce);
    if (nonces.has(slot))
      return failure('authorization_replayed', 'this authorization was already used');
    return { ok: true, value: { commit: () => void nonces.add(slot) } };
  }
  const mandate = mandates.get(auth.mandateId) ?? state.mandates.get(auth.mandateId);
  if (mandate === undefined || mandate.customerId !== auth.customerId) {
    return failure('mandate_unknown', `mandate ${auth.mandateId} not found for the payer`);
  }
  const applied = applyMandate(
    mandate,
    {
      payerAccountId: prepared.route.debit.id,
      payeeAccountId: prepared.route.credit.id,
      purpose: prepared.input.purpose,
      amountMinor: prepared.input.amountMinor,
    },
    prepared.nowMs,
  );
  if (!applied.ok) return applied;
  return {
    ok: true,
    value: { commit: () => void mandates.set(mandate.id, { ...mandate, ...applied.value }) },
  };
}

function freezeRefusal(state: BatchState, prepared: PreparedInstruction): CustodyError | null {
  const { debit, credit } = prepared.route;
  if (freezeScope(state, debit) !== undefined) {
    return {
      code: 'account_frozen',
      message: `account ${debit.id} is frozen`,
      detail: { accountId: debit.id },
    };
  }
  if (freezeScope(state, credit) === 'all') {
    return {
      code: 'account_frozen',
      message: `account ${credit.id} is frozen`,
      detail: { accountId: credit.id },
    };
  }
  return null;
}

/** The strongest freeze on an account, from the account itself or its owner. */
export function freezeScope(
  state: Pick<BatchState, 'customerFreezes' | 'accountFreezes'>,
  account: { id: string; customerId: string | null },
): FreezeScope | undefined {
  const own = state.accountFreezes.get(account.id);
  const owner =
    account.customerId === null ? undefined : state.customerFreezes.get(account.customerId);
  if (own === 'all' || owner === 'all') return 'all';
  return own ?? owner;
}

function stringifyBigInts(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      typeof item === 'bigint' ? item.toString() : item,
    ]),
  );
}
