import { createPrincipalWithKey } from '../../src/security/index.js';
import { newId, type Database } from '../../src/store/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

/** The API over a fresh database, with staff of each role that matters to the register. */
export interface RiskHarness extends ApiHarness {
  analyst: { id: string; key: string };
  auditor: { id: string; key: string };
}

export async function createRiskHarness(): Promise<RiskHarness> {
  const api = await createApiHarness();
  const staff = async (role: 'risk_analyst' | 'auditor', name: string) => {
    const created = await api.db.transaction((tx) =>
      createPrincipalWithKey(tx, { kind: 'staff', platformId: null, role, name }),
    );
    return { id: created.principal.id, key: created.apiKey };
  };
  return Object.assign(api, {
    analyst: await staff('risk_analyst', 'Risk Analyst'),
    auditor: await staff('auditor', 'Auditor'),
  });
}

/** A compliance control in the catalogue, and a run of its test on a platform. */
export async function addControl(db: Database, code: string): Promise<string> {
  const id = newId('ctl');
  await db.query(
    `INSERT INTO compliance_controls (id, code, title, description, frequency)
     VALUES ($1, $2, $3, 'test control', 'daily')`,
    [id, code, `Control ${code}`],
  );
  return id;
}

export async function addControlRun(
  db: Database,
  controlId: string,
  platformId: string,
  outcome: 'pass' | 'fail' | 'error',
  ranAtMs = Date.now(),
): Promise<void> {
  await db.query(
    `INSERT INTO compliance_control_runs (id, control_id, platform_id, ran_at, outcome, evidence)
     VALUES ($1, $2, $3, $4, $5, '{}'::jsonb)`,
    [newId('crn'), controlId, platformId, new Date(ranAtMs), outcome],
  );
}

/** Counts of every register table, to prove a refused request wrote nothing. */
export async function registerCounts(db: Database): Promise<Record<string, number>> {
  const tables = [
    'risks',
    'risk_assessments',
    'risk_controls',
    'loss_events',
    'loss_event_links',
    'partners',
    'partner_due_diligence',
    'partner_qualifications',
    'partner_risks',
    'audit_records',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}
