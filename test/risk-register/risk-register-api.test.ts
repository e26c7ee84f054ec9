import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../src/custody/index.js';
import { readKris } from '../../src/monitor-service/kri-reader.js';
import {
  lossEventsForRisk,
  measureRiskRegisterKris,
  responsibilitiesOf,
  sweepRiskRegister,
} from '../../src/risk-register/index.js';
import {
  addControl,
  addControlRun,
  createRiskHarness,
  registerCounts,
  type RiskHarness,
} from './risk-harness.js';

/**
 * The register through the API on the test backend (PGlite, or PostgreSQL with DATABASE_URL):
 * risks, assessments and their history, controls and their test results, tolerance alerts,
 * loss events, partners, and bad input that must leave nothing written.
 */
let h: RiskHarness;
let base: string;
const DAY_MS = 86_400_000;

const risk = (overrides: Record<string, unknown> = {}) => ({
  code: 'MIS-01',
  title: 'Platform diverts customer funds',
  category: 'misappropriation',
  cause: 'Unauthorized instructions',
  consequence: 'Customer losses',
  ownerId: h.analyst.id,
  likelihood: 4,
  impact: 5,
  appetiteScore: 4,
  toleranceScore: 8,
  treatment: 'reduce',
  ...overrides,
});

beforeAll(async () => {
  h = await createRiskHarness();
  base = `/v1/platforms/${h.books.platformId}`;
}, 120_000);
afterAll(() => h.close());

const as = (key: string) => ({
  post: (url: string, body: unknown) => h.call('POST', url, { key, body }),
  put: (url: string, body: unknown) => h.call('PUT', url, { key, body }),
  patch: (url: string, body: unknown) => h.call('PATCH', url, { key, body }),
  get: (url: string) => h.call('GET', url, { key }),
  del: (url: string) => h.call('DELETE', url, { key }),
});

