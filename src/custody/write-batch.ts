import { openApproval } from '../approvals/approvals.js';
import { recordSecurityEvents, type SecurityEventInput } from '../security/security-event.js';
import { appendAuditRecords, type AuditRecordInput } from '../audit/audit-record-store.js';
import type { LedgerAccount } from '../ledger/index.js';
import { CombinedWrite, type Queryable } from '../store/index.js';
import type { BatchDecisions } from './decide-batch.js';
import { UNAUTHORIZED_DEBIT_CODES } from './errors.js';
import type { MandateState } from './mandate.js';
import type { PreparedInstruction } from './prepared-instruction.js';

/**
 * Persists one decided batch: instructions, journal entries, new account counters, mandate
 * usage, security events for refused debits and one audit record per change. All in the
 * caller's transaction, each table written with one statement over arrays, and the books'
 * tables together in one statement.
 */
export async function writeBatch(
  tx: Queryable,
  batch: readonly PreparedInstruction[],
  decided: BatchDecisions,
): Promise<void> {
  const accepted: { prepared: PreparedInstruction; status: 'posted' | 'pending' }[] = [];
  const audit: AuditRecordInput[] = [];
  const security: { prepared: PreparedInstruction; code: string; message: string }[] = [];
  decided.decisions.forEach((decision, index) => {
    const prepared = batch[index];
    if (prepared === undefined) return;
    if (decision.kind === 'accepted' && decision.status !== 'voided') {
      accepted.push({ prepared, status: decision.status });
      audit.push(instructionAuditRecord(prepared, decision.status));
    }
    if (decision.kind === 'rejected' && UNAUTHORIZED_DEBIT_CODES.has(decision.error.code)) {
      security.push({ prepared, code: decision.error.code, message: decision.error.message });
    }
  });
  // Instructions, journal entries, passkey evidence, account counters and mandate usage go to
  // the server in one statement: the batch holds its account locks for fewer round trips.
  const rows = new CombinedWrite();
  insertInstructions(rows, accepted);
  insertTransfers(rows, accepted);
  insertPasskeyAuthorizations(rows, accepted);
  accountCounterUpdate(rows, decided.changedAccounts);
  mandateUsageUpdate(rows, decided.changedMandates);
  await rows.run(tx);
  const events = security.map(({ prepared, code, message }) =>
    unauthorizedDebitEvent(
      prepared.platformId,
      prepared.submittedBy,
      code,
      message,
      prepared.nowMs,
      {
        idempotencyKey: prepared.input.idempotencyKey,
        payerAccountId: prepared.route.debit.id,
        amountMinor: prepared.input.amountMinor.toString(),
        currency: prepared.input.currency,
      },
    ),
  );
  await recordSecurityEvents(tx, events);
  await appendAuditRecords(tx, audit);
  await openReleaseApprovals(tx, accepted);
}

/**
 * A held instruction that needs a second person (reserve payouts, reversals) gets its
 * `instruction.release` approval request in the same transaction: the approvals inbox is the
 * one place four-eyes work waits.
 */
async function openReleaseApprovals(
  tx: Queryable,
  accepted: readonly { prepared: PreparedInstruction; status: 'posted' | 'pending' }[],
): Promise<void> {
  for (const { prepared, status } of accepted) {
    if (status !== 'pending' || prepared.holdReason !== 'approval_required') continue;
    await openApproval(
      tx,
      { id: prepared.submittedBy },
      {
        platformId: prepared.platformId,
        action: 'instruction.release',
        payload: {
          instructionId: prepared.id,
          type: prepared.input.type,
          amountMinor: prepared.input.amountMinor.toString(),
          currency: prepared.input.currency,
        },
        reason: `${prepared.input.type}: ${prepared.input.purpose}`,
      },
    );
  }
}

