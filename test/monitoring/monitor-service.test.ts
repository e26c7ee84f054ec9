import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertInput } from '../../src/cases/alert-input.js';
import { Custody, type InstructionInput } from '../../src/custody/index.js';
import { runBacktest } from '../../src/monitor-service/backtest.js';
import { MonitorService } from '../../src/monitor-service/monitor-service.js';
import { PACK_ERROR_RULE_ID } from '../../src/monitor-service/pack-loader.js';
import { effectivePack } from '../../src/monitor-service/rule-store.js';
import { cnRulePack } from '../../src/monitor/index.js';
import { pack, rule } from '../../src/monitor/test-kit.js';
import { setFxRate } from '../../src/reports/index.js';
import { endRelationship } from '../../src/compliance/index.js';
import { saveRiskAttributes } from '../../src/customer-risk/risk-attributes.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, signInstruction, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

let db: Database;
let books: TestBooks;
let custody: Custody;

beforeAll(async () => {
  db = await createTestDatabase();
  books = await createTestBooks(db, 6);
  custody = new Custody(db);
}, 60_000);
afterAll(async () => {
  await custody.close();
  await db.close();
});

function deposit(
  accountId: string,
  amountMinor: bigint,
  channel?: InstructionInput['channel'],
): InstructionInput {
  return {
    type: 'deposit',
    idempotencyKey: randomUUID(),
    currency: 'CNY',
    amountMinor,
    purpose: 'topup',
    payeeAccountId: accountId,
    ...(channel === undefined ? {} : { channel }),
  };
}

