import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/index.js';
import { alertRoutes } from '../../src/api/routes/alerts.js';
import { caseRoutes } from '../../src/api/routes/cases.js';
import { incidentRoutes } from '../../src/api/routes/incidents.js';
import { notificationRoutes } from '../../src/api/routes/notifications.js';
import { raiseAlerts } from '../../src/cases/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { bindTestVault, createStaff, testAlert } from './case-support.js';

// The case, alert, incident and notification routes over HTTP (Fastify inject), with the
// server's access control in front of them.
let db: Database;
let app: FastifyInstance;
let books: TestBooks;
let analystKey = '';
let operatorKey = '';
let caseId = '';
let base = '';

type Reply = {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, unknown>;
  raw: Buffer;
};

async function call(method: string, url: string, key: string, body?: unknown): Promise<Reply> {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  const text = response.body;
  return {
    status: response.statusCode,
    body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
    raw: response.rawPayload,
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await bindTestVault(db);
  books = await createTestBooks(db, 2);
  const built = await buildServer({ database: db, port: 0 });
  app = built.app;
  // Registered here until the server registers these plugins itself.
  const context = { db, custody: built.custody };
  const plugins = [
    ['/v1/platforms/:platformId/cases', caseRoutes],
    ['/v1/platforms/:platformId/alerts', alertRoutes],
    ['/v1/incidents', incidentRoutes],
    ['/v1/notifications', notificationRoutes],
  ] as const;
  for (const [url, plugin] of plugins) {
    if (!app.hasRoute({ method: 'GET', url })) await app.register(plugin, context);
  }
  analystKey = (await createStaff(db, 'risk_analyst')).apiKey;
  operatorKey = (await createStaff(db, 'operator')).apiKey;
  const alice = books.customers[0];
  if (alice === undefined) throw new Error('setup');
  const deposit = await call(
    'POST',
    `/v1/platforms/${books.platformId}/instructions`,
    books.apiKey,
    {
      type: 'deposit',
      amount: '250.00',
      currency: 'CNY',
      purpose: 'top_up',
      payeeAccountId: alice.accountId,
    },
  );
  expect(deposit.status).toBe(201);
  const raised = await db.transaction((tx) =>
    raiseAlerts(tx, [
      testAlert(books.platformId, { customerId: alice.customerId, severity: 'medium' }),
    ]),
  );
  caseId = raised.casesOpened[0] ?? '';
  base = `/v1/platforms/${books.platformId}/cases/${caseId}`;
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('case routes', () => {
  it('lists cases and alerts for staff, and refuses the platform’s own key', async () => {
    const list = await call('GET', `/v1/platforms/${books.platformId}/cases?open=true`, analystKey);
    expect(list.status).toBe(200);
    expect((list.body.items as { id: string }[]).map((c) => c.id)).toContain(caseId);
    const all = await call('GET', '/v1/cases?queue=rules', analystKey);
    expect(all.status).toBe(200);
    const alerts = await call(
      'GET',
      `/v1/platforms/${books.platformId}/alerts?caseId=${caseId}`,
      analystKey,
    );
    expect(alerts.status).toBe(200);
    expect((alerts.body.items as unknown[]).length).toBe(1);
    const platform = await call('GET', `/v1/platforms/${books.platformId}/cases`, books.apiKey);
    expect(platform.status).toBe(403);
  });

  it('shows the workspace with the customer’s instructions and counterparties', async () => {
    const workspace = await call('GET', base, analystKey);
    expect(workspace.status).toBe(200);
    expect(workspace.body.case).toMatchObject({ id: caseId, state: 'open', severity: 'medium' });
    const instructions = workspace.body.instructions as {
      type: string;
      amount: { amount: string };
      direction: string;
    }[];
    expect(instructions).toEqual([
      expect.objectContaining({
        type: 'deposit',
        direction: 'in',
        amount: expect.objectContaining({ amount: '250.00' }),
      }),
    ]);
    expect(workspace.body.counterparties).toEqual([
      expect.objectContaining({
        accountType: 'custody_bank',
        instructionCount: 1,
        inflow: expect.objectContaining({ amountMinor: '25000' }),
      }),
    ]);
    expect(workspace.body.allowedCommands).toEqual(['start_investigation', 'escalate']);
  });

  it('works the case: move, assign, note, evidence, STR draft, information request, freeze', async () => {
    expect(
      (await call('POST', `${base}/moves`, analystKey, { move: 'start_investigation' })).status,
    ).toBe(200);
    const illegal = await call('POST', `${base}/moves`, analystKey, {
      move: 'return_to_investigation',
    });
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'illegal_transition' });
    const assigned = await call('POST', `${base}/assignment`, analystKey, { role: 'operator' });
    expect(assigned.status).toBe(200);
    expect(
      (await call('POST', `${base}/notes`, analystKey, { text: 'asked the platform for payslips' }))
        .status,
    ).toBe(201);

    const pdf = Buffer.from('%PDF-1.4\n%payslip\n');
    const added = await call('POST', `${base}/evidence`, analystKey, {
      fileName: 'payslip.pdf',
      contentBase64: pdf.toString('base64'),
    });
    expect(added.status).toBe(201);
    const fake = await call('POST', `${base}/evidence`, analystKey, {
      fileName: 'payslip2.pdf',
      contentBase64: Buffer.from('MZ\x90\x00\x03\x00').toString('base64'),
    });
    expect(fake.status).toBe(415);
    expect(fake.body).toMatchObject({ code: 'evidence_type_refused' });
    const download = await call('GET', `${base}/evidence/${String(added.body.id)}`, analystKey);
    expect(download.status).toBe(200);
    expect(download.raw.equals(pdf)).toBe(true);
    expect(download.headers['x-content-sha256']).toBe(added.body.sha256);

    const draft = await call('POST', `${base}/str-drafts`, analystKey, {});
    expect(draft.status).toBe(201);
    expect(draft.body.facts).toMatchObject({
      caseId,
      totals: [{ currency: 'CNY', inMinor: '25000', outMinor: '0', instructionCount: 1 }],
    });
    expect(
      (
        await call('POST', `${base}/information-requests`, analystKey, {
          question: 'Source of the 250.00 CNY?',
        })
      ).status,
    ).toBe(201);

    const frozen = await call('POST', `${base}/freezes`, analystKey, {
      scope: 'debits',
      reasonCode: 'aml_investigation',
    });
    expect(frozen.status).toBe(201);
    const lift = await call(
      'POST',
      `${base}/freezes/${String(frozen.body.freezeId)}/lift`,
      analystKey,
      { reason: 'explained by payslips' },
    );
    expect(lift.status).toBe(202);

    const timeline = (await call('GET', base, analystKey)).body.timeline as { kind: string }[];
    expect(timeline.map((e) => e.kind)).toEqual([
      'opened',
      'alert_added',
      'state_changed',
      'assigned',
      'note',
      'evidence_added',
      'str_drafted',
      'info_requested',
      'freeze_created',
      'unfreeze_requested',
    ]);
  });

  it('closes with a disposition and reason, and reports metrics', async () => {
    const short = await call('POST', `${base}/close`, analystKey, {
      disposition: 'remediated',
      reason: 'ok',
    });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'reason_required' });
    const unknownDisposition = await call('POST', `${base}/close`, analystKey, {
      disposition: 'fine',
      reason: 'long enough reason',
    });
    expect(unknownDisposition.status).toBe(400);
    const closed = await call('POST', `${base}/close`, analystKey, {
      disposition: 'false_positive',
      reason: 'payslips match the deposit; salary account of the customer',
    });
    expect(closed).toMatchObject({ status: 200, body: { caseId, status: 'closed' } });
    const metrics = await call('GET', `/v1/platforms/${books.platformId}/case-metrics`, analystKey);
    expect(metrics.status).toBe(200);
    expect(metrics.body.rules).toEqual([
      { ruleId: 'rule-7', closedCases: 1, falsePositives: 1, falsePositiveRate: 1 },
    ]);
  });
});