function instructionAuditRecord(
  prepared: PreparedInstruction,
  status: 'posted' | 'pending',
): AuditRecordInput {
  const auth = prepared.authorization;
  return {
    platformId: prepared.platformId,
    actor: prepared.submittedBy,
    action: status === 'posted' ? 'instruction.posted' : 'instruction.held',
    subjectType: 'instruction',
    subjectId: prepared.id,
    atMs: prepared.nowMs,
    payload: {
      type: prepared.input.type,
      idempotencyKey: prepared.input.idempotencyKey,
      requestHash: prepared.requestHash.toString('hex'),
      debitAccountId: prepared.route.debit.id,
      creditAccountId: prepared.route.credit.id,
      amountMinor: prepared.input.amountMinor.toString(),
      currency: prepared.input.currency,
      purpose: prepared.input.purpose,
      authorization:
        auth.kind === 'signature'
          ? {
              kind: auth.kind,
              customerId: auth.customerId,
              keyId: auth.keyId,
              nonce: auth.nonce,
              signature: auth.signature,
            }
          : auth.kind === 'passkey'
            ? {
                kind: auth.kind,
                customerId: auth.customerId,
                credentialId: auth.credentialId,
                nonce: auth.nonce,
                challenge: auth.challenge,
                paymentRequestId: auth.paymentRequestId,
              }
            : auth,
      holdReason: prepared.holdReason,
      ...(prepared.gateHold === undefined
        ? {}
        : {
            holdRuleIds: prepared.gateHold.ruleIds,
            holdNote: prepared.gateHold.note,
            holdReviewsPending: prepared.gateHold.reviewsPending,
          }),
    },
  };
}

/**
 * Rows travel as one JSON array read by json_to_recordset: for long text values that costs the
 * server less than parsing one array literal per column (measured here: about 40% less).
 */
function insertInstructions(
  write: CombinedWrite,
  rows: { prepared: PreparedInstruction; status: 'posted' | 'pending' }[],
): void {
  if (rows.length === 0) return;
  const records = rows.map(({ prepared: p, status }) => ({
    id: p.id,
    pl: p.platformId,
    ik: p.input.idempotencyKey,
    rh: p.requestHash.toString('hex'),
    ty: p.input.type,
    st: status,
    da: p.route.debit.id,
    ca: p.route.credit.id,
    am: p.input.amountMinor.toString(),
    cu: p.input.currency,
    pu: p.input.purpose,
    ak: p.authorization.kind,
    ac: p.authorization.kind === 'none' ? null : p.authorization.customerId,
    kk: signatureField(p, 'keyId'),
    kn: nonceField(p, 'nonce'),
    ke: nonceField(p, 'expiresAt'),
    ks: signatureField(p, 'signature'),
    md: p.authorization.kind === 'mandate' ? p.authorization.mandateId : null,
    rv: p.input.reversesInstructionId ?? null,
    hr: p.holdReason,
    hi: p.gateHold?.ruleIds ?? [],
    hn: p.gateHold?.note ?? null,
    hp: p.gateHold?.reviewsPending ?? [],
    sb: p.submittedBy,
    at: new Date(p.nowMs).toISOString(),
    ch: p.input.channel ?? null,
  }));
  write.add(
    `INSERT INTO instructions (id, platform_id, idempotency_key, request_hash, type, status,
       debit_account_id, credit_account_id, amount_minor, currency, purpose, authorization_kind,
       auth_customer_id, auth_key_id, auth_nonce, auth_expires_at, auth_signature, mandate_id,
       reverses_instruction_id, hold_reason, hold_rule_ids, hold_note, hold_reviews_pending,
       submitted_by, created_at, updated_at, channel)
     SELECT id, pl, ik, decode(rh, 'hex'), ty, st, da, ca, am, cu, pu, ak, ac, kk, kn, ke,
       decode(ks, 'base64'), md, rv, hr, hi, hn, hp, sb, at, at, ch
     FROM json_to_recordset($1::json) AS r (id text, pl text, ik text, rh text, ty text, st text,
       da text, ca text, am bigint, cu text, pu text, ak text, ac text, kk text, kn text, ke text,
       ks text, md text, rv text, hr text, hi text[], hn text, hp text[], sb text,
       at timestamptz, ch jsonb)`,
    [JSON.stringify(records)],
  );
}

/** Signatures and passkeys carry a nonce and an expiry; the nonce makes either single use. */
function nonceField(prepared: PreparedInstruction, field: 'nonce' | 'expiresAt'): string | null {
  const auth = prepared.authorization;
  return auth.kind === 'signature' || auth.kind === 'passkey' ? auth[field] : null;
}

