import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLossEvent,
  listRisks,
  NewLossEventSchema,
  seedDefaultRegister,
} from '../../src/risk-register/index.js';
import { liquidityPosition } from '../../src/risk-models/books-position.js';
import { monteCarloGate } from '../../src/risk-models/monte-carlo-gate.js';
import { blockSeedWords, Xoshiro128 } from '../../src/risk-models/prng.js';
import { sampleLognormal, samplePoisson } from '../../src/risk-models/samplers.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

// Goal: through the HTTP API, models are set and fitted from loss events, Monte Carlo runs
// are stored and reproducible by seed, stress scenarios are saved and run against the books,
// and bad input is refused with a problem and leaves nothing written.

let api: ApiHarness;
let base: string;
let staffKey: string;
let fittedRisk: string;
let expertRisk: string;

async function counts(): Promise<string> {
  const rows = await api.db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM monte_carlo_runs) || '/' || (SELECT count(*) FROM stress_runs)
       || '/' || (SELECT count(*) FROM stress_scenarios) || '/' || (SELECT count(*) FROM liquidity_flows)
       || '/' || (SELECT count(*) FROM risk_model_params) || '/' || (SELECT count(*) FROM audit_records) AS n`,
  );
  return rows[0]?.n ?? '';
}

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}`;
  staffKey = api.books.staffKey;
  for (const [index, customer] of api.books.customers.entries()) {
    const funded = await api.call('POST', `${base}/instructions`, {
      body: {
        type: 'deposit',
        amount: `${(index + 1) * 1000}.00`,
        currency: 'CNY',
        purpose: 'top_up',
        payeeAccountId: customer.accountId,
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(funded.status).toBe(201);
  }
  const staff = api.books.staff;
  const seeded = await seedDefaultRegister(api.db, api.books.platformId, staff.id, staff.id);
  expect(seeded.ok).toBe(true);
  const risks = await listRisks(api.db, api.books.platformId, {});
  fittedRisk = risks[0]?.id ?? '';
  expertRisk = risks[1]?.id ?? '';
  const rng = new Xoshiro128(blockSeedWords(3141, 0));
  for (let year = 0; year < 6; year += 1) {
    const n = samplePoisson(rng, 10);
    for (let i = 0; i < n; i += 1) {
      const loss = Math.round(sampleLognormal(rng, 9, 0.7)) / 100;
      const day = `${2020 + year}-${String(1 + (i % 12)).padStart(2, '0')}-10`;
      const created = await createLossEvent(
        api.db,
        api.books.platformId,
        NewLossEventSchema.parse({
          title: `loss ${year}-${i}`,
          kind: 'loss',
          causeCategory: 'operational',
          cause: 'synthetic',
          occurredOn: day,
          discoveredOn: day,
          currency: 'CNY',
          grossLoss: loss.toFixed(2),
          riskIds: [fittedRisk],
        }),
        staff.id,
      );
      expect(created.ok).toBe(true);
    }
  }
}, 120_000);
afterAll(() => api.close());

const expert = {
  currency: 'CNY',
  frequency: { kind: 'poisson', meanPerYear: 3 },
  severity: { kind: 'lognormal', mu: 11, sigma: 1.2 },
  perEventCapMinor: null,
};

describe('risk model parameters', () => {
  it('sets expert parameters and fits from loss events', async () => {
    const set = await api.call('PUT', `${base}/risk-models/${expertRisk}`, {
      key: staffKey,
      body: expert,
    });
    expect(set.status).toBe(200);
    expect(set.body.frequencySource).toBe('expert');
    const setA = await api.call('PUT', `${base}/risk-models/${fittedRisk}`, {
      key: staffKey,
      body: expert,
    });
    expect(setA.status).toBe(200);
    const fit = await api.call('POST', `${base}/risk-models/${fittedRisk}/fit`, {
      key: staffKey,
      body: { currency: 'CNY', observedFrom: '2020-01-01', observedTo: '2025-12-31' },
    });
    expect(fit.status).toBe(200);
    expect(fit.body.stored).toBe(true);
    expect(fit.body.frequencySource).toBe('fitted');
    expect(fit.body.severitySource, JSON.stringify(fit.body.report)).toBe('fitted');
    const few = await api.call('POST', `${base}/risk-models/${expertRisk}/fit`, {
      key: staffKey,
      body: { currency: 'CNY', observedFrom: '2025-01-01', dryRun: true },
    });
    expect(few.status).toBe(200);
    expect(few.body.frequencySource).toBe('expert');
    expect(JSON.stringify(few.body.report)).toMatch(/expert parameters kept/);
    const list = await api.call('GET', `${base}/risk-models`, { key: staffKey });
    expect((list.body.items as unknown[]).length).toBe(2);
  });

  it('refuses a fit whose parameters leave the model bounds (α < 0.5), storing nothing', async () => {
    const staff = api.books.staff;
    const heavyRisk = (await listRisks(api.db, api.books.platformId, {}))[2]?.id ?? '';
    for (let i = 0; i < 30; i += 1) {
      // Losses from 1.00 to ~650,000.00 yuan, evenly spread in log: a Pareto α near 0.15.
      const day = `${2022 + (i % 3)}-${String(1 + (i % 12)).padStart(2, '0')}-10`;
      const created = await createLossEvent(
        api.db,
        api.books.platformId,
        NewLossEventSchema.parse({
          title: `heavy ${i}`,
          kind: 'loss',
          causeCategory: 'operational',
          cause: 'synthetic',
          occurredOn: day,
          discoveredOn: day,
          currency: 'CNY',
          grossLoss: (Math.round(100 * 2 ** (i / 1.5)) / 100).toFixed(2),
          riskIds: [heavyRisk],
        }),
        staff.id,
      );
      expect(created.ok).toBe(true);
    }
    const before = await counts();
    for (const dryRun of [false, true]) {
      const fit = await api.call('POST', `${base}/risk-models/${heavyRisk}/fit`, {
        key: staffKey,
        body: {
          currency: 'CNY',
          observedFrom: '2022-01-01',
          observedTo: '2024-12-31',
          severity: 'pareto',
          dryRun,
        },
      });
      expect(fit.status, JSON.stringify(fit.body)).toBe(400);
      expect(String(fit.body.detail)).toMatch(/alpha/);
    }
    expect(await counts()).toBe(before);
    const read = await api.call('GET', `${base}/risk-models/${heavyRisk}`, { key: staffKey });
    expect(read.status).toBe(404);
  });

  it('refuses unknown risks and bad parameters, writing nothing', async () => {
    const before = await counts();
    const unknown = await api.call('PUT', `${base}/risk-models/rsk_unknown`, {
      key: staffKey,
      body: expert,
    });
    expect(unknown.status).toBe(404);
    const bad = await api.call('PUT', `${base}/risk-models/${expertRisk}`, {
      key: staffKey,
      body: { ...expert, severity: { kind: 'lognormal', mu: 11, sigma: -1 } },
    });
    expect(bad.status).toBe(400);
    expect(await counts()).toBe(before);
  });
});

describe('Monte Carlo runs', () => {
  it('stores a run and repeats it exactly for the same seed', async () => {
    const body = { currency: 'CNY', trials: 20_000, seed: 99 };
    const first = await api.call('POST', `${base}/monte-carlo-runs`, { key: staffKey, body });
    expect(first.status).toBe(201);
    const second = await api.call('POST', `${base}/monte-carlo-runs`, { key: staffKey, body });
    expect(second.body.figures).toEqual(first.body.figures);
    const figures = first.body.figures as {
      tail: { valueAtRiskMinor: string; expectedShortfallMinor: string }[];
      reserveExceedance: unknown;
    };
    expect(BigInt(figures.tail[1]?.valueAtRiskMinor ?? '0')).toBeGreaterThanOrEqual(
      BigInt(figures.tail[0]?.valueAtRiskMinor ?? '0'),
    );
    expect(figures.reserveExceedance).not.toBeNull();
    const list = await api.call('GET', `${base}/monte-carlo-runs`, { key: staffKey });
    expect((list.body.items as unknown[]).length).toBeGreaterThanOrEqual(2);
    const one = await api.call('GET', `${base}/monte-carlo-runs/${String(first.body.id)}`, {
      key: staffKey,
    });
    expect(one.body.figures).toEqual(first.body.figures);
  });

  it('runs on worker threads, one run at a time: a second caller gets 429 meanwhile', async () => {
    let release: () => void = () => undefined;
    const held = monteCarloGate.tryRun(() => new Promise<void>((resolve) => (release = resolve)));
    expect(held).toBeDefined();
    const before = await counts();
    const refused = await api.call('POST', `${base}/monte-carlo-runs`, {
      key: staffKey,
      body: { currency: 'CNY', trials: 5_000, seed: 1 },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.headers['retry-after']).toBe('5');
    expect(await counts()).toBe(before);
    release();
    await held;
    const ran = await api.call('POST', `${base}/monte-carlo-runs`, {
      key: staffKey,
      body: { currency: 'CNY', trials: 5_000, seed: 1 },
    });
    expect(ran.status).toBe(201);
    expect(ran.body.workers).toBeGreaterThanOrEqual(1);
    expect(monteCarloGate.busy).toBe(false);
  });

  it('refuses oversized, unknown-risk and model-less runs, writing nothing', async () => {
    const before = await counts();
    const big = await api.call('POST', `${base}/monte-carlo-runs`, {
      key: staffKey,
      body: { currency: 'CNY', trials: 50_000_000 },
    });
    expect(big.status).toBe(400);
    const unknown = await api.call('POST', `${base}/monte-carlo-runs`, {
      key: staffKey,
      body: { currency: 'CNY', trials: 10_000, riskIds: ['rsk_unknown'] },
    });
    expect(unknown.status).toBe(404);
    const none = await api.call('POST', `${base}/monte-carlo-runs`, {
      key: staffKey,
      body: { currency: 'USD', trials: 10_000 },
    });
    expect(none.status).toBe(400);
    expect(await counts()).toBe(before);
  });
});

describe('liquidity stress tests', () => {
  it('saves flows and scenarios, runs them against the books, and reruns saved ones', async () => {
    const flows = await api.call('POST', `${base}/liquidity-flows`, {
      key: staffKey,
      body: {
        flows: [
          { currency: 'CNY', dueOn: '2099-01-01', kind: 'loan_repayment', amount: '500.00' },
          { currency: 'CNY', dueOn: '2099-01-02', kind: 'loan_disbursement', amount: '100.00' },
        ],
      },
    });
    expect(flows.status).toBe(201);
    const scenario = {
      name: 'Half leave in a week, bank fails',
      description: 'custom',
      horizonDays: 14,
      shocks: [
        {
          kind: 'withdrawal_run',
          shareBasisPoints: 5_000,
          basis: 'balances',
          largestFirst: false,
          startDay: 1,
          days: 7,
        },
        { kind: 'bank_failure', bank: null, lossShareBasisPoints: 10_000, day: 2 },
      ],
    };
    const saved = await api.call('POST', `${base}/stress-scenarios`, {
      key: staffKey,
      body: scenario,
    });
    expect(saved.status).toBe(201);
    const duplicate = await api.call('POST', `${base}/stress-scenarios`, {
      key: staffKey,
      body: scenario,
    });
    expect(duplicate.status).toBe(409);
    const run = await api.call('POST', `${base}/stress-scenarios/${String(saved.body.id)}/runs`, {
      key: staffKey,
      body: { asOf: new Date().toISOString().slice(0, 10) },
    });
    expect(run.status).toBe(201);
    const result = (
      run.body.results as {
        currency: string;
        startCashMinor: string;
        survivalDays: number | null;
      }[]
    )[0];
    expect(result?.currency).toBe('CNY');
    expect(result?.startCashMinor).toBe('600000');
    expect(result?.survivalDays).toBe(1);
    const builtIn = await api.call('POST', `${base}/stress-scenarios/builtin:withdrawal_run/runs`, {
      key: staffKey,
      body: {},
    });
    expect(builtIn.status).toBe(201);
    expect(builtIn.body.survives).toBe(true);
    const runs = await api.call('GET', `${base}/stress-runs`, { key: staffKey });
    expect((runs.body.items as unknown[]).length).toBe(2);
    const listed = await api.call('GET', `${base}/stress-scenarios`, { key: staffKey });
    expect((listed.body.items as { builtIn: boolean }[]).filter((s) => !s.builtIn).length).toBe(1);
    const deleted = await api.call('DELETE', `${base}/stress-scenarios/${String(saved.body.id)}`, {
      key: staffKey,
    });
    expect(deleted.status).toBe(200);
    const kept = await api.call('GET', `${base}/stress-runs/${String(run.body.id)}`, {
      key: staffKey,
    });
    expect((kept.body.scenario as { name: string }).name).toBe(scenario.name);
  });

  it('takes positions as of today only, and refuses rather than drops customers over the limit', async () => {
    const before = await counts();
    const past = await api.call('POST', `${base}/stress-scenarios/builtin:withdrawal_run/runs`, {
      key: staffKey,
      body: { asOf: '2020-01-31' },
    });
    expect(past.status).toBe(400);
    expect(String(past.body.detail)).toMatch(/as of today/);
    expect(await counts()).toBe(before);
    const today = new Date().toISOString().slice(0, 10);
    const all = await liquidityPosition(api.db, api.books.platformId, 'CNY', today, 10);
    expect(all.ok && all.value.customerBalancesMinor.length).toBe(api.books.customers.length);
    const cut = await liquidityPosition(api.db, api.books.platformId, 'CNY', today, 10, {
      customersMax: api.books.customers.length - 1,
    });
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(cut.error.message).toMatch(/more than \d+ customers/);
  });

  it('refuses bad flows and scenarios and built-in changes, writing nothing', async () => {
    const before = await counts();
    const badAmount = await api.call('POST', `${base}/liquidity-flows`, {
      key: staffKey,
      body: {
        flows: [
          { currency: 'CNY', dueOn: '2099-01-01', kind: 'other_inflow', amount: '1.00' },
          { currency: 'CNY', dueOn: '2099-01-01', kind: 'other_inflow', amount: '1.001' },
        ],
      },
    });
    expect(badAmount.status).toBe(400);
    const badShock = await api.call('POST', `${base}/stress-scenarios`, {
      key: staffKey,
      body: {
        name: 'x',
        description: '',
        horizonDays: 10,
        shocks: [{ kind: 'withdrawal_run', shareBasisPoints: 20_000 }],
      },
    });
    expect(badShock.status).toBe(400);
    const builtIn = await api.call('DELETE', `${base}/stress-scenarios/builtin:bank_failure`, {
      key: staffKey,
    });
    expect(builtIn.status).toBe(409);
    const missing = await api.call('POST', `${base}/stress-scenarios/sts_unknown/runs`, {
      key: staffKey,
      body: {},
    });
    expect(missing.status).toBe(404);
    expect(await counts()).toBe(before);
  });
});
