import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getIncident,
  listPlaybooks,
  openIncident,
  sweepIncidentDeadlines,
} from '../../src/cases/index.js';
import type { Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { countRows } from './case-support.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('incidents', () => {
  it('seeds a playbook per incident type, with ordered steps and owners', async () => {
    const playbooks = await listPlaybooks(db);
    expect(playbooks.map((p) => p.incidentType)).toEqual([
      'compliance_violation',
      'misappropriation',
      'safeguarding_shortfall',
      'system_breach',
      'withdrawal_run',
    ]);
    for (const playbook of playbooks) {
      expect(playbook.steps.length).toBeGreaterThanOrEqual(4);
      expect(playbook.steps.map((s) => s.stepNo)).toEqual(playbook.steps.map((_, i) => i + 1));
    }
  });

  it('copies the steps with deadlines from the opening, and notifies overdue steps once', async () => {
    const { principal } = await bootstrapStaff(db, 'incident-admin');
    const openedAtMs = Date.UTC(2025, 0, 6, 9, 0, 0);
    const opened = await openIncident(
      db,
      principal,
      {
        incidentType: 'system_breach',
        title: 'Leaked API key',
        summary: 'A platform key was posted publicly',
        severity: 'critical',
      },
      openedAtMs,
    );
    if (!opened.ok) throw new Error(opened.error.message);
    const incident = await getIncident(db, opened.value.incidentId, openedAtMs);
    expect(incident?.isDrill).toBe(false);
    expect(incident?.steps[0]).toMatchObject({
      stepNo: 1,
      ownerRole: 'admin',
      dueAt: '2025-01-06T09:30:00.000Z',
      status: 'pending',
      overdue: false,
    });
    expect(incident?.steps[2]?.dueAt).toBe('2025-01-06T13:00:00.000Z');
    // At 10:00 only step 1 (30 min) is past due; at 13:00 steps 2 (2 h) and 3 (4 h) follow.
    expect(await sweepIncidentDeadlines(db, Date.UTC(2025, 0, 6, 10, 0, 0))).toBe(1);
    expect(await sweepIncidentDeadlines(db, Date.UTC(2025, 0, 6, 10, 0, 0))).toBe(0);
    expect(await sweepIncidentDeadlines(db, Date.UTC(2025, 0, 6, 13, 0, 0))).toBe(2);
    const unknownCase = await openIncident(db, principal, {
      incidentType: 'withdrawal_run',
      title: 't',
      summary: 's',
      severity: 'high',
      caseId: 'cas_nothere',
    });
    expect(unknownCase.ok === false && unknownCase.error.code).toBe('unknown_case');
    expect(await countRows(db, 'audit_records', `action = 'incident.opened'`)).toBe(1);
  });
});
