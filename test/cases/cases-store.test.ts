import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideApproval } from '../../src/approvals/index.js';
import {
  addCaseNote,
  addEvidence,
  assignCase,
  closeCase,
  executeCaseClose,
  getCase,
  getCaseWorkspace,
  loadCaseMetrics,
  moveCase,
  raiseAlerts,
  readEvidence,
  sweepSla,
} from '../../src/cases/index.js';
import { createWebhookEndpoint } from '../../src/notify/index.js';
import type { Principal } from '../../src/security/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { bindTestVault, countRows, createStaff, testAlert } from './case-support.js';

// Alerts into cases, and the work on a case, against a real migrated database: every change
// is checked in the tables it writes (cases, alerts, the timeline, audit records, outbox).
let db: Database;
let books: TestBooks;
let analyst: Principal;
let officer: Principal;

beforeAll(async () => {
  db = await createTestDatabase();
  await bindTestVault(db);
  books = await createTestBooks(db, 3);
  analyst = (await createStaff(db, 'risk_analyst')).principal;
  officer = (await createStaff(db, 'compliance_officer')).principal;
  const staffHook = await createWebhookEndpoint(db, books.staff, {
    platformId: null,
    url: 'http://127.0.0.1:9/hook',
    eventTypes: ['case.opened', 'case.closed', 'case.sla_breach'],
  });
  expect(staffHook.ok).toBe(true);
});
afterAll(() => db.close());

const customer = (index: number) => books.customers[index]?.customerId ?? '';
const reason = 'salary from the employer named in the onboarding file';

describe('raiseAlerts', () => {
  it('groups a customer’s alerts into one case, counts repeats, audits and notifies', async () => {
    const auditBefore = await countRows(db, 'audit_records');
    const first = testAlert(books.platformId, { customerId: customer(0), severity: 'medium' });
    const second = testAlert(books.platformId, {
      customerId: customer(0),
      severity: 'high',
      ruleId: 'rule-9',
    });
    const raised = await db.transaction((tx) => raiseAlerts(tx, [first, second, first]));
    expect(raised).toMatchObject({ alertsNew: 2, alertsRepeated: 0 });
    expect(raised.casesOpened).toHaveLength(1);
    const caseId = raised.casesOpened[0] ?? '';
    const view = await getCase(db, books.platformId, caseId);
    expect(view).toMatchObject({
      state: 'open',
      severity: 'high',
      priority: 2,
      alertCount: 2,
      queue: 'rules',
    });
    const occurrences = await db.query<{ occurrences: number }>(
      'SELECT occurrences FROM alerts WHERE alert_key = $1',
      [first.alertKey],
    );
    expect(occurrences[0]?.occurrences).toBe(2);
    // One case opened, two alerts: three audit records; one webhook delivery for case.opened.
    expect((await countRows(db, 'audit_records')) - auditBefore).toBe(3);
    expect(await countRows(db, 'notification_outbox', `body LIKE $1`, [`%${caseId}%`])).toBe(1);

    const again = await db.transaction((tx) =>
      raiseAlerts(tx, [
        first,
        testAlert(books.platformId, { customerId: customer(0), severity: 'critical' }),
      ]),
    );
    expect(again).toMatchObject({
      alertsNew: 1,
      alertsRepeated: 1,
      casesOpened: [],
      casesUpdated: [caseId],
    });
    const raisedView = await getCase(db, books.platformId, caseId);
    expect(raisedView).toMatchObject({ severity: 'critical', priority: 1, alertCount: 3 });
    const due = new Date(raisedView?.slaDueAt ?? 0).getTime() - Date.now();
    expect(due).toBeLessThanOrEqual(4 * 3_600_000);
    const stored = await db.query<{
      occurrences: number;
      explanation: { values: Record<string, unknown> };
    }>('SELECT occurrences, explanation FROM alerts WHERE alert_key = $1', [first.alertKey]);
    expect(stored[0]?.occurrences).toBe(3);
    expect(stored[0]?.explanation.values.inflowMinor).toBe('12000000');
  });

  it('keeps other customers and platform-level sources in their own cases', async () => {
    const raised = await db.transaction((tx) =>
      raiseAlerts(tx, [
        testAlert(books.platformId, { customerId: customer(1) }),
        testAlert(books.platformId, {
          customerId: null,
          source: 'reconciliation',
          ruleId: 'recon.break_escalated',
        }),
        testAlert(books.platformId, {
          customerId: null,
          source: 'security',
          ruleId: 'unauthorized_debit',
        }),
      ]),
    );
    expect(raised.casesOpened).toHaveLength(3);
  });
});

