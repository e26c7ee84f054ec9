import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertInput } from '../../src/cases/alert-input.js';
import { endRelationship } from '../../src/compliance/index.js';
import type { InstructionInput } from '../../src/custody/index.js';
import { MonitorService } from '../../src/monitor-service/monitor-service.js';
import { NatsFeedPublisher, NatsPartitionWorker } from '../../src/monitor-service/nats/index.js';
import { PACK_ERROR_RULE_ID } from '../../src/monitor-service/pack-loader.js';
import type { RulePack } from '../../src/monitor/index.js';
import { signInstruction, type TestCustomer } from '../support/books.js';
import { until, useNatsTestBed } from '../support/nats-test-bed.js';

const NATS_URL = process.env.NATS_URL;
const PARTITIONS = 4;

describe.skipIf(NATS_URL === undefined || NATS_URL === '')('monitoring over NATS JetStream', () => {
  const bed = useNatsTestBed(NATS_URL, 10);
  const { customer } = bed;
  const topology = () => bed.topology(PARTITIONS);

  function deposit(to: TestCustomer, amountMinor: bigint, device: string, ownName = true) {
    return {
      type: 'deposit',
      idempotencyKey: randomUUID(),
      currency: 'CNY',
      amountMinor,
      purpose: 'topup',
      payeeAccountId: to.accountId,
      channel: bed.custody.hashChannel(bed.books.platformId, {
        deviceId: device,
        ip: `10.0.0.${device.length}`,
        fundingAccountOwnName: ownName,
      }),
    } satisfies InstructionInput;
  }

  function transfer(from: TestCustomer, to: TestCustomer, amountMinor: bigint): InstructionInput {
    return signInstruction(
      bed.books.platformId,
      from,
      {
        type: 'transfer',
        idempotencyKey: randomUUID(),
        currency: 'CNY',
        amountMinor,
        purpose: 'p2p',
        payerAccountId: from.accountId,
        payeeAccountId: to.accountId,
      },
      to.accountId,
    );
  }

  /** Large deposits, a device three customers share, pass-through across customers. */
  function activity(round: number): InstructionInput[] {
    const inputs: InstructionInput[] = [];
    for (let index = 0; index < 10; index += 1)
      inputs.push(
        deposit(customer(index), 1_000_000n * BigInt(index + 1) + BigInt(round), `own-${index}`),
      );
    for (const index of [0, 1, 2]) inputs.push(deposit(customer(index), 200_000n, 'shared-1'));
    inputs.push(deposit(customer(3), 60_000_000n, 'own-3', false));
    inputs.push(deposit(customer(4), 30_000_000n, 'own-4'));
    inputs.push(transfer(customer(4), customer(5), 25_000_000n));
    inputs.push(transfer(customer(5), customer(6), 24_000_000n));
    inputs.push(transfer(customer(6), customer(7), 2_000_000n + BigInt(round)));
    for (let index = 0; index < 8; index += 1)
      inputs.push(transfer(customer(7), customer(index === 7 ? 8 : index), 100_000n));
    return inputs;
  }

  async function submitAll(inputs: InstructionInput[]): Promise<void> {
    for (const input of inputs) {
      const result = await bed.custody.submit(bed.books.platform, bed.books.platformId, input);
      if (!result.ok) throw new Error(result.error.message);
    }
  }

  function collector() {
    const alerts: AlertInput[] = [];
    return {
      alerts,
      writeAlerts: async (_tx: unknown, batch: AlertInput[]) => {
        alerts.push(...batch);
      },
    };
  }

  async function reference(): Promise<AlertInput[]> {
    const sink = collector();
    const service = new MonitorService(bed.db, { consumer: `ref-${randomUUID()}`, ...sink });
    await service.restore();
    await service.catchUp();
    return sink.alerts;
  }

  const keys = (alerts: AlertInput[]) => alerts.map((a) => a.alertKey).sort();

  /** The whole feed through a publisher and one worker per partition, to the end. */
  async function throughNats(packFor?: () => Promise<RulePack>) {
    const names = topology();
    const sink = collector();
    const publisher = new NatsFeedPublisher(bed.db, bed.nc, names, {
      consumer: `pub-${names.stream}`,
      ...(packFor === undefined ? {} : { packFor }),
      ...sink,
    });
    const workers = Array.from(
      { length: PARTITIONS },
      (_, partition) =>
        new NatsPartitionWorker(bed.db, bed.nc, names, partition, {
          cursorPrefix: names.stream,
          ...(packFor === undefined ? {} : { packFor }),
          ...sink,
        }),
    );
    await publisher.start();
    for (const worker of workers) await worker.start();
    await publisher.catchUp();
    const sent = () => publisher.stats().published - publisher.stats().duplicates;
    const seen = () => workers.reduce((n, w) => n + w.stats().events + w.stats().skipped, 0);
    await until(() => seen() === sent(), 'the workers', workers);
    await publisher.stop();
    for (const worker of workers) await worker.stop();
    return { alerts: sink.alerts, publisher, workers, sent: sent() };
  }

  it('two workers and the publisher raise the alerts of one in-process service', async () => {
    await submitAll([...activity(0), ...activity(1)]);
    const expected = await reference();
    const { alerts, publisher, workers, sent } = await throughNats();

    expect(expected.length).toBeGreaterThan(5);
    const rules = new Set(expected.map((a) => a.ruleId));
    expect(rules.has('cn.shared_device')).toBe(true);
    expect(rules.has('cn.rapid_pass_through'), [...rules].join()).toBe(true);
    expect(keys(alerts)).toEqual(keys(expected));
    // Events between customers of two partitions were evaluated in both.
    expect(sent).toBeGreaterThan(publisher.stats().leafIndex >= 0 ? 0 : 1);
    expect(workers.some((w) => w.stats().engines > 0)).toBe(true);
  });

  it('a worker restarted mid-stream loses and repeats nothing; a republished page is dropped', async () => {
    const names = topology();
    const sink = collector();
    const options = { cursorPrefix: names.stream, snapshotEveryEvents: 7, fetchBatch: 5, ...sink };
    const publisher = new NatsFeedPublisher(bed.db, bed.nc, names, {
      consumer: `pub-${names.stream}`,
      snapshotEveryEvents: 20,
      feedBatchSize: 10,
      ...sink,
    });
    const make = (partition: number) =>
      new NatsPartitionWorker(bed.db, bed.nc, names, partition, options);
    const workers = [0, 1, 2, 3].map(make);
    await publisher.start();
    for (const worker of workers) await worker.start();
    await publisher.catchUp();
    const sent = () => publisher.stats().published - publisher.stats().duplicates;
    const seen = () => workers.reduce((n, w) => n + w.stats().events + w.stats().skipped, 0);
    // The first partition to get going stops part of the way through what was published so far.
    // Customers land on partitions by a hash of random ids, so any one partition may get none.
    const started = () => workers.findIndex((w) => w.stats().events >= 5);
    await until(() => started() >= 0, 'a partition to start');
    const victimIndex = started();
    const victim = workers[victimIndex];
    if (victim === undefined) throw new Error('no worker');
    await victim.stop();
    const before = victim.stats();
    await submitAll(activity(2));
    await publisher.catchUp();
    // A publisher that lost its position publishes everything again: all of it is dropped (its
    // shared-key alerts are those the first one wrote, so they go nowhere here).
    const again = new NatsFeedPublisher(bed.db, bed.nc, names, {
      consumer: `pub2-${names.stream}`,
      writeAlerts: async () => {},
    });
    await again.start();
    await again.catchUp();
    await again.stop();
    expect(again.stats().duplicates).toBe(again.stats().published);

    const restarted = make(victimIndex);
    await restarted.start();
    workers[victimIndex] = restarted;
    const carried = before.events + before.skipped;
    await until(() => seen() + carried === sent(), 'the workers after the restart', workers);
    await publisher.stop();
    for (const worker of workers) await worker.stop();

    const expected = await reference();
    expect(restarted.stats().events).toBeGreaterThan(0);
    const written = keys(sink.alerts);
    expect(new Set(written).size).toBe(written.length);
    expect(written).toEqual(keys(expected));
  });

  it('a relationship ending reaches its customer’s partition, whose closure rule looks back', async () => {
    const leaving = customer(9);
    await submitAll([deposit(leaving, 60_000_000n, 'own-9')]);
    const [account] = await bed.db.query<{ balance: string }>(
      'SELECT (credits_posted - debits_posted)::text AS balance FROM accounts WHERE id = $1',
      [leaving.accountId],
    );
    await submitAll([transfer(leaving, customer(8), BigInt(account?.balance ?? '0'))]);
    await bed.db.transaction((tx) =>
      endRelationship(tx, 'compliance', bed.books.platformId, leaving.customerId, {
        endedAtMs: Date.now(),
        reason: 'customer request',
      }),
    );
    const expected = await reference();
    expect(
      expected.filter((a) => a.ruleId === 'cn.flows_before_closure').map((a) => a.customerId),
    ).toEqual([leaving.customerId]);

    expect(keys((await throughNats()).alerts)).toEqual(keys(expected));
  });

  it('goes on with the CN pack when the stored rules cannot be used, and says so', async () => {
    const expected = await reference();
    const { alerts } = await throughNats(async () => {
      throw new Error('stored rules do not form a valid pack: a cycle');
    });
    const packAlerts = alerts.filter((a) => a.ruleId === PACK_ERROR_RULE_ID);
    expect(packAlerts.length).toBeGreaterThanOrEqual(1);
    expect(packAlerts.every((a) => a.severity === 'critical')).toBe(true);
    expect(keys(alerts.filter((a) => a.ruleId !== PACK_ERROR_RULE_ID))).toEqual(keys(expected));
  });
});
