import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts } from '../../src/cases/index.js';
import {
  rateCustomersInTx,
  rerateChangedCustomers,
  sweepOverdueReviews,
} from '../../src/customer-risk/index.js';
import { registerCustomer } from '../../src/custody/index.js';
import { countRows, createStaff, testAlert } from '../cases/case-support.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

// Goal: ratings, overrides (four-eyes for lowering a computed high or a floor), beneficial owners, EDD, the review
// clock and re-rating on changed inputs work through the API on both backends, and bad input
// writes nothing. Method: the API over a real database, two compliance officers and an auditor.

let api: ApiHarness;
let platformId: string;
let officerA: string;
let officerB: string;
let auditor: string;
let person: string;
let entity: string;

const path = (suffix: string) => `/v1/platforms/${platformId}${suffix}`;

async function customer(kind: 'person' | 'entity', name: string): Promise<string> {
  const registered = await registerCustomer(api.db, api.books.platform, platformId, {
    kind,
    externalRef: `risk-${randomUUID()}`,
    personalData: { name },
  });
  if (!registered.ok) throw new Error(registered.error.message);
  return registered.value.customerId;
}

beforeAll(async () => {
  api = await createApiHarness();
  platformId = api.books.platformId;
  officerA = (await createStaff(api.db, 'compliance_officer')).apiKey;
  officerB = (await createStaff(api.db, 'compliance_officer')).apiKey;
  auditor = (await createStaff(api.db, 'auditor')).apiKey;
  person = await customer('person', '张三');
  entity = await customer('entity', '上海示例贸易有限公司');
});
afterAll(() => api.close());

type Reason = { factor: string; points: number; detail: string; floor?: string };
type Detail = {
  rating: { level: string; score: number; computedLevel: string; nextReviewDate: string } | null;
  history: { reasons: Reason[]; trigger: string; level: string }[];
  edd: { items: { item: string; status: string }[]; complete: boolean } | null;
  beneficialOwners: { name: string; isUbo: boolean; ownershipPercent: number }[];
  attributes: { declaredMonthlyCny: string | null };
};

async function detail(customerId: string, key = officerA): Promise<Detail> {
  const reply = await api.call('GET', path(`/risk-ratings/${customerId}`), { key });
  expect(reply.status).toBe(200);
  return reply.body as unknown as Detail;
}