describe('risks', () => {
  let riskId: string;

  it('refuses bad input and writes nothing', async () => {
    const analyst = as(h.analyst.key);
    const before = await registerCounts(h.db);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ likelihood: 6 }, 400, 'validation_failed'],
      [{ impact: 0 }, 400, 'validation_failed'],
      [{ ownerId: 'stf_nobody' }, 404, 'unknown_principal'],
      [{ ownerId: h.auditor.id }, 400, 'validation_failed'],
      [{ appetiteScore: 9, toleranceScore: 8 }, 400, 'validation_failed'],
      [{ transferCover: 'policy 1' }, 400, 'validation_failed'],
      [{ category: 'weather' }, 400, 'validation_failed'],
      [{ extra: true }, 400, 'unknown_field'],
    ];
    for (const [change, status, code] of cases) {
      const response = await analyst.post(`${base}/risks`, risk(change));
      expect([response.status, response.body.code], JSON.stringify(change)).toEqual([status, code]);
    }
    expect(await registerCounts(h.db)).toEqual(before);
  });

  it('adds a risk with its first assessment; residual equals inherent without controls', async () => {
    const created = await as(h.analyst.key).post(`${base}/risks`, risk());
    expect(created.status).toBe(201);
    riskId = String(created.body.id);
    expect(created.body.inherent).toMatchObject({
      likelihood: 4,
      impact: 5,
      score: 20,
      band: 'critical',
    });
    expect(created.body.residual).toMatchObject({ score: 20 });
    expect(created.body.toleranceStatus).toBe('above_tolerance');
    expect(created.body.reviewCadenceDays).toBe(30);
    const duplicate = await as(h.analyst.key).post(`${base}/risks`, risk());
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'duplicate']);
    const alerts = await h.db.query("SELECT 1 FROM alerts WHERE rule_id = 'risk.above_tolerance'");
    expect(alerts.length).toBe(1);
  });

  it('lowers residual by an effective control and raises it again when its test fails', async () => {
    const controlId = await addControl(h.db, 'CTL-AUTH');
    const detective = await addControl(h.db, 'CTL-MON');
    // Tested controls: an untested one counts one step weaker (RISK-REGISTER.md).
    await addControlRun(h.db, controlId, h.books.platformId, 'pass', Date.now() - 5000);
    await addControlRun(h.db, detective, h.books.platformId, 'pass', Date.now() - 5000);
    const analyst = as(h.analyst.key);
    const linked = await analyst.put(`${base}/risks/${riskId}/controls/${controlId}`, {
      kind: 'preventive',
      declaredEffectiveness: 'effective',
    });
    expect(linked.status).toBe(200);
    expect(linked.body.residual).toEqual({ likelihood: 2, impact: 5 });
    await analyst.put(`${base}/risks/${riskId}/controls/${detective}`, {
      kind: 'detective',
      declaredEffectiveness: 'partially_effective',
    });
    await addControlRun(h.db, controlId, h.books.platformId, 'pass', Date.now() - 1000);
    await addControlRun(h.db, controlId, h.books.platformId, 'fail');
    const swept = await sweepRiskRegister(h.db, h.books.platformId);
    expect(swept.residualsChanged).toBe(1);
    const detail = await analyst.get(`${base}/risks/${riskId}`);
    expect(detail.body.risk).toMatchObject({ residual: { likelihood: 4, impact: 4 } });
    const controls = detail.body.controls as {
      code: string;
      latestOutcome: string;
      effectiveness: string;
    }[];
    expect(controls.find((c) => c.code === 'CTL-AUTH')).toMatchObject({
      latestOutcome: 'fail',
      effectiveness: 'ineffective',
    });
    const history = detail.body.history as { reason: string }[];
    expect(history.map((row) => row.reason)).toEqual([
      'control_results',
      'controls_changed',
      'controls_changed',
      'created',
    ]);
    const unknown = await analyst.put(`${base}/risks/${riskId}/controls/ctl_missing`, {
      kind: 'preventive',
      declaredEffectiveness: 'effective',
    });
    expect(unknown.status).toBe(404);
  });

  it('records an assessment, schedules the next review, and keeps history', async () => {
    const analyst = as(h.analyst.key);
    const bad = await analyst.post(`${base}/risks/${riskId}/assessments`, {
      likelihood: 6,
      impact: 2,
      note: 'x',
    });
    expect(bad.status).toBe(400);
    const assessed = await analyst.post(`${base}/risks/${riskId}/assessments`, {
      likelihood: 2,
      impact: 3,
      note: 'signatures enforced on every debit',
      nextReviewOn: '2027-01-15',
    });
    expect(assessed.status).toBe(201);
    expect(assessed.body).toMatchObject({
      residual: { likelihood: 2, impact: 2 },
      toleranceStatus: 'within_appetite',
    });
    const history = await analyst.get(`${base}/risks/${riskId}/assessments`);
    const rows = history.body.items as { reason: string; note: string | null }[];
    expect(rows[0]).toMatchObject({
      reason: 'assessed',
      note: 'signatures enforced on every debit',
    });
    const got = await analyst.get(`${base}/risks/${riskId}`);
    expect((got.body.risk as { nextReviewOn: string }).nextReviewOn).toBe('2027-01-15');
    await expect(h.db.query("UPDATE risk_assessments SET note = 'rewritten'")).rejects.toThrow();
    await expect(h.db.query('DELETE FROM risk_assessments')).rejects.toThrow();
  });

  it('changes terms, re-scores on a transfer with cover, and refuses the read-only', async () => {
    const changed = await as(h.analyst.key).patch(`${base}/risks/${riskId}`, {
      treatment: 'transfer',
      transferCover: 'Fidelity insurance policy FI-2026-001',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.residual).toMatchObject({ likelihood: 2, impact: 1 });
    const refused = await as(h.auditor.key).patch(`${base}/risks/${riskId}`, { title: 'x' });
    expect(refused.status).toBe(403);
    const missing = await as(h.analyst.key).patch(`${base}/risks/rsk_missing`, { title: 'x' });
    expect(missing.status).toBe(404);
  });

  it('seeds the default register once, and draws the heat map', async () => {
    const seeded = await as(h.analyst.key).post(`${base}/risks/seed`, {});
    expect((seeded.body.created as string[]).length).toBe(13);
    expect(seeded.body.skipped).toEqual(['MIS-01']);
    const again = await as(h.analyst.key).post(`${base}/risks/seed`, {});
    expect(again.body.created).toEqual([]);
    const map = await as(h.auditor.key).get(`${base}/risk-heat-map`);
    const sum = (grid: number[][]) => grid.flat().reduce((a, b) => a + b, 0);
    expect(sum(map.body.inherent as number[][])).toBe(14);
    expect(sum(map.body.residual as number[][])).toBe(14);
    const cell = await as(h.auditor.key).get(`${base}/risks?grid=inherent&likelihood=2&impact=5`);
    const codes = (cell.body.items as { code: string }[]).map((r) => r.code).sort();
    expect(codes).toEqual(['LIQ-01', 'MIS-02', 'PTN-01', 'TEC-02']);
  });
});

