import { randomBytes } from 'node:crypto';
import { hashChannel, type ChannelInput, type InstructionChannel } from './instruction-channel.js';
import { inlineSignatureVerifier, type SignatureVerifier } from '../crypto/index.js';
import type { Principal } from '../security/index.js';
import { newId, toBigInt, type Database } from '../store/index.js';
import { CachedDirectory } from './cached-directory.js';
import { commitInstructions, type CommitOutcome } from './commit-instructions.js';
import {
  failure,
  success,
  UNAUTHORIZED_DEBIT_CODES,
  type CustodyError,
  type Result,
} from './errors.js';
import { GroupCommitter } from './group-committer.js';
import { applyGateHold } from './gate-hold.js';
import { runGate, type GateDecision, type InstructionGate } from './instruction-gate.js';
import type { InstructionView } from './instruction-queries.js';
import type { InstructionInput } from './instruction.js';
import { prepareInstruction } from './prepare-instruction.js';
import type { PreparedInstruction } from './prepared-instruction.js';
import type { PasskeyVerifier } from './passkey-verifier.js';
import type { ReversedInstruction } from './route-instruction.js';
import { recordSecurityEvents } from '../security/security-event.js';
import { unauthorizedDebitEvent } from './write-batch.js';

export interface CustodyOptions {
  batchSizeMax: number;
  queueLengthMax: number;
  /** Defaults to one on PGlite (one connection) and two on a PostgreSQL server. */
  batchesInFlightMax?: number;
  /** Where signatures are checked; defaults to the calling thread. */
  signatureVerifier?: SignatureVerifier;
  /** Monitoring's synchronous pre-posting check; none means every authorized instruction posts. */
  gate?: InstructionGate;
  /** Key of the channel hashes (device, address); the runtime keeps one per deployment. */
  channelKey?: Buffer;
  /** Checks passkey assertions; none means passkey authorizations are refused. */
  passkeyVerifier?: PasskeyVerifier;
}

export const CUSTODY_OPTIONS_DEFAULT: CustodyOptions = {
  batchSizeMax: 1_000,
  queueLengthMax: 20_000,
};

export type SubmitResult = Result<{
  instructionId: string;
  replayed: boolean;
  created: InstructionView | null;
}>;

/**
 * The only door through which money moves: validates, authorizes and group-commits
 * instructions, and records every refused attempt to debit a customer.
 */
export class Custody {
  readonly db: Database;
  readonly directory: CachedDirectory;
  readonly #committer: GroupCommitter<PreparedInstruction, CommitOutcome>;
  readonly #verifier: SignatureVerifier;
  #gate: InstructionGate | undefined;
  #passkeyVerifier: PasskeyVerifier | undefined;
  readonly #channelKey: Buffer;
  readonly #committedListeners = new Set<() => void>();