/** The signed WebAuthn assertion of each passkey-authorized instruction, kept as evidence. */
function insertPasskeyAuthorizations(
  write: CombinedWrite,
  rows: readonly { prepared: PreparedInstruction }[],
): void {
  const records = rows.flatMap(({ prepared: p }) => {
    const auth = p.authorization;
    if (auth.kind !== 'passkey') return [];
    return [
      {
        ii: p.id,
        pl: p.platformId,
        cu: auth.customerId,
        cr: auth.credentialId,
        pr: auth.paymentRequestId,
        no: auth.nonce,
        ex: auth.expiresAt,
        ch: Buffer.from(auth.challenge, 'base64url').toString('base64'),
        ad: Buffer.from(auth.authenticatorData, 'base64url').toString('base64'),
        cd: Buffer.from(auth.clientDataJSON, 'base64url').toString('base64'),
        sg: Buffer.from(auth.signature, 'base64url').toString('base64'),
        uh: auth.userHandle,
        at: new Date(p.nowMs).toISOString(),
      },
    ];
  });
  if (records.length === 0) return;
  write.add(
    `INSERT INTO passkey_authorizations (instruction_id, platform_id, customer_id, credential_id,
       payment_request_id, nonce, expires_at, challenge, authenticator_data, client_data_json,
       signature, user_handle, created_at)
     SELECT ii, pl, cu, cr, pr, no, ex, decode(ch, 'base64'), decode(ad, 'base64'),
       decode(cd, 'base64'), decode(sg, 'base64'), uh, at
     FROM json_to_recordset($1::json) AS r (ii text, pl text, cu text, cr text, pr text, no text,
       ex text, ch text, ad text, cd text, sg text, uh text, at timestamptz)`,
    [JSON.stringify(records)],
  );
}

function signatureField(
  prepared: PreparedInstruction,
  field: 'keyId' | 'nonce' | 'expiresAt' | 'signature',
): string | null {
  return prepared.authorization.kind === 'signature' ? prepared.authorization[field] : null;
}

function insertTransfers(
  write: CombinedWrite,
  rows: { prepared: PreparedInstruction; status: 'posted' | 'pending' }[],
): void {
  if (rows.length === 0) return;
  const records = rows.map(({ prepared: p, status }) => ({
    pl: p.platformId,
    ii: p.id,
    ph: status === 'posted' ? 'single' : 'pending',
    da: p.route.debit.id,
    ca: p.route.credit.id,
    am: p.input.amountMinor.toString(),
    cu: p.input.currency,
    at: new Date(p.nowMs).toISOString(),
  }));
  write.add(
    `INSERT INTO transfers (platform_id, instruction_id, phase, debit_account_id,
       credit_account_id, amount_minor, currency, created_at)
     SELECT pl, ii, ph, da, ca, am, cu, at FROM json_to_recordset($1::json) AS r (pl text,
       ii text, ph text, da text, ca text, am bigint, cu text, at timestamptz)`,
    [JSON.stringify(records)],
  );
}

/** Writes counters as absolute values: the rows are locked, so nobody changed them since. */
export async function updateAccounts(
  tx: Queryable,
  accounts: readonly LedgerAccount[],
): Promise<void> {
  const write = new CombinedWrite();
  accountCounterUpdate(write, accounts);
  await write.run(tx);
}

function accountCounterUpdate(write: CombinedWrite, accounts: readonly LedgerAccount[]): void {
  if (accounts.length === 0) return;
  write.add(
    `UPDATE accounts a SET debits_pending = u.dp, debits_posted = u.dpo,
       credits_pending = u.cp, credits_posted = u.cpo
     FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::int8[]) AS u (id, dp, dpo, cp, cpo)
     WHERE a.id = u.id`,
    [
      accounts.map((a) => a.id),
      accounts.map((a) => a.debitsPendingMinor.toString()),
      accounts.map((a) => a.debitsPostedMinor.toString()),
      accounts.map((a) => a.creditsPendingMinor.toString()),
      accounts.map((a) => a.creditsPostedMinor.toString()),
    ],
  );
}

function mandateUsageUpdate(write: CombinedWrite, mandates: readonly MandateState[]): void {
  if (mandates.length === 0) return;
  write.add(
    `UPDATE mandates m SET period_started_at = u.started, period_used_minor = u.used
     FROM unnest($1::text[], $2::timestamptz[], $3::int8[]) AS u (id, started, used)
     WHERE m.id = u.id`,
    [
      mandates.map((m) => m.id),
      mandates.map((m) => new Date(m.periodStartedAtMs).toISOString()),
      mandates.map((m) => m.periodUsedMinor.toString()),
    ],
  );
}

export function unauthorizedDebitEvent(
  platformId: string,
  actor: string,
  code: string,
  message: string,
  atMs: number,
  detail: Record<string, unknown>,
): SecurityEventInput {
  return {
    platformId,
    kind: 'unauthorized_debit_attempt',
    actor,
    atMs,
    detail: { code, message, ...detail },
  };
}

/** Security events are state changes too: each also lands in the audit records. */
