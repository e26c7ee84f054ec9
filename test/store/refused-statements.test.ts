import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlErrorCode, SQL_UNIQUE_VIOLATION, type Database } from '../../src/store/index.js';
import { createTestDatabase } from '../support/test-database.js';

// Goal: a statement the database refuses (unique key, check constraint, trigger) fails alone:
// the queries after it, in or out of a transaction and concurrent with it, run as usual, on
// PGlite's single connection as on a server. Method: random sequences of parameterised
// statements against a model of the table.

let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.query(
    `CREATE TABLE refusal_probe (
       id integer PRIMARY KEY,
       label text NOT NULL CHECK (length(label) <= 8)
     )`,
  );
  await db.query(
    `CREATE FUNCTION refusal_probe_guard() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.label = 'forbid' THEN RAISE EXCEPTION 'refusal_probe: forbidden label'; END IF;
       RETURN NEW;
     END $$`,
  );
  await db.query(
    `CREATE TRIGGER refusal_probe_guard BEFORE INSERT ON refusal_probe
     FOR EACH ROW EXECUTE FUNCTION refusal_probe_guard()`,
  );
}, 60_000);
afterAll(() => db.close());

const labels = fc.constantFrom('ok', 'fine', 'too long a label', 'forbid');
const steps = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      id: fc.integer({ min: 1, max: 6 }),
      label: labels,
    }),
    fc.record({ kind: fc.constant('count' as const) }),
    fc.record({
      kind: fc.constant('in_transaction' as const),
      ids: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
    }),
  ),
  { minLength: 1, maxLength: 12 },
);

function accepted(rows: Set<number>, id: number, label: string): boolean {
  return !rows.has(id) && label.length <= 8 && label !== 'forbid';
}

describe('a refused statement', () => {
  it('leaves the connection usable for the statements after it', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        await db.query('DELETE FROM refusal_probe');
        const model = new Set<number>();
        for (const step of sequence) {
          if (step.kind === 'count') {
            const rows = await db.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM refusal_probe WHERE id > $1',
              [0],
            );
            expect(rows[0]?.n).toBe(model.size);
          } else if (step.kind === 'insert') {
            const outcome = db.query('INSERT INTO refusal_probe (id, label) VALUES ($1, $2)', [
              step.id,
              step.label,
            ]);
            if (accepted(model, step.id, step.label)) {
              await outcome;
              model.add(step.id);
            } else {
              await expect(outcome).rejects.toThrow();
            }
          } else {
            // All or nothing: a duplicate among them rolls every insert of the transaction back.
            const unique = new Set(step.ids).size === step.ids.length;
            const fresh = step.ids.every((id) => !model.has(id));
            const work = db.transaction(async (tx) => {
              for (const id of step.ids)
                await tx.query('INSERT INTO refusal_probe (id, label) VALUES ($1, $2)', [id, 'tx']);
            });
            if (unique && fresh) {
              await work;
              for (const id of step.ids) model.add(id);
            } else {
              const error = await work.then(
                () => null,
                (refusal: unknown) => refusal,
              );
              expect(sqlErrorCode(error)).toBe(SQL_UNIQUE_VIOLATION);
            }
          }
        }
        const ids = await db.query<{ id: number }>(
          'SELECT id FROM refusal_probe WHERE id > $1 ORDER BY id',
          [0],
        );
        expect(ids.map((row) => row.id)).toEqual([...model].sort((a, b) => a - b));
      }),
      { numRuns: 40 },
    );
  });

  it('fails alone among concurrent statements', async () => {
    await db.query('DELETE FROM refusal_probe');
    await db.query('INSERT INTO refusal_probe (id, label) VALUES ($1, $2)', [1, 'first']);
    const outcomes = await Promise.allSettled([
      db.query('INSERT INTO refusal_probe (id, label) VALUES ($1, $2)', [1, 'again']),
      db.query('SELECT count(*)::int AS n FROM refusal_probe WHERE id > $1', [0]),
      db.query('INSERT INTO refusal_probe (id, label) VALUES ($1, $2)', [2, 'forbid']),
      db.query('INSERT INTO refusal_probe (id, label) VALUES ($1, $2)', [3, 'third']),
      db.query('SELECT label FROM refusal_probe WHERE id = $1', [1]),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const [duplicate, , forbidden] = outcomes;
    expect(duplicate?.status === 'rejected' && sqlErrorCode(duplicate.reason)).toBe(
      SQL_UNIQUE_VIOLATION,
    );
    expect(forbidden?.status === 'rejected' && String(forbidden.reason)).toMatch(/forbidden label/);
    expect(await db.query('SELECT id FROM refusal_probe WHERE id > $1 ORDER BY id', [0])).toEqual([
      { id: 1 },
      { id: 3 },
    ]);
  });
});
