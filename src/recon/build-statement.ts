import { assert } from '../assert.js';
import { fingerprintEntries } from './entry-fingerprint.js';
import { ENTRIES_PER_STATEMENT_MAX } from './limits.js';
import type { Statement, StatementDraft, StatementEntry } from './statement.js';

/**
 * Fixes entry positions and fingerprints and freezes the result. Every format parser ends
 * here, so all statements leave the module with the same invariants.
 */
export function buildStatement(draft: StatementDraft): Statement {
  assert(draft.entries.length <= ENTRIES_PER_STATEMENT_MAX, 'parser let too many entries in');
  assert(draft.statementId.length > 0, 'a statement needs an id');
  const fingerprints = fingerprintEntries(draft.account, draft.entries);
  const entries: StatementEntry[] = draft.entries.map((entry, index) => {
    const fingerprint = fingerprints[index];
    assert(fingerprint !== undefined, 'fingerprint per entry');
    Object.freeze(entry.references);
    Object.freeze(entry.counterparty);
    Object.freeze(entry.bankTransactionCode);
    Object.freeze(entry.details);
    return Object.freeze({ index, ...entry, fingerprint });
  });
  Object.freeze(draft.account);
  Object.freeze(draft.otherBalances);
  return Object.freeze({ ...draft, entries: Object.freeze(entries) });
}