async function openCase(
  severity: 'low' | 'medium' | 'high' | 'critical',
  customerIndex: number,
): Promise<string> {
  // Close whatever case the customer has, so the alert opens a fresh one.
  await db.query(
    `UPDATE cases SET state = 'closed', closed_at = now(), disposition = 'referred',
       close_reason = 'closed by the test set-up' WHERE platform_id = $1 AND customer_id = $2 AND state <> 'closed'`,
    [books.platformId, customer(customerIndex)],
  );
  const raised = await db.transaction((tx) =>
    raiseAlerts(tx, [
      testAlert(books.platformId, { customerId: customer(customerIndex), severity }),
    ]),
  );
  const caseId = raised.casesOpened[0];
  if (caseId === undefined) throw new Error('no case opened');
  return caseId;
}

describe('working a case', () => {
  it('moves through the states, refuses illegal moves, and keeps a timeline that cannot change', async () => {
    const caseId = await openCase('low', 2);
    const early = await closeCase(db, analyst, books.platformId, caseId, {
      disposition: 'false_positive',
      reason,
    });
    expect(early.ok === false && early.error.code).toBe('illegal_transition');
    expect((await moveCase(db, analyst, books.platformId, caseId, 'start_investigation')).ok).toBe(
      true,
    );
    expect(
      (await addCaseNote(db, analyst, books.platformId, caseId, 'called the platform')).ok,
    ).toBe(true);
    expect(
      (await moveCase(db, analyst, books.platformId, caseId, 'escalate', 'amounts too large')).ok,
    ).toBe(true);
    const back = await moveCase(db, analyst, books.platformId, caseId, 'start_investigation');
    expect(back.ok === false && back.error.code).toBe('illegal_transition');
    const noReason = await closeCase(db, analyst, books.platformId, caseId, {
      disposition: 'false_positive',
      reason: ' ',
    });
    expect(noReason.ok === false && noReason.error.code).toBe('reason_required');
    const closed = await closeCase(db, analyst, books.platformId, caseId, {
      disposition: 'false_positive',
      reason,
    });
    expect(closed).toEqual({ ok: true, value: { caseId, status: 'closed' } });
    const workspace = await getCaseWorkspace(db, books.platformId, caseId);
    expect(workspace?.timeline.map((e) => e.kind)).toEqual([
      'opened',
      'alert_added',
      'state_changed',
      'note',
      'state_changed',
      'closed',
    ]);
    expect(workspace?.case).toMatchObject({
      state: 'closed',
      disposition: 'false_positive',
      closeReason: reason,
    });
    expect(workspace?.allowedCommands).toEqual([]);
    await expect(
      db.query(`UPDATE case_events SET kind = 'x' WHERE case_id = $1`, [caseId]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM case_events WHERE case_id = $1', [caseId])).rejects.toThrow(
      /append-only/,
    );
    const unknown = await moveCase(db, analyst, books.platformId, 'cas_nothere', 'escalate');
    expect(unknown.ok === false && unknown.error.code).toBe('unknown_case');
  });

  it('assigns by name and round-robin within a role', async () => {
    const caseId = await openCase('medium', 2);
    const a = (await createStaff(db, 'operator')).principal;
    const b = (await createStaff(db, 'operator')).principal;
    const picked: string[] = [];
    for (let turn = 0; turn < 4; turn += 1) {
      const assigned = await assignCase(db, analyst, books.platformId, caseId, {
        role: 'operator',
      });
      if (!assigned.ok) throw new Error(assigned.error.message);
      picked.push(assigned.value.assigneeId);
    }
    expect(new Set(picked)).toEqual(new Set([a.id, b.id]));
    expect(picked[0]).not.toBe(picked[1]);
    expect(picked[0]).toBe(picked[2]);
    const named = await assignCase(db, analyst, books.platformId, caseId, {
      principalId: officer.id,
    });
    expect(named.ok && named.value.assigneeId).toBe(officer.id);
    const nobody = await assignCase(db, analyst, books.platformId, caseId, { role: 'auditor' });
    expect(nobody.ok === false && nobody.error.code).toBe('no_principal_in_role');
    const ghost = await assignCase(db, analyst, books.platformId, caseId, {
      principalId: 'stf_ghost',
    });
    expect(ghost.ok === false && ghost.error.code).toBe('unknown_principal');
    expect((await getCase(db, books.platformId, caseId))?.assigneeId).toBe(officer.id);
  });

  it('needs a second person to close a high-severity case', async () => {
    const caseId = await openCase('high', 1);
    await moveCase(db, analyst, books.platformId, caseId, 'start_investigation');
    const requested = await closeCase(db, analyst, books.platformId, caseId, {
      disposition: 'frozen',
      reason,
    });
    if (!requested.ok || requested.value.status !== 'awaiting_approval')
      throw new Error('expected a request');
    const { approvalId } = requested.value;
    expect((await getCase(db, books.platformId, caseId))?.state).toBe('investigating');
    const blocked = await moveCase(db, analyst, books.platformId, caseId, 'escalate');
    expect(blocked.ok === false && blocked.error.code).toBe('close_pending');
    const self = await decideApproval(db, analyst, approvalId, 'approve', 'looks right');
    expect(self.ok === false && self.error.code).toBe('self_approval');
    const approved = await decideApproval(db, officer, approvalId, 'approve', 'checked the freeze');
    expect(approved.ok).toBe(true);
    expect(await getCase(db, books.platformId, caseId)).toMatchObject({
      state: 'closed',
      disposition: 'frozen',
      closedBy: analyst.id,
      closeApprovedBy: officer.id,
    });
  });

  it('closes through the case.close executor only for the request recorded on the case', async () => {
    const caseId = await openCase('critical', 1);
    await moveCase(db, analyst, books.platformId, caseId, 'start_investigation');
    const approval = {
      id: `apr_test${Date.now()}`,
      platform_id: books.platformId,
      action: 'case.close',
      payload: { caseId, disposition: 'referred', reason },
      reason: 'r',
      requested_by: analyst.id,
    };
    await db.query(
      `INSERT INTO approvals (id, platform_id, action, payload, reason, requested_by, expires_at,
         decider_permission) VALUES ($1, $2, 'case.close', $3, 'r', $4, now() + interval '1 hour', 'cases.work')`,
      [approval.id, books.platformId, JSON.stringify(approval.payload), analyst.id],
    );
    // Not yet recorded on the case: the executor refuses and nothing changes.
    await expect(db.transaction((tx) => executeCaseClose(tx, approval, officer))).rejects.toThrow(
      /no longer waiting/,
    );
    await db.query('UPDATE cases SET close_approval_id = $2 WHERE id = $1', [caseId, approval.id]);
    await db.transaction((tx) => executeCaseClose(tx, approval, officer));
    expect(await getCase(db, books.platformId, caseId)).toMatchObject({
      state: 'closed',
      disposition: 'referred',
      closedBy: analyst.id,
      closeApprovedBy: officer.id,
    });
  });

  it('keeps evidence hashed and refuses a program named .pdf', async () => {
    const caseId = await openCase('low', 0);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    const added = await addEvidence(db, analyst, books.platformId, caseId, {
      fileName: 'bank-letter.pdf',
      content: pdf,
    });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value).toMatchObject({ mediaType: 'application/pdf', sizeBytes: pdf.length });
    expect(added.value.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await addEvidence(db, analyst, books.platformId, caseId, {
      fileName: 'copy.pdf',
      content: pdf,
    });
    expect(again.ok === false && again.error.code).toBe('evidence_duplicate');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]);
    const fake = await addEvidence(db, analyst, books.platformId, caseId, {
      fileName: 'statement.pdf',
      content: exe,
    });
    expect(fake.ok === false && fake.error.code).toBe('evidence_type_refused');
    const read = await readEvidence(db, books.platformId, caseId, added.value.id);
    expect(read.ok && read.value.content.equals(pdf)).toBe(true);
    await expect(db.query(`UPDATE case_evidence SET file_name = 'x.pdf'`)).rejects.toThrow(
      /append-only/,
    );
    expect(await countRows(db, 'case_evidence', 'case_id = $1', [caseId])).toBe(1);
  });
});