describe('incident routes', () => {
  it('runs a drill through its playbook, review and closure', async () => {
    const playbooks = await call('GET', '/v1/playbooks', analystKey);
    expect((playbooks.body.items as unknown[]).length).toBe(5);
    const opened = await call('POST', '/v1/incidents/drills', books.staffKey, {
      incidentType: 'withdrawal_run',
      title: 'Quarterly withdrawal-run drill',
      summary: 'Simulated: withdrawals at ten times the daily average',
      severity: 'high',
    });
    expect(opened.status).toBe(201);
    const id = String(opened.body.incidentId);
    const incident = await call('GET', `/v1/incidents/${id}`, analystKey);
    expect(incident.body).toMatchObject({ isDrill: true, state: 'open' });
    const steps = incident.body.steps as { stepNo: number; ownerRole: string }[];
    expect(steps.map((s) => s.ownerRole)).toEqual([
      'operator',
      'operator',
      'compliance_officer',
      'compliance_officer',
    ]);
    const wrongRole = await call('POST', `/v1/incidents/${id}/steps/3`, operatorKey, {
      outcome: 'done',
    });
    expect(wrongRole.status).toBe(403);
    expect(
      (await call('POST', `/v1/incidents/${id}/steps/1`, operatorKey, { outcome: 'done' })).status,
    ).toBe(200);
    const early = await call('POST', `/v1/incidents/${id}/close`, books.staffKey);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'incident_steps_open' });
    for (const stepNo of [2, 3]) {
      expect(
        (
          await call('POST', `/v1/incidents/${id}/steps/${stepNo}`, books.staffKey, {
            outcome: 'done',
          })
        ).status,
      ).toBe(200);
    }
    const noNote = await call('POST', `/v1/incidents/${id}/steps/4`, books.staffKey, {
      outcome: 'skipped',
    });
    expect(noNote.status).toBe(400);
    expect(
      (
        await call('POST', `/v1/incidents/${id}/steps/4`, books.staffKey, {
          outcome: 'skipped',
          note: 'drill: no regulator report',
        })
      ).status,
    ).toBe(200);
    expect((await call('POST', `/v1/incidents/${id}/close`, books.staffKey)).body).toMatchObject({
      code: 'review_missing',
    });
    const review = await call('POST', `/v1/incidents/${id}/review`, books.staffKey, {
      causes: ['liquidity figures were a day old'],
      lessons: ['read the custody balance intraday'],
      followUpActions: [
        { action: 'intraday balance feed', ownerRole: 'operator', dueDate: '2025-03-31' },
      ],
    });
    expect(review.status).toBe(201);
    expect((await call('POST', `/v1/incidents/${id}/close`, books.staffKey)).status).toBe(200);
  });
});