  constructor(db: Database, options: CustodyOptions = CUSTODY_OPTIONS_DEFAULT) {
    this.db = db;
    this.directory = new CachedDirectory(db);
    this.#verifier = options.signatureVerifier ?? inlineSignatureVerifier();
    this.#gate = options.gate;
    this.#passkeyVerifier = options.passkeyVerifier;
    this.#channelKey = options.channelKey ?? randomBytes(32);
    this.#committer = new GroupCommitter({
      batchSizeMax: options.batchSizeMax,
      queueLengthMax: options.queueLengthMax,
      batchesInFlightMax: options.batchesInFlightMax ?? (db.kind === 'postgres' ? 2 : 1),
      commit: async (batch) => {
        const outcome = await commitInstructions(db, batch);
        for (const listener of this.#committedListeners) listener();
        return outcome;
      },
    });
  }

  async submit(
    principal: Principal,
    platformId: string,
    input: InstructionInput,
  ): Promise<SubmitResult> {
    const prepared = await this.prepare(principal, platformId, input);
    if (!prepared.ok) return prepared;
    const decision = runGate(this.#gate, prepared.value);
    if (decision.action === 'reject') {
      await this.#recordGateRefusal(prepared.value, decision);
      // The code stays `monitoring_rejected` (API contract) whichever gate refused.
      return failure('monitoring_rejected', `refused before posting: ${decision.reason}`, {
        ruleIds: decision.ruleIds,
      });
    }
    if (decision.action === 'hold') applyGateHold(prepared.value, decision);
    const outcome = await this.#committer.submit(prepared.value);
    if (outcome.kind === 'rejected') return { ok: false, error: outcome.error };
    if (outcome.kind === 'replayed') {
      return {
        ok: true,
        value: { instructionId: outcome.instructionId, replayed: true, created: null },
      };
    }
    const created = instructionViewOfPrepared(prepared.value, outcome.status);
    return { ok: true, value: { instructionId: outcome.instructionId, replayed: false, created } };
  }

  /**
   * Lets the gate record what it found behind a refusal before posting. The refusal stands
   * whatever happens here: a record that cannot be written is counted by the gate, not turned
   * into a different answer.
   */
  async #recordGateRefusal(prepared: PreparedInstruction, decision: GateDecision): Promise<void> {
    const gate = this.#gate;
    if (gate?.refused === undefined) return;
    try {
      await gate.refused(prepared, decision);
    } catch {
      // The gate counts its own failures (see MonitorService.stats).
    }
  }

  /** Everything before the batch: routing and signature checks, with refusals recorded. */
  async prepare(
    principal: Principal,
    platformId: string,
    input: InstructionInput,
  ): Promise<Result<PreparedInstruction>> {
    const nowMs = Date.now();
    await this.directory.ensure({
      accountIds: [input.payerAccountId, input.payeeAccountId].filter(
        (id): id is string => id !== undefined,
      ),
      platformIds: [platformId],
      bankAccountIds: input.bankAccountId === undefined ? [] : [input.bankAccountId],
      keyIds: input.authorization?.kind === 'signature' ? [input.authorization.keyId] : [],
    });
    const reversed = input.type === 'reversal' ? await this.#reversedInstruction(input) : undefined;
    if (reversed !== undefined) {
      await this.directory.ensure({
        accountIds: [reversed.debitAccountId, reversed.creditAccountId],
        platformIds: [],
        bankAccountIds: [],
        keyIds: [],
      });
    }
    const outcome = prepareInstruction(input, {
      id: newId('ins'),
      platformId,
      submittedBy: principal.id,
      nowMs,
      directory: this.directory,
      ...(reversed === undefined ? {} : { reversed }),
    });
    let prepared: Result<PreparedInstruction> = outcome.ok
      ? success(outcome.value.prepared)
      : outcome;
    const check = outcome.ok ? outcome.value.signatureCheck : null;
    if (check !== null && !(await this.#verifier.verify(check))) {
      prepared = failure('bad_signature', 'the signature does not match the instruction');
    }
    const passkey = outcome.ok ? outcome.value.passkeyCheck : null;
    if (prepared.ok && passkey !== null) {
      const verified =
        this.#passkeyVerifier === undefined
          ? failure('passkey_unknown', 'passkey authorization is not available on this server')
          : await this.#passkeyVerifier.verify(passkey, nowMs);
      if (!verified.ok) prepared = verified;
    }
    if (!prepared.ok && UNAUTHORIZED_DEBIT_CODES.has(prepared.error.code)) {
      await this.#recordRefusal(principal, platformId, input, prepared.error, nowMs);
    }
    return prepared;
  }

  async #recordRefusal(
    principal: Principal,
    platformId: string,
    input: InstructionInput,
    error: CustodyError,
    nowMs: number,
  ): Promise<void> {
    const event = unauthorizedDebitEvent(
      platformId,
      principal.id,
      error.code,
      error.message,
      nowMs,
      {
        idempotencyKey: input.idempotencyKey,
        payerAccountId: input.payerAccountId ?? null,
        amountMinor: input.amountMinor.toString(),
        currency: input.currency,
      },
    );
    await this.db.transaction((tx) => recordSecurityEvents(tx, [event]));
  }

  hashChannel(platformId: string, channel: ChannelInput): InstructionChannel {
    return hashChannel(this.#channelKey, platformId, channel);
  }

  /** Called after every committed batch (monitoring wakes up to read the new events). */
  onCommitted(listener: () => void): () => void {
    this.#committedListeners.add(listener);
    return () => this.#committedListeners.delete(listener);
  }

  /** Installs the passkey verifier (the portal knows the relying party and credentials). */
  setPasskeyVerifier(verifier: PasskeyVerifier | undefined): void {
    this.#passkeyVerifier = verifier;
  }

  /** Installs (or removes) monitoring's pre-posting check; the monitor starts after custody. */
  setGate(gate: InstructionGate | undefined): void {
    this.#gate = gate;
  }

  async close(): Promise<void> {
    await this.#committer.close();
    await this.#verifier.close();
  }

  async #reversedInstruction(input: InstructionInput): Promise<ReversedInstruction | undefined> {
    if (input.reversesInstructionId === undefined) return undefined;
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT i.id, i.platform_id, i.debit_account_id, i.credit_account_id, i.amount_minor, i.currency,
         i.status, COALESCE((SELECT sum(r.amount_minor) FROM instructions r
           WHERE r.reverses_instruction_id = i.id AND r.status <> 'voided'), 0) AS reversed_minor
       FROM instructions i WHERE i.id = $1`,
      [input.reversesInstructionId],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      id: String(row.id),
      platformId: String(row.platform_id),
      debitAccountId: String(row.debit_account_id),
      creditAccountId: String(row.credit_account_id),
      amountMinor: toBigInt(row.amount_minor),
      currency: String(row.currency),
      status: row.status as ReversedInstruction['status'],
      reversedMinor: toBigInt(row.reversed_minor),
    };
  }
}

/** The stored form of a just-committed instruction, without reading it back. */
function instructionViewOfPrepared(
  prepared: PreparedInstruction,
  status: 'posted' | 'pending',
): InstructionView {
  const at = new Date(prepared.nowMs).toISOString();
  return {
    id: prepared.id,
    platformId: prepared.platformId,
    type: prepared.input.type,
    status,
    amountMinor: prepared.input.amountMinor,
    currency: prepared.input.currency,
    debitAccountId: prepared.route.debit.id,
    creditAccountId: prepared.route.credit.id,
    purpose: prepared.input.purpose,
    authorizationKind: prepared.authorization.kind,
    holdReason: prepared.holdReason,
    holdRuleIds: prepared.gateHold?.ruleIds ?? [],
    holdNote: prepared.gateHold?.note ?? null,
    idempotencyKey: prepared.input.idempotencyKey,
    reversesInstructionId: prepared.input.reversesInstructionId ?? null,
    submittedBy: prepared.submittedBy,
    createdAt: at,
    updatedAt: at,
  };
}