async function submit(input: InstructionInput) {
  const result = await custody.submit(books.platform, books.platformId, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function collecting() {
  const alerts: AlertInput[] = [];
  return {
    alerts,
    writeAlerts: async (_tx: unknown, batch: AlertInput[]) => {
      alerts.push(...batch);
    },
  };
}

describe('monitoring service', () => {
  it('holds a deposit from an account not in the customer\u2019s name before it posts', async () => {
    const monitor = new MonitorService(db, { consumer: 'gate-test', ...collecting() });
    await monitor.start();
    custody.setGate(monitor);
    try {
      const customer = books.customers[0];
      if (customer === undefined) throw new Error('no customer');
      const held = await submit(
        deposit(
          customer.accountId,
          100_000n,
          custody.hashChannel(books.platformId, { fundingAccountOwnName: false }),
        ),
      );
      expect(held.created?.status).toBe('pending');
      const row = await db.query<{ hold_reason: string }>(
        'SELECT hold_reason FROM instructions WHERE id = $1',
        [held.instructionId],
      );
      expect(row[0]?.hold_reason).toBe('monitoring_review');
      const ordinary = await submit(deposit(customer.accountId, 100_000n));
      expect(ordinary.created?.status).toBe('posted');
      expect(monitor.stats().gateHolds).toBe(1);
    } finally {
      custody.setGate(undefined);
      await monitor.stop();
    }
  });

  it('keeps only the gate when evaluation runs elsewhere (gate-only)', async () => {
    const monitor = new MonitorService(db, { consumer: 'gate-only-test', evaluate: false });
    await monitor.start();
    custody.setGate(monitor);
    try {
      const customer = books.customers[0];
      if (customer === undefined) throw new Error('no customer');
      const held = await submit(
        deposit(
          customer.accountId,
          10_000n,
          custody.hashChannel(books.platformId, { fundingAccountOwnName: false }),
        ),
      );
      expect(held.created?.status).toBe('pending');
      monitor.wake();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(monitor.stats().events).toBe(0);
      const cursor = await db.query(
        "SELECT 1 FROM monitoring_cursor WHERE consumer = 'gate-only-test'",
      );
      expect(cursor).toEqual([]);
    } finally {
      custody.setGate(undefined);
      await monitor.stop();
    }
  });

  it('reads posted instructions in commit order and writes explained alerts with cases', async () => {
    const customer = books.customers[1];
    if (customer === undefined) throw new Error('no customer');
    // A natural person's domestic inflow of CNY 600,000 in a day: over PBOC Order 3's threshold.
    await submit(deposit(customer.accountId, 60_000_000n));
    const monitor = new MonitorService(db, { consumer: 'cases-test' });
    await monitor.restore();
    await monitor.catchUp();
    const alerts = await db.query<{
      rule_id: string;
      explanation: { summary: string; eventIds: string[] };
    }>(`SELECT rule_id, explanation FROM alerts WHERE platform_id = $1 AND customer_id = $2`, [
      books.platformId,
      customer.customerId,
    ]);
    const lvtr = alerts.find((a) => a.rule_id.startsWith('cn.lvtr'));
    expect(lvtr, JSON.stringify(alerts.map((a) => a.rule_id))).toBeDefined();
    expect(lvtr?.explanation.eventIds.length).toBeGreaterThan(0);
    const cases = await db.query(
      'SELECT 1 FROM cases WHERE platform_id = $1 AND customer_id = $2',
      [books.platformId, customer.customerId],
    );
    expect(cases.length).toBe(1);
    const cursor = await db.query<{ leaf_index: string }>(
      "SELECT leaf_index FROM monitoring_cursor WHERE consumer = 'cases-test'",
    );
    expect(Number(cursor[0]?.leaf_index)).toBe(monitor.stats().leafIndex);
  });

  it('measures a large value in euros against the USD figure at the day’s stored rate', async () => {
    const euroBooks = await createTestBooks(db, 2, 'EUR');
    const [first, second] = euroBooks.customers;
    if (first === undefined || second === undefined) throw new Error('no customers');
    const euros = (accountId: string, amountMinor: bigint) =>
      custody.submit(euroBooks.platform, euroBooks.platformId, {
        ...deposit(accountId, amountMinor),
        currency: 'EUR',
      });
    const lvtrOf = (customerId: string) =>
      db.query<{ explanation: { values: Record<string, string> } }>(
        `SELECT explanation FROM alerts WHERE customer_id = $1 AND rule_id = 'cn.lvtr_person_domestic'`,
        [customerId],
      );
    // Default rates (CNY 7.75 per EUR, 7.10 per USD): EUR 100,000 is USD 109,154.93.
    expect((await euros(first.accountId, 10_000_000n)).ok).toBe(true);
    const monitor = new MonitorService(db, { consumer: 'euro-test' });
    await monitor.restore();
    await monitor.catchUp();
    const [alert] = await lvtrOf(first.customerId);
    expect(alert?.explanation.values['sum']).toBe('100000.00 EUR');
    // A rate set for today (CST) replaces the default at the next refresh: EUR 100,000 at
    // 6.50 is USD 91,549.30, below the threshold; EUR 110,000 is USD 100,704.23, above it.
    const todayCst = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await db.transaction((tx) => setFxRate(tx, 'test', 'EUR', todayCst, 6_500_000n));
    await monitor.refreshPacks();
    expect((await euros(second.accountId, 10_000_000n)).ok).toBe(true);
    await monitor.catchUp();
    expect(await lvtrOf(second.customerId)).toEqual([]);
    expect((await euros(second.accountId, 1_000_000n)).ok).toBe(true);
    await monitor.catchUp();
    expect(await lvtrOf(second.customerId)).toHaveLength(1);
  });

  it('gives rules the custody balance the platform holds for its customers when the service starts', async () => {
    const own = await createTestBooks(db, 2);
    const [first, second] = own.customers;
    if (first === undefined || second === undefined) throw new Error('no customers');
    // Deposits of a day at least half of what the platform holds for its customers.
    const halfOfCustody = pack([
      rule({
        id: 'r.deposits_vs_custody',
        template: 'aggregate',
        params: {
          keyBy: 'platform',
          direction: 'both',
          filter: { kinds: ['deposit'] },
          window: { kind: 'sliding', windowMs: 86_400_000, bucketMs: 3_600_000 },
          conditions: [{ measure: 'sum', atLeastCustodyShare: 0.5 }],
          combine: 'all',
        },
      }),
    ]);
    const depositOf = (accountId: string, amountMinor: bigint) =>
      custody.submit(own.platform, own.platformId, deposit(accountId, amountMinor));
    const found = collecting();
    const monitor = new MonitorService(db, {
      consumer: 'custody-balance-test',
      packFor: async () => halfOfCustody,
      owns: (event) => event.platformId === own.platformId,
      writeAlerts: found.writeAlerts,
    });
    expect((await depositOf(first.accountId, 1_000_000n)).ok).toBe(true);
    await monitor.restore();
    await monitor.catchUp();
    expect(found.alerts.map((alert) => alert.explanation.thresholds['sum'])).toEqual([
      '5000.00 CNY',
    ]);
    // A backtest reads what the books held at each posting, not today's balance: after a later
    // CNY 1,000,000 deposit, the first deposit is still measured against CNY 10,000.
    expect((await depositOf(second.accountId, 100_000_000n)).ok).toBe(true);
    const report = await runBacktest(db, {
      platformId: own.platformId,
      activePack: halfOfCustody,
      draftPack: pack([]),
      fromMs: Date.now() - 86_400_000,
      toMs: Date.now() + 60_000,
    });
    expect(report.lostExamples.map((alert) => alert.explanation.thresholds['sum'])).toEqual([
      '5000.00 CNY',
    ]);
  });

  it('learns of a relationship ending after the customer was seen, and looks back at its flows', async () => {
    const own = await createTestBooks(db, 2);
    const [leaving, staying] = own.customers;
    if (leaving === undefined || staying === undefined) throw new Error('no customers');
    const submitted = async (input: InstructionInput) => {
      const result = await custody.submit(own.platform, own.platformId, input);
      expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
    };
    // CNY 600,000 in and straight out again: over the CNY 500,000 of flows before a closure.
    await submitted(deposit(leaving.accountId, 60_000_000n));
    await submitted(
      signInstruction(
        own.platformId,
        leaving,
        {
          type: 'transfer',
          idempotencyKey: randomUUID(),
          currency: 'CNY',
          amountMinor: 60_000_000n,
          purpose: 'p2p',
          payerAccountId: leaving.accountId,
          payeeAccountId: staying.accountId,
        },
        staying.accountId,
      ),
    );
    const found = collecting();
    const monitor = new MonitorService(db, {
      consumer: 'closure-test',
      owns: (event) => event.platformId === own.platformId,
      writeAlerts: found.writeAlerts,
    });
    await monitor.restore();
    await monitor.catchUp();
    const closureAlerts = () =>
      found.alerts.filter((alert) => alert.ruleId === 'cn.flows_before_closure');
    expect(closureAlerts()).toEqual([]);
    await db.transaction(async (tx) => {
      await saveRiskAttributes(tx, 'compliance', own.platformId, staying.customerId, {
        occupationCategory: 'student',
        industryCategory: null,
        products: [],
        onboardingChannel: 'remote',
        pepStatus: 'none',
        declaredMonthlyCny: '20000.00',
      });
      await endRelationship(tx, 'compliance', own.platformId, leaving.customerId, {
        endedAtMs: Date.now(),
        reason: 'customer request',
      });
    });
    await monitor.catchUp();
    expect(closureAlerts().map((alert) => alert.customerId)).toEqual([leaving.customerId]);
    // The occupation from the risk attributes reached the engine too: a student's movements of
    // CNY 100,000 within 30 days (counted while the profile says student) meet the occupation rule.
    await submitted(deposit(staying.accountId, 10_000_000n));
    await monitor.catchUp();
    expect(found.alerts.map((alert) => [alert.ruleId, alert.customerId])).toContainEqual([
      'cn.profile_occupation_mismatch',
      staying.customerId,
    ]);
    // So did the declared monthly income: CNY 700,000 in within 30 days is over 3 × CNY 20,000.
    // The transfer in before it was declared could not decide that rule alone.
    const income = found.alerts.filter((alert) => alert.ruleId === 'cn.profile_income_mismatch');
    expect(income.map((alert) => alert.customerId)).toEqual([staying.customerId]);
    expect(income[0]?.explanation.thresholds['sum']).toBe('60000.00 CNY');
    // A backtest over the history meets the closure at its place too.
    const report = await runBacktest(db, {
      platformId: own.platformId,
      activePack: cnRulePack(),
      draftPack: cnRulePack(),
      fromMs: Date.now() - 86_400_000,
      toMs: Date.now() + 60_000,
    });
    expect(report.byRule).toContainEqual({
      ruleId: 'cn.flows_before_closure',
      active: 1,
      draft: 1,
    });
  });

  it('goes on when a platform’s stored rules cannot be used, on the CN pack, and says so', async () => {
    const broken = await createTestBooks(db, 1);
    const [customer] = broken.customers;
    if (customer === undefined) throw new Error('no customer');
    const result = await custody.submit(
      broken.platform,
      broken.platformId,
      deposit(customer.accountId, 60_000_000n),
    );
    expect(result.ok).toBe(true);
    const found = collecting();
    const monitor = new MonitorService(db, {
      consumer: 'broken-pack-test',
      owns: (event) => event.platformId === broken.platformId,
      packFor: async (queryable, platformId) => {
        if (platformId === broken.platformId)
          throw new Error('stored rules do not form a valid pack: a cycle');
        return effectivePack(queryable, platformId);
      },
      writeAlerts: found.writeAlerts,
    });
    await monitor.restore();
    await monitor.catchUp();
    const [head] = await db.query<{ last: string }>(
      'SELECT max(leaf_index)::text AS last FROM audit_records',
    );
    expect(monitor.stats().leafIndex).toBe(Number(head?.last));
    expect(monitor.stats().packErrors).toBeGreaterThanOrEqual(1);
    const rules = found.alerts.map((alert) => [alert.ruleId, alert.platformId, alert.severity]);
    expect(rules).toContainEqual([PACK_ERROR_RULE_ID, broken.platformId, 'critical']);
    expect(found.alerts.some((alert) => alert.ruleId === 'cn.lvtr_person_domestic')).toBe(true);
  });

  it('raises a critical alert for a refused unauthorized debit', async () => {
    const payer = books.customers[2];
    const payee = books.customers[3];
    if (payer === undefined || payee === undefined) throw new Error('no customers');
    await submit(deposit(payer.accountId, 1_000_000n));
    const unsigned = await custody.submit(books.platform, books.platformId, {
      type: 'transfer',
      idempotencyKey: randomUUID(),
      currency: 'CNY',
      amountMinor: 50_000n,
      purpose: 'investment',
      payerAccountId: payer.accountId,
      payeeAccountId: payee.accountId,
    });
    expect(unsigned.ok).toBe(false);
    const sink = collecting();
    const monitor = new MonitorService(db, { consumer: 'unauthorized-test', ...sink });
    await monitor.restore();
    await monitor.catchUp();
    const critical = sink.alerts.filter((a) => a.ruleId === 'cn.unauthorized_debit');
    expect(critical.length).toBeGreaterThan(0);
    expect(critical[0]?.severity).toBe('critical');
    expect(critical[0]?.customerId).toBe(payer.customerId);
  });

  it('yields after a restart mid-stream exactly the alerts of a run without one', async () => {
    const [a, b, c] = [books.customers[3], books.customers[4], books.customers[5]];
    if (a === undefined || b === undefined || c === undefined) throw new Error('no customers');
    const stream: InstructionInput[] = [];
    for (let round = 0; round < 12; round += 1) {
      stream.push(deposit(a.accountId, 4_900_000n + BigInt(round)));
      stream.push(deposit(b.accountId, 1_000_000n * BigInt(round + 1)));
    }
    for (let round = 0; round < 6; round += 1)
      stream.push(
        signInstruction(
          books.platformId,
          a,
          {
            type: 'transfer',
            idempotencyKey: randomUUID(),
            currency: 'CNY',
            amountMinor: 4_000_000n,
            purpose: 'investment',
            payerAccountId: a.accountId,
            payeeAccountId: c.accountId,
          },
          c.accountId,
        ),
      );
    const half = Math.floor(stream.length / 2);
    for (const input of stream.slice(0, half)) await submit(input);

    const uninterrupted = collecting();
    const restarted = collecting();
    const first = new MonitorService(db, {
      consumer: 'restart-a',
      snapshotEveryEvents: 5,
      ...restarted,
    });
    await first.restore();
    await first.catchUp();
    await first.stop();
    // Snapshots were taken every few events: the newest is usually behind the position, so the
    // restart restores it and replays the rest without writing those alerts again.
    for (const input of stream.slice(half)) await submit(input);
    const second = new MonitorService(db, {
      consumer: 'restart-a',
      snapshotEveryEvents: 5,
      ...restarted,
    });
    await second.restore();
    await second.catchUp();

    const whole = new MonitorService(db, { consumer: 'restart-b', ...uninterrupted });
    await whole.restore();
    await whole.catchUp();
    const keys = (alerts: AlertInput[]) =>
      alerts.map((x) => `${x.alertKey}|${x.score}|${x.explanation.summary}`).sort();
    expect(uninterrupted.alerts.length).toBeGreaterThan(0);
    expect(keys(restarted.alerts)).toEqual(keys(uninterrupted.alerts));
  });
});