describe('tenant scope', () => {
  it("keeps one platform's risks out of another's register and links", async () => {
    const other = await createPlatform(h.db, h.books.staff, 'Other Platform', ['CNY']);
    if (!other.ok) throw new Error(other.error.message);
    const otherBase = `/v1/platforms/${other.value.platformId}`;
    const [mine] = (await as(h.analyst.key).get(`${base}/risks`)).body.items as { id: string }[];
    const hidden = await as(h.analyst.key).get(`${otherBase}/risks/${String(mine?.id)}`);
    expect(hidden.status).toBe(404);
    const listed = await as(h.analyst.key).get(`${otherBase}/risks`);
    expect(listed.body.items).toEqual([]);
    const linked = await as(h.analyst.key).post(`${otherBase}/loss-events`, {
      title: 'Cross-tenant link',
      kind: 'loss',
      causeCategory: 'operational',
      cause: 'x',
      occurredOn: '2026-10-01',
      discoveredOn: '2026-10-01',
      currency: 'CNY',
      grossLoss: '1.00',
      riskIds: [String(mine?.id)],
    });
    expect(linked.status).toBe(404);
    const platformKey = await h.call('GET', `${base}/risks`);
    expect(platformKey.status).toBe(403);
  });
});

describe('loss events', () => {
  it('records a loss with recoveries and refuses recoveries above the gross loss', async () => {
    const analyst = as(h.analyst.key);
    const [first] = (await as(h.analyst.key).get(`${base}/risks?category=misappropriation`)).body
      .items as { id: string }[];
    const riskId = String(first?.id);
    const loss = {
      title: 'Misdirected withdrawal',
      kind: 'loss',
      causeCategory: 'operational',
      cause: 'Wrong bank account keyed in',
      occurredOn: '2026-10-01',
      discoveredOn: '2026-10-03',
      currency: 'CNY',
      grossLoss: '120000.00',
      recoveryInsurance: '50000.00',
      recoveryOther: '20000.50',
      riskIds: [riskId],
    };
    const before = await registerCounts(h.db);
    for (const change of [
      { recoveryGuarantee: '60000.00' },
      { grossLoss: '-1' },
      { grossLoss: '1.001' },
      { discoveredOn: '2026-09-30' },
      { kind: 'near_miss' },
      { riskIds: ['rsk_missing'] },
      { caseIds: ['cas_missing'] },
      { currency: 'XXX' },
    ]) {
      const refused = await analyst.post(`${base}/loss-events`, { ...loss, ...change });
      expect(refused.status, JSON.stringify(change)).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
    }
    expect(await registerCounts(h.db)).toEqual(before);
    const created = await analyst.post(`${base}/loss-events`, loss);
    expect(created.status).toBe(201);
    expect(created.body.netLoss).toEqual({
      amount: '49999.50',
      amountMinor: '4999950',
      currency: 'CNY',
    });
    await analyst.post(`${base}/loss-events`, {
      ...loss,
      title: 'Near miss',
      kind: 'near_miss',
      grossLoss: '0',
      potentialLoss: '900000',
      recoveryInsurance: '0',
      recoveryOther: '0',
      occurredOn: '2026-11-01',
      discoveredOn: '2026-11-01',
    });
    const listed = await as(h.auditor.key).get(`${base}/loss-events`);
    expect(listed.body.totals).toEqual([
      {
        currency: 'CNY',
        events: 2,
        nearMisses: 1,
        gross: { amount: '120000.00', amountMinor: '12000000', currency: 'CNY' },
        recovered: { amount: '70000.50', amountMinor: '7000050', currency: 'CNY' },
        net: { amount: '49999.50', amountMinor: '4999950', currency: 'CNY' },
      },
    ]);
    // Totals cover the whole filter, summed by the database, not the page shown.
    const paged = await as(h.auditor.key).get(`${base}/loss-events?limit=1`);
    expect(paged.body.items).toHaveLength(1);
    expect((paged.body.totals as { events: number }[])[0]?.events).toBe(2);
    expect(await lossEventsForRisk(h.db, h.books.platformId, riskId)).toEqual([
      { occurredOn: '2026-10-01', netLossMinor: 4999950n, currency: 'CNY' },
    ]);
    const tooMuch = await analyst.patch(`${base}/loss-events/${String(created.body.id)}`, {
      recoveryGuarantee: '50000.00',
    });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([400, 'validation_failed']);
    const booked = await analyst.patch(`${base}/loss-events/${String(created.body.id)}`, {
      bookedOn: '2026-10-05',
      recoveryGuarantee: '49999.50',
    });
    expect(booked.body).toMatchObject({ bookedOn: '2026-10-05', netLoss: { amountMinor: '0' } });
  });
});