describe('SLA sweep', () => {
  it('emits the warning and the breach once each', async () => {
    const caseId = await openCase('critical', 0);
    const view = await getCase(db, books.platformId, caseId);
    const warnAt = new Date(view?.slaWarnAt ?? 0).getTime();
    const dueAt = new Date(view?.slaDueAt ?? 0).getTime();
    const kinds = async () =>
      (
        await db.query<{ kind: string }>(
          `SELECT kind FROM case_events WHERE case_id = $1 AND kind LIKE 'sla_%' ORDER BY id`,
          [caseId],
        )
      ).map((r) => r.kind);
    await sweepSla(db, warnAt - 1);
    expect(await kinds()).toEqual([]);
    await sweepSla(db, warnAt);
    await sweepSla(db, warnAt + 1_000);
    expect(await kinds()).toEqual(['sla_warning']);
    await sweepSla(db, dueAt);
    await sweepSla(db, dueAt + 60_000);
    expect(await kinds()).toEqual(['sla_warning', 'sla_breach']);
    expect((await getCase(db, books.platformId, caseId))?.slaBreachedAt).not.toBeNull();
    expect(
      await countRows(
        db,
        'notification_outbox',
        `event_type = 'case.sla_breach' AND body LIKE $1`,
        [`%${caseId}%`],
      ),
    ).toBe(1);
  });
});

describe('metrics', () => {
  it('gives each rule its false-positive rate and each queue its breach rate', async () => {
    const metrics = await loadCaseMetrics(
      db,
      { platformId: books.platformId, sinceMs: 0 },
      Date.now(),
    );
    const rules = metrics.queues.find((q) => q.queue === 'rules');
    expect(rules?.cases).toBeGreaterThan(0);
    expect(rules?.closed).toBeGreaterThan(0);
    const rule7 = metrics.rules.find((r) => r.ruleId === 'rule-7');
    expect(rule7?.falsePositives).toBeGreaterThanOrEqual(1);
    expect(rule7?.falsePositiveRate).toBeGreaterThan(0);
    expect(rule7?.falsePositiveRate).toBeLessThan(1);
  });
});
