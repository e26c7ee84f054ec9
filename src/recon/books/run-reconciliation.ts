import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { failure, success, type Result } from '../../custody/index.js';
import type { Principal } from '../../security/index.js';
import { newId, type Database, type Queryable } from '../../store/index.js';
import {
  checkMatchRules,
  matchItems,
  type BankItem,
  type BookItem,
  type MatchGroup,
  type MatchRule,
} from '../matching/index.js';
import { escalateBreaks, openBreaks, resolveMatchedBreaks } from './break-store.js';
import { loadBankItems, loadBookItems } from './load-match-items.js';
import { loadMatchRules, matchRuleJson } from './matching-rules-store.js';
import { reconAudit } from './recon-audit.js';
import { loadReconSettings } from './recon-settings.js';
import { insertMatches, type NewMatch } from './match-store.js';

export interface RunOptions {
  /** `YYYY-MM-DD`: items booked up to and including this day take part. */
  readonly asOf: string;
  readonly dryRun: boolean;
  /** Rules for this run only (a dry run to try them); else the stored or default rules. */
  readonly rules?: readonly MatchRule[];
}

export interface RunSummary {
  readonly runId: string | null;
  readonly dryRun: boolean;
  readonly asOf: string;
  readonly bankItemCount: number;
  readonly bookItemCount: number;
  readonly matchCount: number;
  readonly confirmedCount: number;
  readonly suggestedCount: number;
  readonly unmatchedBankCount: number;
  readonly unmatchedBookCount: number;
  readonly breaksOpened: number;
  readonly breaksResolved: number;
  readonly breaksEscalated: number;
  /** The first MATCHES_IN_REPLY_MAX matches, for people to look at. */
  readonly matches: readonly NewMatch[];
}

export const MATCHES_IN_REPLY_MAX = 1_000;

/**
 * One reconciliation run: load the open items up to `asOf`, match them (pure), and unless it
 * is a dry run store matches, open a break for every unmatched item, resolve breaks whose item
 * was matched now, and escalate breaks past the age limit. One transaction, serialized per
 * platform by an advisory lock so two runs never match the same item.
 */
export async function runReconciliation(
  db: Database,
  actor: Principal,
  platformId: string,
  options: RunOptions,
): Promise<Result<RunSummary>> {
  if (options.rules !== undefined) {
    const problem = checkMatchRules(options.rules);
    if (problem !== undefined) return failure('validation_failed', problem);
  }
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('custos.recon.' || $1::text))`, [
      platformId,
    ]);
    const rules = options.rules ?? (await loadMatchRules(tx, platformId));
    const bank = await loadBankItems(tx, platformId, options.asOf);
    const book = await loadBookItems(tx, platformId, options.asOf);
    const outcome = matchItems(bank, book, rules);
    const matches = outcome.matches.map((group) => newMatch(group, bank, book));
    const counts = {
      bankItemCount: bank.length,
      bookItemCount: book.length,
      matchCount: matches.length,
      confirmedCount: matches.filter((match) => match.state === 'confirmed').length,
      suggestedCount: matches.filter((match) => match.state === 'suggested').length,
      unmatchedBankCount: outcome.unmatchedBank.length,
      unmatchedBookCount: outcome.unmatchedBook.length,
    };
    const reply = {
      asOf: options.asOf,
      ...counts,
      matches: matches.slice(0, MATCHES_IN_REPLY_MAX),
    };
    if (options.dryRun) {
      return success({
        ...reply,
        runId: null,
        dryRun: true,
        breaksOpened: 0,
        breaksResolved: 0,
        breaksEscalated: 0,
      });
    }
    const runId = newId('run');
    await insertRun(tx, actor, platformId, runId, options.asOf, rules, counts);
    await insertMatches(tx, platformId, runId, matches);
    const breaksResolved = await resolveMatchedBreaks(tx, actor, platformId, matches);
    const breaksOpened = await openBreaks(tx, actor, platformId, runId, [
      ...outcome.unmatchedBank.map((index) => ({
        side: 'bank' as const,
        item: bank[index] as BankItem,
      })),
      ...outcome.unmatchedBook.map((index) => ({
        side: 'book' as const,
        item: book[index] as BookItem,
      })),
    ]);
    const settings = await loadReconSettings(tx, platformId);
    const breaksEscalated = await escalateBreaks(
      tx,
      actor,
      platformId,
      options.asOf,
      settings.breakAgeDaysMax,
    );
    await tx.query('UPDATE match_runs SET break_count = $2 WHERE id = $1', [runId, breaksOpened]);
    await appendAuditRecords(tx, [
      reconAudit(actor, platformId, 'recon.run', 'match_run', runId, {
        asOf: options.asOf,
        ...counts,
        breaksOpened,
        breaksResolved,
        breaksEscalated,
      }),
    ]);
    return success({
      ...reply,
      runId,
      dryRun: false,
      breaksOpened,
      breaksResolved,
      breaksEscalated,
    });
  });
}

function newMatch(
  group: MatchGroup,
  bank: readonly BankItem[],
  book: readonly BookItem[],
): NewMatch {
  return {
    id: newId('mat'),
    ruleName: group.ruleName,
    strategy: group.strategy,
    state: group.state,
    currency: group.currency,
    bankItems: group.bankIndexes.map((index) => {
      const item = bank[index] as BankItem;
      return { itemId: item.id, amountMinor: item.amountMinor };
    }),
    bookItems: group.bookIndexes.map((index) => {
      const item = book[index] as BookItem;
      return { itemId: item.id, amountMinor: item.amountMinor };
    }),
    bankSumMinor: group.bankSumMinor,
    bookSumMinor: group.bookSumMinor,
    differenceMinor: group.differenceMinor,
  };
}

async function insertRun(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  runId: string,
  asOf: string,
  rules: readonly MatchRule[],
  counts: { bankItemCount: number; bookItemCount: number; matchCount: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO match_runs (id, platform_id, as_of, rules, bank_item_count, book_item_count,
       match_count, break_count, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)`,
    [
      runId,
      platformId,
      asOf,
      JSON.stringify(rules.map(matchRuleJson)),
      counts.bankItemCount,
      counts.bookItemCount,
      counts.matchCount,
      actor.id,
    ],
  );
}