describe('partners and responsibility', () => {
  it('keeps due diligence, qualifications, review schedule and overdue alerts', async () => {
    const analyst = as(h.analyst.key);
    const created = await analyst.post(`${base}/partners`, {
      name: 'First Custody Bank',
      kind: 'bank',
      services: 'custody account, payments',
      ownerId: h.analyst.id,
    });
    expect(created.status).toBe(201);
    const partnerId = String(created.body.id);
    const unknownOwner = await analyst.post(`${base}/partners`, {
      name: 'Other',
      kind: 'bank',
      ownerId: 'stf_nobody',
    });
    expect(unknownOwner.status).toBe(404);
    const reviewed = await analyst.post(`${base}/partners/${partnerId}/due-diligence`, {
      reviewedOn: '2026-11-20',
      scope: 'onboarding',
      findings: 'Licences in order; capital adequate',
      rating: 'D',
    });
    expect(reviewed.body).toMatchObject({
      rating: 'D',
      nextReviewOn: '2027-02-18',
      reviewerId: h.analyst.id,
    });
    const soon = new Date(Date.now() + 10 * DAY_MS).toISOString().slice(0, 10);
    const qualification = await analyst.post(`${base}/partners/${partnerId}/qualifications`, {
      name: 'Fund custody qualification',
      issuer: 'NFRA',
      validFrom: '2024-01-01',
      expiresOn: soon,
    });
    expect(qualification.body.state).toBe('expiring');
    const backwards = await analyst.post(`${base}/partners/${partnerId}/qualifications`, {
      name: 'x',
      issuer: 'y',
      validFrom: '2026-01-01',
      expiresOn: '2025-01-01',
    });
    expect(backwards.status).toBe(400);
    const swept = await sweepRiskRegister(h.db, h.books.platformId);
    expect(swept.alertsRaised).toBeGreaterThanOrEqual(1);
    const later = Date.now() + 400 * DAY_MS;
    const overdue = await sweepRiskRegister(h.db, h.books.platformId, later);
    expect(overdue.alertsRaised).toBeGreaterThan(1);
    const mine = await responsibilitiesOf(h.db, h.analyst.id, later);
    expect(mine.overdue.map((o) => o.subjectType)).toContain('partner');
    expect(mine.overdue.map((o) => o.subjectType)).toContain('risk');
    const kris = await measureRiskRegisterKris(h.db, h.books.platformId, later);
    expect(kris.get('partner_reviews_overdue')).toMatchObject({
      value: 1,
      detail: { byOwner: { [h.analyst.id]: 1 } },
    });
    expect(kris.get('risk_reviews_overdue')?.value).toBe(14);
    const readings = await readKris(h.db, h.books.platformId, later);
    expect(readings.find((r) => r.kriId === 'risk_reviews_overdue')).toMatchObject({
      value: 14,
      status: 'red',
    });
  });

  it('shows the caller their responsibilities', async () => {
    await h.db.query("UPDATE compliance_controls SET owner_id = $1 WHERE code = 'CTL-AUTH'", [
      h.analyst.id,
    ]);
    const mine = await as(h.analyst.key).get('/v1/me/responsibilities');
    expect(mine.status).toBe(200);
    expect((mine.body.risks as unknown[]).length).toBe(14);
    expect((mine.body.partners as unknown[]).length).toBe(1);
    expect(mine.body.controls).toMatchObject([
      { code: 'CTL-AUTH', platformId: h.books.platformId, latestOutcome: 'fail' },
    ]);
    const admin = await as(h.books.staffKey).get('/v1/me/responsibilities');
    expect((admin.body.risks as unknown[]).length).toBe(0);
  });
});