describe('customer risk ratings', () => {
  it('rates on demand, explains every factor and keeps the rating in history', async () => {
    const rated = await api.call('POST', path(`/risk-ratings/${person}/rerate`), {
      key: officerA,
      body: {},
    });
    expect(rated.status).toBe(200);
    const shown = await detail(person);
    // Nothing declared: unknown occupation and country, remote, not screened = 30, medium.
    expect(shown.rating).toMatchObject({ level: 'medium', score: 30 });
    const reasons = shown.history[0]?.reasons ?? [];
    expect(reasons.reduce((sum, r) => sum + r.points, 0)).toBe(shown.rating?.score);
    expect(reasons.map((r) => r.factor)).toContain('sanctions');
    expect(shown.history).toHaveLength(1);
    expect(
      await countRows(api.db, 'audit_records', "action = 'risk_rating.rated' AND subject_id = $1", [
        person,
      ]),
    ).toBe(1);
  });

  it('re-rates when attributes change: a foreign PEP is high, with an EDD checklist and a yearly review', async () => {
    const set = await api.call('PUT', path(`/risk-ratings/${person}/attributes`), {
      key: officerA,
      body: {
        occupationCategory: 'salaried',
        industryCategory: null,
        products: ['lending_investor'],
        onboardingChannel: 'remote',
        pepStatus: 'foreign',
        declaredMonthlyCny: '18000.5',
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.level).toBe('high');
    const shown = await detail(person);
    expect(shown.attributes.declaredMonthlyCny).toBe('18000.50');
    expect(shown.edd?.items.map((i) => i.item)).toContain('source_of_wealth');
    expect(shown.edd?.complete).toBe(false);
    const year = new Date().getUTCFullYear() + 1;
    expect(shown.rating?.nextReviewDate.startsWith(String(year))).toBe(true);
    const refused = await api.call('PUT', path(`/risk-ratings/${person}/attributes`), {
      key: officerA,
      body: {
        occupationCategory: 'Not A Code',
        industryCategory: null,
        products: [],
        onboardingChannel: 'remote',
        pepStatus: 'none',
      },
    });
    expect(refused.status).toBe(400);
    expect((await detail(person)).rating?.level).toBe('high');
    for (const declaredMonthlyCny of ['18,000', '-1', '1.234', '1000000000000']) {
      const badIncome = await api.call('PUT', path(`/risk-ratings/${person}/attributes`), {
        key: officerA,
        body: {
          occupationCategory: 'salaried',
          industryCategory: null,
          products: [],
          onboardingChannel: 'remote',
          pepStatus: 'foreign',
          declaredMonthlyCny,
        },
      });
      expect(badIncome.status, declaredMonthlyCny).toBe(400);
      expect(JSON.stringify(badIncome.body)).toContain('declaredMonthlyCny');
    }
    expect((await detail(person)).attributes.declaredMonthlyCny).toBe('18000.50');
  });

  it('records EDD items of the model only, each with a note', async () => {
    const bare = await api.call('PUT', path(`/risk-ratings/${person}/edd/source_of_funds`), {
      key: officerA,
      body: { status: 'done' },
    });
    expect(bare.status).toBe(400);
    const noted = await api.call('PUT', path(`/risk-ratings/${person}/edd/source_of_funds`), {
      key: officerA,
      body: { status: 'done', note: 'salary statements 2025 checked' },
    });
    expect(noted.status).toBe(200);
    const item = (await detail(person)).edd?.items.find((i) => i.item === 'source_of_funds');
    expect(item?.status).toBe('done');
    const invented = await api.call('PUT', path(`/risk-ratings/${person}/edd/made_up_item`), {
      key: officerA,
      body: { status: 'waived', note: 'not a real checklist item' },
    });
    expect(invented.status).toBe(400);
    expect(await countRows(api.db, 'customer_edd_items', "item = 'made_up_item'", [])).toBe(0);
  });

  it('lowers high to low only when a second officer approves', async () => {
    const short = await api.call('POST', path(`/risk-ratings/${person}/override`), {
      key: officerA,
      body: { level: 'low', reason: 'no' },
    });
    expect(short.status).toBe(400);
    const requested = await api.call('POST', path(`/risk-ratings/${person}/override`), {
      key: officerA,
      body: { level: 'low', reason: 'PEP status ended in 2019, verified with the registry' },
    });
    expect(requested.status).toBe(202);
    const approvalId = String(requested.body.approvalId);
    expect((await detail(person)).rating?.level).toBe('high');
    const again = await api.call('POST', path(`/risk-ratings/${person}/override`), {
      key: officerA,
      body: { level: 'low', reason: 'PEP status ended in 2019, asking twice' },
    });
    expect(again.status).toBe(409);
    const self = await api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: officerA,
      body: { reason: 'self' },
    });
    expect(self.status).toBe(403);
    const approved = await api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: officerB,
      body: { reason: 'checked the registry' },
    });
    expect(approved.status).toBe(200);
    const shown = await detail(person);
    expect(shown.rating).toMatchObject({ level: 'low', computedLevel: 'high' });
    expect(shown.history[0]?.trigger).toBe('override');
  });

  it('asks a second officer to lower a computed high to medium', async () => {
    const requested = await api.call('POST', path(`/risk-ratings/${person}/override`), {
      key: officerA,
      body: { level: 'medium', reason: 'PEP role was honorary, verified with the registry' },
    });
    expect(requested.status).toBe(202);
    expect(
      await countRows(api.db, 'approvals', "id = $1 AND action = 'risk_rating.override'", [
        String(requested.body.approvalId),
      ]),
    ).toBe(1);
    expect((await detail(person)).rating?.level).toBe('low');
  });

  it('applies other overrides at once and clears them on request', async () => {
    const raised = await api.call('POST', path(`/risk-ratings/${person}/override`), {
      key: officerA,
      body: { level: 'high', reason: 'customer asked for a cash service, pending review' },
    });
    expect(raised.status).toBe(200);
    expect((await detail(person)).rating?.level).toBe('high');
    const cleared = await api.call('POST', path(`/risk-ratings/${person}/override`), {
      key: officerA,
      body: { level: null, reason: 'review done, the model stands' },
    });
    expect(cleared.status).toBe(200);
    expect((await detail(person)).rating?.level).toBe('high');
  });

  it('turns an attribute edit that lowers a high rating into a four-eyes request', async () => {
    expect((await detail(person)).rating?.level).toBe('high');
    const lowered = await api.call('PUT', path(`/risk-ratings/${person}/attributes`), {
      key: officerA,
      body: {
        occupationCategory: 'salaried',
        industryCategory: null,
        products: ['lending_investor'],
        onboardingChannel: 'remote',
        pepStatus: 'none',
      },
    });
    expect(lowered.status).toBe(202);
    const approvalId = String(lowered.body.approvalId);
    // Rolled back: the PEP status and the high rating stand until a second officer approves.
    const kept = await api.db.query<{ pep_status: string }>(
      'SELECT pep_status FROM customer_risk_attributes WHERE customer_id = $1',
      [person],
    );
    expect(kept[0]?.pep_status).toBe('foreign');
    expect((await detail(person)).rating?.level).toBe('high');
    const approved = await api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: officerB,
      body: { reason: 'PEP register checked' },
    });
    expect(approved.status).toBe(200);
    const shown = await detail(person);
    expect(shown.rating?.level).not.toBe('high');
    expect(shown.history[0]?.trigger).toBe('input_changed');
  });

  it('turns removing a call-for-action owner of a high entity into a four-eyes request', async () => {
    const holding = await customer('entity', '示例控股有限公司');
    const added = await api.call('POST', path(`/risk-ratings/${holding}/beneficial-owners`), {
      key: officerA,
      body: { name: '某甲', ownershipPercent: 40, controlType: 'ownership', nationality: 'IR' },
    });
    expect(added.status).toBe(201);
    expect((await detail(holding)).rating?.level).toBe('high');
    const ownerId = String(added.body.ownerId);
    const removed = await api.call(
      'DELETE',
      path(`/risk-ratings/${holding}/beneficial-owners/${ownerId}`),
      { key: officerA },
    );
    expect(removed.status).toBe(202);
    expect(
      await countRows(api.db, 'customer_beneficial_owners', 'customer_id = $1', [holding]),
    ).toBe(1);
    expect((await detail(holding)).rating?.level).toBe('high');
    const approved = await api.call(
      'POST',
      `/v1/approvals/${String(removed.body.approvalId)}/approve`,
      { key: officerB, body: { reason: 'owner sold the stake, registry extract seen' } },
    );
    expect(approved.status).toBe(200);
    expect(
      await countRows(api.db, 'customer_beneficial_owners', 'customer_id = $1', [holding]),
    ).toBe(0);
    expect((await detail(holding)).rating?.level).not.toBe('high');
  });

  it('counts only ultimate beneficial owners for the ownership factor', async () => {
    const small = await customer('entity', '小股东有限公司');
    const added = await api.call('POST', path(`/risk-ratings/${small}/beneficial-owners`), {
      key: officerA,
      body: { name: '某乙', ownershipPercent: 1, controlType: 'ownership', nationality: 'CN' },
    });
    expect(added.status).toBe(201);
    const ownership = (await detail(small)).history[0]?.reasons.find(
      (r) => r.factor === 'ownership',
    );
    expect(ownership).toMatchObject({ detail: 'no UBO recorded', points: 15 });
  });

  it('keeps beneficial owners of entities sealed, within 100%, and marks the UBOs', async () => {
    const onPerson = await api.call('POST', path(`/risk-ratings/${person}/beneficial-owners`), {
      key: officerA,
      body: { name: '李四', ownershipPercent: 10, controlType: 'ownership', nationality: 'CN' },
    });
    expect(onPerson.status).toBe(400);
    const owners = [
      { name: '王五', ownershipPercent: 60, controlType: 'ownership', nationality: 'CN' },
      { name: '赵六', ownershipPercent: 10, controlType: 'ownership', nationality: 'KE' },
      { name: '钱七', ownershipPercent: 0, controlType: 'senior_manager', nationality: null },
    ];
    for (const body of owners) {
      const added = await api.call('POST', path(`/risk-ratings/${entity}/beneficial-owners`), {
        key: officerA,
        body,
      });
      expect(added.status).toBe(201);
    }
    const over = await api.call('POST', path(`/risk-ratings/${entity}/beneficial-owners`), {
      key: officerA,
      body: { name: '孙八', ownershipPercent: 30.01, controlType: 'ownership', nationality: 'CN' },
    });
    expect(over.status).toBe(400);
    expect(String(over.body.detail)).toContain('100.01%');
    expect(
      await countRows(api.db, 'customer_beneficial_owners', 'customer_id = $1', [entity]),
    ).toBe(3);
    const shown = await detail(entity);
    expect(shown.beneficialOwners.map((o) => [o.name, o.isUbo])).toEqual([
      ['王五', true],
      ['赵六', false],
      ['钱七', true],
    ]);
    const geography = shown.history[0]?.reasons.find((r) => r.factor === 'geography');
    expect(geography?.detail).toContain('KE');
    const dump = await api.db.query<{ text: string }>(
      'SELECT personal_data::text AS text FROM customer_beneficial_owners',
    );
    expect(dump.map((r) => r.text).join()).not.toContain('王五');
    const masked = await detail(entity, auditor);
    // No characters of a short name leak: the auditor's view is not decrypted at all.
    expect(masked.beneficialOwners.map((o) => o.name)).toEqual(['***', '***', '***']);
  });

  it('re-rates a customer when a monitoring alert about it arrives', async () => {
    const before = (await detail(entity)).history.length;
    await api.db.transaction((tx) =>
      raiseAlerts(tx, [testAlert(platformId, { customerId: entity, ruleId: 'cn.shared_device' })]),
    );
    const swept = await rerateChangedCustomers(api.db);
    expect(swept.rerated).toBeGreaterThanOrEqual(1);
    const shown = await detail(entity);
    expect(shown.history.length).toBe(before + 1);
    expect(shown.history[0]?.trigger).toBe('input_changed');
    expect(shown.history[0]?.reasons.find((r) => r.factor === 'channel')?.detail).toContain(
      'shared device',
    );
    expect((await rerateChangedCustomers(api.db)).rerated).toBe(0);
  });

  it('raises one alert per overdue review', async () => {
    const old = await customer('person', '周九');
    const threeYearsAgo = Date.now() - 3 * 366 * 86_400_000;
    await api.db.transaction((tx) =>
      rateCustomersInTx(tx, 'test', platformId, [old], 'on_demand', { nowMs: threeYearsAgo }),
    );
    const first = await sweepOverdueReviews(api.db);
    expect(first.alerted).toContain(old);
    expect((await sweepOverdueReviews(api.db)).alerted).not.toContain(old);
    const listed = await api.call('GET', path('/risk-ratings?reviewOverdue=true'), {
      key: auditor,
    });
    expect((listed.body.items as { customerId: string }[]).map((i) => i.customerId)).toContain(old);
    const reviewed = await api.call('POST', path(`/risk-ratings/${old}/review`), {
      key: officerA,
      body: { note: 'periodic review done' },
    });
    expect(reviewed.status).toBe(200);
    const after = await api.call('GET', path('/risk-ratings?reviewOverdue=true'), { key: auditor });
    expect((after.body.items as { customerId: string }[]).map((i) => i.customerId)).not.toContain(
      old,
    );
  });

  it('reads the screening status through its narrow port', async () => {
    await api.db.query(
      'CREATE TABLE customer_screening_status (platform_id text, customer_id text, status text)',
    );
    const listed = await customer('person', '吴十');
    await api.db.query('INSERT INTO customer_screening_status VALUES ($1, $2, $3)', [
      platformId,
      listed,
      'confirmed_match',
    ]);
    const rated = await api.call('POST', path(`/risk-ratings/${listed}/rerate`), {
      key: officerA,
      body: {},
    });
    expect(rated.body.level).toBe('high');
    const sanctions = (await detail(listed)).history[0]?.reasons.find(
      (r) => r.factor === 'sanctions',
    );
    expect(sanctions).toMatchObject({ detail: 'confirmed_match', floor: 'high' });
    await api.db.query('DROP TABLE customer_screening_status');
  });

  it('re-rates a whole platform page by page and versions the model', async () => {
    const bad = await api.call('GET', path('/risk-model'), { key: officerA });
    expect(bad.body.version).toBe(0);
    const model = bad.body.model as { thresholds: { mediumFrom: number; highFrom: number } };
    const refused = await api.call('PUT', path('/risk-model'), {
      key: officerA,
      body: { model: { ...model, thresholds: { mediumFrom: 50, highFrom: 40 } } },
    });
    expect(refused.status).toBe(400);
    const weakFloors = (bad.body.model as { floors: Record<string, string> }).floors;
    const unfloored = await api.call('PUT', path('/risk-model'), {
      key: officerA,
      body: { model: { ...model, floors: { ...weakFloors, foreignPep: 'low' } } },
    });
    expect(unfloored.status).toBe(400);
    const requested = await api.call('PUT', path('/risk-model'), {
      key: officerA,
      body: { model: { ...model, thresholds: { mediumFrom: 5, highFrom: 500 } }, note: 'stricter' },
    });
    // Thresholds decide who is high risk at all: a second officer approves the new version.
    expect(requested.status).toBe(202);
    expect((await api.call('GET', path('/risk-model'), { key: officerA })).body.version).toBe(0);
    const approved = await api.call(
      'POST',
      `/v1/approvals/${String(requested.body.approvalId)}/approve`,
      { key: officerB, body: { reason: 'thresholds reviewed by the committee' } },
    );
    expect(approved.status).toBe(200);
    const active = await api.call('GET', path('/risk-model'), { key: officerA });
    expect(active.body.version).toBe(1);
    expect(active.body.createdBy).not.toBeNull();
    const renamed = await api.call('PUT', path('/risk-model'), {
      key: officerA,
      body: { model: { ...model, name: 'renamed', thresholds: { mediumFrom: 5, highFrom: 500 } } },
    });
    expect(renamed.status).toBe(201);
    expect(renamed.body.version).toBe(2);
    const total = await countRows(api.db, 'customers', 'platform_id = $1', [platformId]);
    let after: string | undefined;
    let rated = 0;
    for (let page = 0; page < 20; page += 1) {
      const reply = await api.call('POST', path('/risk-ratings/batch'), {
        key: officerA,
        body: { limit: 2, ...(after === undefined ? {} : { after }) },
      });
      expect(reply.status).toBe(200);
      rated += Number(reply.body.rated);
      if (reply.body.done === true) break;
      after = String(reply.body.lastCustomerId);
    }
    expect(rated).toBe(total);
    const versions = await api.db.query<{ model_version: number }>(
      `SELECT DISTINCT model_version FROM customer_risk_ratings WHERE trigger = 'batch'`,
    );
    expect(versions.map((v) => Number(v.model_version))).toEqual([2]);
    const highs = await api.call('GET', path('/risk-ratings?level=high'), { key: auditor });
    expect((highs.body.items as { level: string }[]).every((i) => i.level === 'high')).toBe(true);
  });

  it('answers 404 for unknown customers and refuses auditors writing', async () => {
    expect(
      (
        await api.call('POST', path('/risk-ratings/cus_unknown/rerate'), {
          key: officerA,
          body: {},
        })
      ).status,
    ).toBe(404);
    expect(
      (await api.call('GET', path('/risk-ratings/cus_unknown'), { key: officerA })).status,
    ).toBe(404);
    expect(
      (await api.call('POST', path(`/risk-ratings/${person}/rerate`), { key: auditor, body: {} }))
        .status,
    ).toBe(403);
  });
});
