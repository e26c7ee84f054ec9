import { assert } from '../assert.js';
import { fingerprintEntries } from './entry-fingerprint.js';
import { ENTRY_SHELL_INDEX, isEntryShell } from './entry-shell.js';
import { ENTRIES_PER_STATEMENT_MAX } from './limits.js';
import type {
  Statement,
  StatementDraft,
  StatementEntry,
  StatementEntryDraft,
} from './statement.js';

/**
 * Fixes entry positions and fingerprints and freezes the result. Every format parser ends
 * here, so all statements leave the module with the same invariants.
 */
export function buildStatement(draft: StatementDraft): Statement {
  assert(draft.entries.length <= ENTRIES_PER_STATEMENT_MAX, 'parser let too many entries in');
  assert(draft.statementId.length > 0, 'a statement needs an id');
  const drafts = draft.entries;
  const fingerprints = fingerprintEntries(draft.account, drafts);
  const entries: StatementEntry[] = [];
  for (let index = 0; index < drafts.length; index++) {
    const fingerprint = fingerprints[index];
    assert(fingerprint !== undefined, 'fingerprint per entry');
    entries.push(finishEntry(drafts[index] as StatementEntryDraft, index, fingerprint));
  }
  Object.freeze(draft.account);
  Object.freeze(draft.otherBalances);
  return Object.freeze({ ...draft, entries: Object.freeze(entries) });
}

/** The entry at `index`: a shell (entry-shell.ts) completed in place, any other draft copied. */
function finishEntry(
  entry: StatementEntryDraft,
  index: number,
  fingerprint: string,
): StatementEntry {
  Object.freeze(entry.references);
  Object.freeze(entry.counterparty);
  Object.freeze(entry.bankTransactionCode);
  Object.freeze(entry.details);
  if (!isEntryShell(entry)) return Object.freeze({ index, ...entry, fingerprint });
  assert(entry.index === ENTRY_SHELL_INDEX, 'a shell is placed in one statement only');
  entry.index = index;
  entry.fingerprint = fingerprint;
  return Object.freeze(entry);
}
