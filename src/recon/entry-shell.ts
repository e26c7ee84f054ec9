import type { StatementEntry, StatementEntryDraft } from './statement.js';

/**
 * An entry shell is a draft that already has every field of the finished entry, in its key
 * order: `index` first and `fingerprint` last, both placeholders until buildStatement fills
 * them in place. A reader that makes many entries (the direct camt reader) hands out shells
 * so that building the statement neither copies each entry nor leaves the draft behind for
 * the garbage collector; any other draft is still copied.
 */

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type StatementEntryShell = Mutable<StatementEntry>;

/** The placeholder index of a shell not yet placed in a statement. */
export const ENTRY_SHELL_INDEX = -1;

export function isEntryShell(entry: StatementEntryDraft): entry is StatementEntryShell {
  return Object.hasOwn(entry, 'fingerprint');
}
