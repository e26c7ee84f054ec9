import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssertionError } from '../assert.js';
import { createTestDatabase } from '../../test/support/test-database.js';
import { CombinedWrite, COMBINED_WRITES_MAX } from './combined-write.js';
import type { Database } from './database.js';

// Goal: writes sent as one statement land exactly as the same writes sent one by one, a
// failing write leaves none of them, and a row may reference one a sibling write inserts.
// Method: a real database (PGlite, or PostgreSQL with DATABASE_URL) and tables of the test's own.

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.query('CREATE TABLE cw_parent (id text PRIMARY KEY, label text NOT NULL)');
  await db.query(
    `CREATE TABLE cw_child (parent_id text NOT NULL REFERENCES cw_parent (id),
       amount_minor bigint NOT NULL)`,
  );
  await db.query('CREATE TABLE cw_counter (id text PRIMARY KEY, total_minor bigint NOT NULL)');
  await db.query(`INSERT INTO cw_counter VALUES ('a', 0), ('b', 0)`);
});
afterAll(async () => {
  await db.close();
});

function writesFor(parentId: string, amounts: readonly number[]): CombinedWrite {
  const write = new CombinedWrite();
  write.add('INSERT INTO cw_parent (id, label) VALUES ($1, $2)', [
    parentId,
    `label of ${parentId}`,
  ]);
  write.add('INSERT INTO cw_child (parent_id, amount_minor) SELECT $1, unnest($2::int8[])', [
    parentId,
    amounts.map(String),
  ]);
  write.add(
    `UPDATE cw_counter c SET total_minor = c.total_minor + u.amount
     FROM unnest($1::text[], $2::int8[]) AS u (id, amount) WHERE c.id = u.id`,
    [
      ['a', 'b'],
      [amounts.reduce((sum, amount) => sum + amount, 0), amounts.length],
    ],
  );
  return write;
}

describe('CombinedWrite', () => {
  it('sends several writes as one statement, children referencing a parent inserted beside them', async () => {
    const write = writesFor('p1', [100, 250, 7]);
    expect(write.size).toBe(3);
    await db.transaction((tx) => write.run(tx));
    expect(await db.query('SELECT id, label FROM cw_parent ORDER BY id')).toEqual([
      { id: 'p1', label: 'label of p1' },
    ]);
    const children = await db.query<{ amount_minor: string }>(
      'SELECT amount_minor FROM cw_child WHERE parent_id = $1 ORDER BY amount_minor',
      ['p1'],
    );
    expect(children.map((row) => Number(row.amount_minor))).toEqual([7, 100, 250]);
    const counters = await db.query<{ id: string; total_minor: string }>(
      'SELECT id, total_minor FROM cw_counter ORDER BY id',
    );
    expect(counters.map((row) => [row.id, Number(row.total_minor)])).toEqual([
      ['a', 357],
      ['b', 3],
    ]);
  });

  it('leaves nothing written when one of its writes fails', async () => {
    const before = await db.query('SELECT * FROM cw_counter ORDER BY id');
    // p1 exists: the parent insert violates the primary key, so the children and the counter
    // update of the same statement must not land either.
    await expect(db.transaction((tx) => writesFor('p1', [1]).run(tx))).rejects.toThrow();
    expect(await db.query('SELECT * FROM cw_counter ORDER BY id')).toEqual(before);
    const children = await db.query('SELECT * FROM cw_child WHERE amount_minor = 1');
    expect(children).toEqual([]);
  });

  it('refuses a child whose parent no write inserts', async () => {
    const write = new CombinedWrite();
    write.add('INSERT INTO cw_parent (id, label) VALUES ($1, $2)', ['p2', 'second']);
    write.add('INSERT INTO cw_child (parent_id, amount_minor) VALUES ($1, $2)', ['nobody', '5']);
    await expect(db.transaction((tx) => write.run(tx))).rejects.toThrow(/foreign key/);
    expect(await db.query('SELECT id FROM cw_parent WHERE id = $1', ['p2'])).toEqual([]);
  });

  it('runs one write as it is, and nothing when empty', async () => {
    await db.transaction((tx) => new CombinedWrite().run(tx));
    const single = new CombinedWrite();
    single.add('INSERT INTO cw_parent (id, label) VALUES ($1, $2)', ['p3', 'alone']);
    await db.transaction((tx) => single.run(tx));
    expect(await db.query('SELECT label FROM cw_parent WHERE id = $1', ['p3'])).toEqual([
      { label: 'alone' },
    ]);
  });

  it('refuses reads, placeholders without a parameter and more writes than its limit', () => {
    const write = new CombinedWrite();
    expect(() => write.add('SELECT 1', [])).toThrow(AssertionError);
    expect(() => write.add('INSERT INTO cw_parent VALUES ($1, $2)', ['only one'])).toThrow(
      /\$2 has no parameter/,
    );
    for (let index = 0; index < COMBINED_WRITES_MAX; index += 1) {
      write.add('DELETE FROM cw_parent WHERE id = $1', [`none-${index}`]);
    }
    expect(() => write.add('DELETE FROM cw_parent WHERE id = $1', ['one more'])).toThrow(
      /too many writes/,
    );
  });
});
