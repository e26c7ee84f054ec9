import { assert } from '../assert.js';
import type { Queryable } from './database.js';

/** Writes one statement may carry: beyond this the statement is split (see run). */
export const COMBINED_WRITES_MAX = 16;

/**
 * Several writes (INSERT, UPDATE, DELETE) sent to the server as one statement, each a
 * data-modifying WITH query: one round trip instead of one per write. Every write keeps its own
 * SQL with its own $1..$n, renumbered here. The writes run against one snapshot and must
 * not change the same rows; foreign keys between them are checked at the end of the
 * statement, so a row may reference one a sibling write inserts.
 */
export class CombinedWrite {
  readonly #parts: string[] = [];
  readonly #params: unknown[] = [];

  get size(): number {
    return this.#parts.length;
  }

  /** Adds one write; `sql` numbers its placeholders from $1 for `params`. */
  add(sql: string, params: readonly unknown[]): void {
    assert(this.#parts.length < COMBINED_WRITES_MAX, 'too many writes in one statement');
    assert(
      /^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql),
      'a combined write is INSERT, UPDATE or DELETE',
    );
    const offset = this.#params.length;
    const renumbered = sql.replace(/\$(\d+)/g, (_, number: string) => {
      const index = Number(number);
      assert(index >= 1 && index <= params.length, `placeholder $${number} has no parameter`);
      return `$${index + offset}`;
    });
    this.#parts.push(renumbered);
    this.#params.push(...params);
  }

  /** Sends every write added, in one statement (nothing when none was added). */
  async run(tx: Queryable): Promise<void> {
    const parts = this.#parts;
    if (parts.length === 0) return;
    if (parts.length === 1) {
      await tx.query(parts[0] as string, this.#params);
      return;
    }
    const queries = parts.map((sql, index) => `w${index} AS (${sql})`).join(',\n');
    await tx.query(`WITH ${queries}\nSELECT 1`, this.#params);
  }
}
