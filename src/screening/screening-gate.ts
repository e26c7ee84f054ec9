import type { GateDecision } from '../custody/instruction-gate.js';
import type { PreparedInstruction } from '../custody/prepared-instruction.js';
import type { ObservingGate } from './composite-gate.js';
import type { ScreeningHit } from './matching/screening-index.js';
import { ORPHAN_GRACE_MS_DEFAULT, repairOrphanedHolds } from './orphaned-holds.js';
import { SCREENING_HOLD_REASON, SCREENING_REVIEW } from './screening-hold.js';
import { hitJson } from './screening-hit-json.js';
import { GATE_PENDING_MAX, RESCREEN_BATCH } from './screening-limits.js';
import { partyKey, SCREENING_ACTOR, type ScreeningService } from './screening-service.js';
import { loadParty, partyPage } from './store/party-source.js';
import type { Party, PartyKind } from './store/result-store.js';
import { openReviews, SCREENING_RULE_ID } from './store/review-store.js';

/** How long a held instruction may take to commit before its review is given up. */
const PENDING_COMMIT_WAIT_MS = 60_000;
const FLUSH_INTERVAL_MS = 500;
/** How often holds left without their review are looked for after start. */
const ORPHAN_SWEEP_INTERVAL_MS = 5 * 60_000;

interface PendingReview {
  instructionId: string;
  platformId: string;
  parties: { party: Party; hits: ScreeningHit[] }[];
  otherHolds: boolean;
  queuedAtMs: number;
}

/**
 * Counterparty screening on the instruction path (synchronous, in memory): the payee (the
 * owner of a credited customer account, the holder of the bank account paid to) and the
 * payer are screened by name against the current lists. A hit at or above the threshold,
 * not whitelisted for that party, holds the instruction; its review (and alert) is written
 * once the instruction has committed.
 */
export class ScreeningGate implements ObservingGate {
  readonly #service: ScreeningService;
  readonly #pending = new Map<string, PendingReview>();
  readonly #missing = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | null = null;
  #stopped = false;
  readonly #orphanGraceMs: number;
  #orphansSweptAtMs = 0;
  /** Reviews written and parties loaded after a miss, for tests and the KRI view. */
  readonly stats = {
    checks: 0,
    holds: 0,
    misses: 0,
    reviewsOpened: 0,
    /** Holds left by a stop before their review was written, repaired at start. */
    orphansReviewed: 0,
    orphansUnblocked: 0,
    orphanSweepFailures: 0,
  };

  /** `orphanGraceMs`: how old a hold without its review must be before it is repaired. */
  constructor(service: ScreeningService, options: { orphanGraceMs?: number } = {}) {
    this.#service = service;
    this.#orphanGraceMs = options.orphanGraceMs ?? ORPHAN_GRACE_MS_DEFAULT;
  }

  /**
   * Loads the index and every party's name, repairs holds whose review a stop left unwritten
   * (orphaned-holds.ts), then flushes pending reviews periodically and repairs again every
   * few minutes.
   */
  async start(): Promise<void> {
    await this.#service.reload();
    for (const kind of ['customer', 'bank_account'] as PartyKind[]) {
      let after = '';
      for (;;) {
        const page = await partyPage(this.#service.db, kind, after, RESCREEN_BATCH);
        if (page.lastId === null) break;
        after = page.lastId;
        for (const p of page.parties) this.#service.rememberParty(p);
      }
    }
    // A repair that fails does not stop the server from starting; the sweep tries again.
    await this.#sweepOrphans();
    this.#schedule();
  }

  /**
   * Repairs holds whose review a stop left unwritten (see orphaned-holds.ts). A repair that
   * fails is counted and tried again at the next interval.
   */
  async #sweepOrphans(): Promise<void> {
    this.#orphansSweptAtMs = Date.now();
    try {
      const repair = await repairOrphanedHolds(this.#service.db, this.#service, {
        graceMs: this.#orphanGraceMs,
      });
      this.stats.orphansReviewed += repair.reviewed;
      this.stats.orphansUnblocked += repair.unblocked;
    } catch {
      this.stats.orphanSweepFailures += 1;
    }
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      const sweep = Date.now() - this.#orphansSweptAtMs >= ORPHAN_SWEEP_INTERVAL_MS;
      void this.flush()
        .then(() => (sweep ? this.#sweepOrphans() : undefined))
        .finally(() => this.#schedule());
    }, FLUSH_INTERVAL_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.flush();
  }

  #partiesOf(prepared: PreparedInstruction): { role: string; kind: PartyKind; id: string }[] {
    const out: { role: string; kind: PartyKind; id: string }[] = [];
    const { credit, debit } = prepared.route;
    if (credit.type === 'customer' && credit.customerId !== null)
      out.push({ role: 'payee', kind: 'customer', id: credit.customerId });
    if (prepared.input.bankAccountId !== undefined)
      out.push({
        role: 'payee bank account holder',
        kind: 'bank_account',
        id: prepared.input.bankAccountId,
      });
    if (
      debit.type === 'customer' &&
      debit.customerId !== null &&
      debit.customerId !== credit.customerId
    )
      out.push({ role: 'payer', kind: 'customer', id: debit.customerId });
    return out;
  }