describe('notification routes', () => {
  it('keeps staff-only events away from a platform’s webhooks and lists dead letters', async () => {
    const tipping = await call('POST', '/v1/notification-receivers/webhooks', books.staffKey, {
      url: 'https://platform.example/hooks',
      eventTypes: ['case.opened'],
      platformId: books.platformId,
    });
    expect(tipping.status).toBe(400);
    const created = await call('POST', '/v1/notification-receivers/webhooks', books.staffKey, {
      url: 'https://platform.example/hooks',
      eventTypes: ['case.info_requested'],
      platformId: books.platformId,
    });
    expect(created.status).toBe(201);
    expect(String(created.body.secret)).toMatch(/^whsec_/);
    const receivers = await call('GET', '/v1/notification-receivers', books.staffKey);
    expect(JSON.stringify(receivers.body)).not.toContain(String(created.body.secret));
    expect((await call('GET', '/v1/notifications?status=dead', books.staffKey)).status).toBe(200);
    expect((await call('GET', '/v1/notifications', analystKey)).status).toBe(403);
    const replay = await call('POST', '/v1/notifications/ntf_nothere/replay', books.staffKey, {});
    expect(replay.status).toBe(404);
  });

  it('documents every route in the OpenAPI description', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    for (const path of [
      '/v1/platforms/{platformId}/cases/{caseId}/close',
      '/v1/incidents/drills',
      '/v1/notifications/{deliveryId}/replay',
      '/v1/platforms/{platformId}/alerts',
    ])
      expect(Object.keys(spec.paths)).toContain(path);
  });
});
