import { appendAuditRecords } from '../../audit/audit-record-store.js';
import type { Database, Queryable } from '../../store/index.js';
import { CONTROL_TESTS } from '../controls/control-tests.js';
import { controlIdOf, loadRegisterFile, type RegisterData } from './register-data.js';

export const REGISTER_ACTOR = 'system:compliance';

/**
 * Writes the register into its tables: obligations and controls inserted or updated from the
 * data file, test kinds and obligation links made to match it exactly. Owners set in Custos
 * are kept. Controls dropped from the file stay (their run history refers to them) but lose
 * their links and tests. One audit record when anything changed. Returns the changed counts.
 */
export async function syncRegister(
  tx: Queryable,
  register: RegisterData,
  nowMs = Date.now(),
): Promise<{ obligations: number; controls: number; links: number; tests: number }> {
  const obligations = await tx.query(
    `INSERT INTO compliance_obligations (id, jurisdiction, source, article, title, summary, in_force_from)
     SELECT id, jurisdiction, source, article, title, summary, in_force_from
     FROM json_to_recordset($1::json) AS r (id text, jurisdiction text, source text, article text,
       title text, summary text, in_force_from date)
     ON CONFLICT (id) DO UPDATE SET jurisdiction = EXCLUDED.jurisdiction, source = EXCLUDED.source,
       article = EXCLUDED.article, title = EXCLUDED.title, summary = EXCLUDED.summary,
       in_force_from = EXCLUDED.in_force_from, updated_at = now()
     WHERE (compliance_obligations.jurisdiction, compliance_obligations.source,
            compliance_obligations.article, compliance_obligations.title,
            compliance_obligations.summary, compliance_obligations.in_force_from)
       IS DISTINCT FROM (EXCLUDED.jurisdiction, EXCLUDED.source, EXCLUDED.article,
            EXCLUDED.title, EXCLUDED.summary, EXCLUDED.in_force_from)
     RETURNING id`,
    [
      JSON.stringify(
        register.obligations.map((o) => ({
          id: o.id,
          jurisdiction: o.jurisdiction,
          source: o.source,
          article: o.article,
          title: o.title,
          summary: o.summary,
          in_force_from: o.inForceFrom ?? null,
        })),
      ),
    ],
  );
  const controls = await tx.query(
    `INSERT INTO compliance_controls (id, code, title, description, frequency)
     SELECT id, code, title, description, frequency
     FROM json_to_recordset($1::json) AS r (id text, code text, title text, description text, frequency text)
     ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, title = EXCLUDED.title,
       description = EXCLUDED.description, frequency = EXCLUDED.frequency, updated_at = now()
     WHERE (compliance_controls.code, compliance_controls.title, compliance_controls.description,
            compliance_controls.frequency)
       IS DISTINCT FROM (EXCLUDED.code, EXCLUDED.title, EXCLUDED.description, EXCLUDED.frequency)
     RETURNING id`,
    [
      JSON.stringify(
        register.controls.map((c) => ({
          id: controlIdOf(c.code),
          code: c.code,
          title: c.title,
          description: c.description,
          frequency: c.frequency,
        })),
      ),
    ],
  );
  const testPairs = register.controls.flatMap((c) =>
    c.tests.map((kind) => [controlIdOf(c.code), kind]),
  );
  const tests = await replacePairs(
    tx,
    'compliance_control_tests',
    ['control_id', 'kind'],
    testPairs,
  );
  const linkPairs = register.obligations.flatMap((o) =>
    o.controls.map((code) => [o.id, controlIdOf(code)]),
  );
  const links = await replacePairs(
    tx,
    'compliance_obligation_controls',
    ['obligation_id', 'control_id'],
    linkPairs,
  );
  const changed = { obligations: obligations.length, controls: controls.length, links, tests };
  if (changed.obligations + changed.controls + changed.links + changed.tests > 0) {
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor: REGISTER_ACTOR,
        action: 'compliance.register_synced',
        subjectType: 'compliance_register',
        subjectId: `v${register.version}`,
        payload: changed,
        atMs: nowMs,
      },
    ]);
  }
  return changed;
}

/** Makes a two-column link table hold exactly `pairs`; returns rows inserted plus deleted. */
async function replacePairs(
  tx: Queryable,
  table: 'compliance_control_tests' | 'compliance_obligation_controls',
  [a, b]: readonly [string, string],
  pairs: readonly string[][],
): Promise<number> {
  const left = pairs.map((p) => p[0]);
  const right = pairs.map((p) => p[1]);
  const deleted = await tx.query(
    `DELETE FROM ${table} WHERE (${a}, ${b}) NOT IN (SELECT * FROM unnest($1::text[], $2::text[]))
     RETURNING 1`,
    [left, right],
  );
  const inserted = await tx.query(
    `INSERT INTO ${table} (${a}, ${b}) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT DO NOTHING RETURNING 1`,
    [left, right],
  );
  return deleted.length + inserted.length;
}

const synced = new WeakMap<Queryable, Promise<unknown>>();

/** Syncs the register from its data file once per process and database. */
export function ensureRegister(db: Database): Promise<unknown> {
  let done = synced.get(db);
  if (done === undefined) {
    const register = loadRegisterFile(new Set(CONTROL_TESTS.keys()));
    done = db
      .transaction((tx) => syncRegister(tx, register))
      .catch((error: unknown) => {
        synced.delete(db);
        throw error;
      });
    synced.set(db, done);
  }
  return done;
}