  check(prepared: PreparedInstruction): GateDecision {
    this.stats.checks += 1;
    const found: { party: Party; hits: ScreeningHit[]; role: string }[] = [];
    for (const ref of this.#partiesOf(prepared)) {
      const party = this.#service.parties.get(partyKey(ref.kind, ref.id));
      if (party === undefined) {
        // Created by another process since this one loaded: screened as soon as it is read.
        this.stats.misses += 1;
        this.#missing.add(partyKey(ref.kind, ref.id));
        continue;
      }
      const hits = this.#service.partyHits(party);
      if (hits.length > 0) found.push({ party, hits, role: ref.role });
    }
    if (found.length === 0) return { action: 'allow' };
    // No review will be written for this hold, so none is required: staff settle it directly.
    if (this.#pending.size >= GATE_PENDING_MAX)
      return {
        action: 'hold',
        reason: 'screening_backlog: reviews are not being written',
        ruleIds: [SCREENING_RULE_ID],
        holdReason: SCREENING_HOLD_REASON,
      };
    this.stats.holds += 1;
    this.#pending.set(prepared.id, {
      instructionId: prepared.id,
      platformId: prepared.platformId,
      parties: found.map(({ party, hits }) => ({ party, hits })),
      otherHolds: false,
      queuedAtMs: Date.now(),
    });
    const reason = found
      .map(({ role, hits }) => {
        const top = hits[0]!;
        return `screening: ${role} matches "${top.explanation.matchedName}" (${top.entry.entryKey}) score ${top.score.toFixed(2)}`;
      })
      .join('; ');
    return {
      action: 'hold',
      reason,
      ruleIds: [SCREENING_RULE_ID],
      holdReason: SCREENING_HOLD_REASON,
      reviewsRequired: [SCREENING_REVIEW],
    };
  }

  /** A review remembers whether another gate held (or threw) on the same instruction. */
  observeCombined(
    prepared: PreparedInstruction,
    own: GateDecision,
    _combined: GateDecision,
    othersHold: boolean,
  ): void {
    if (own.action === 'allow') return;
    const pending = this.#pending.get(prepared.id);
    if (pending === undefined) return;
    pending.otherHolds = othersHold;
  }

  /** A refused instruction never commits: its review is not waited for. */
  async refused(prepared: PreparedInstruction): Promise<void> {
    this.#pending.delete(prepared.id);
  }

  /** Writes reviews of held instructions that have committed; loads parties missed. */
  async flush(): Promise<void> {
    if (this.#flushing !== null) return this.#flushing;
    this.#flushing = this.#flushOnce().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #flushOnce(): Promise<void> {
    const db = this.#service.db;
    for (const key of [...this.#missing]) {
      this.#missing.delete(key);
      const [kind, id] = key.split(/:(.*)/s) as [PartyKind, string];
      const party = await loadParty(db, kind, id);
      if (party !== null)
        await this.#service
          .screenParties([party], 'onboarding')
          .then(() => this.#service.rememberParty(party));
    }
    if (this.#pending.size === 0) return;
    const ids = [...this.#pending.keys()];
    const rows = await db.query<{ id: string; status: string }>(
      'SELECT id, status FROM instructions WHERE id = ANY($1::text[])',
      [ids],
    );
    const committed = new Map(rows.map((r) => [r.id, r.status]));
    const nowMs = Date.now();
    for (const id of ids) {
      const pending = this.#pending.get(id)!;
      if (!committed.has(id)) {
        if (nowMs - pending.queuedAtMs > PENDING_COMMIT_WAIT_MS) this.#pending.delete(id);
        continue;
      }
      const opened = await db.transaction((tx) =>
        openReviews(
          tx,
          SCREENING_ACTOR,
          pending.parties.flatMap(({ party, hits }) =>
            hits.map((h) => ({
              subjectKind: 'instruction' as const,
              subjectId: id,
              party,
              hit: hitJson(h, true),
              otherHolds: pending.otherHolds,
            })),
          ),
          nowMs,
        ),
      );
      this.stats.reviewsOpened += opened.length;
      this.#pending.delete(id);
    }
  }
}
