import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertInput } from '../../src/cases/alert-input.js';
import type { InstructionInput } from '../../src/custody/index.js';
import { MonitorService } from '../../src/monitor-service/monitor-service.js';
import { NatsFeedPublisher, NatsPartitionWorker } from '../../src/monitor-service/nats/index.js';
import { until, useNatsTestBed } from '../support/nats-test-bed.js';

const NATS_URL = process.env.NATS_URL;
const PARTITIONS = 4;
const MULE = 'cn.typology.money_mule';

/**
 * The CN money-mule typology reads device and IP rules (evaluated beside the publisher) and
 * customer rules (evaluated in the partitions). Over NATS, with two workers holding the
 * partitions, a publisher crash between publishing and storing its position, and workers
 * rebuilt from the stream, the alerts are those of one in-process service.
 */
describe.skipIf(NATS_URL === undefined || NATS_URL === '')(
  'typologies mixing shared-key and customer rules over NATS',
  () => {
    const bed = useNatsTestBed(NATS_URL, 8);
    const { customer } = bed;
    const topology = () => bed.topology(PARTITIONS);
    let ipSequence = 0;

    /** A deposit from `device`, each from an address of its own (no shared-IP outcome). */
    function deposit(index: number, device: string, ownName = true): InstructionInput {
      ipSequence += 1;
      return {
        type: 'deposit',
        idempotencyKey: randomUUID(),
        currency: 'CNY',
        amountMinor: 300_000n + BigInt(index),
        purpose: 'topup',
        payeeAccountId: customer(index).accountId,
        channel: bed.custody.hashChannel(bed.books.platformId, {
          deviceId: device,
          ip: `10.9.${Math.floor(ipSequence / 250)}.${ipSequence % 250}`,
          fundingAccountOwnName: ownName,
        }),
      } satisfies InstructionInput;
    }

    async function submitAll(inputs: InstructionInput[]): Promise<void> {
      for (const input of inputs) {
        const result = await bed.custody.submit(bed.books.platform, bed.books.platformId, input);
        if (!result.ok) throw new Error(result.error.message);
      }
    }

    async function reference(): Promise<AlertInput[]> {
      const alerts: AlertInput[] = [];
      const service = new MonitorService(bed.db, {
        consumer: `ref-${randomUUID()}`,
        writeAlerts: async (_tx, batch) => {
          alerts.push(...batch);
        },
      });
      await service.restore();
      await service.catchUp();
      return alerts;
    }

    const keys = (alerts: readonly AlertInput[]) => alerts.map((a) => a.alertKey).sort();

    it('raises the mixed typology alerts of one process, across a publisher crash and worker restarts', async () => {
      const names = topology();
      const written: AlertInput[] = [];
      let failNextWrite = false;
      const writeAlerts = async (_tx: unknown, batch: AlertInput[]) => {
        if (failNextWrite) {
          failNextWrite = false;
          throw new Error('the publisher stops before its position is stored');
        }
        written.push(...batch);
      };
      const workerOptions = { cursorPrefix: names.stream, writeAlerts };
      // Two processes, two partitions each; no snapshot is due, so a restart replays the stream.
      const startWorkers = async () => {
        const workers = [0, 1, 2, 3].map(
          (partition) => new NatsPartitionWorker(bed.db, bed.nc, names, partition, workerOptions),
        );
        for (const worker of workers) await worker.start();
        return workers;
      };
      const seen = (workers: NatsPartitionWorker[]) =>
        workers.reduce((n, w) => n + w.stats().events + w.stats().skipped, 0);
      const publisherOptions = { consumer: `pub-${names.stream}`, pollIntervalMs: 60_000 };
      const first = new NatsFeedPublisher(bed.db, bed.nc, names, {
        ...publisherOptions,
        writeAlerts,
      });
      await first.start();
      let workers = await startWorkers();

      // c0: third-party funding (customer rule), then the third customer on one device (the
      // shared-key rule) completes the typology. c5: only the device outcome so far.
      await submitAll([
        deposit(0, 'own-0', false),
        deposit(1, 'mule-1'),
        deposit(2, 'mule-1'),
        deposit(0, 'mule-1'),
        deposit(3, 'mule-2'),
        deposit(4, 'mule-2'),
        deposit(5, 'mule-2'),
      ]);
      await first.catchUp();
      const firstSent = () => first.stats().published - first.stats().duplicates;
      await until(() => seen(workers) === firstSent(), 'the workers', workers);
      expect(first.stats().withOutcomes).toBeGreaterThan(0);
      for (const worker of workers) await worker.stop();
      const seenBefore = seen(workers);

      // c5's own third-party funding now completes its typology with the device outcome the
      // restarted worker can only have from the replayed stream. Another device gives the
      // publisher alerts to write, and the write fails after the page was published.
      await submitAll([
        deposit(5, 'own-5', false),
        deposit(6, 'mule-3'),
        deposit(7, 'mule-3'),
        deposit(1, 'mule-3'),
      ]);
      failNextWrite = true;
      await expect(first.catchUp()).rejects.toThrow(/before its position is stored/);
      await first.stop();
      const second = new NatsFeedPublisher(bed.db, bed.nc, names, {
        ...publisherOptions,
        writeAlerts,
      });
      await second.start();
      await second.catchUp();
      expect(second.stats().published).toBeGreaterThan(0);
      expect(second.stats().duplicates).toBe(second.stats().published);

      workers = await startWorkers();
      await until(
        () => seenBefore + seen(workers) === firstSent(),
        'the restarted workers',
        workers,
      );
      await second.stop();
      for (const worker of workers) await worker.stop();

      const expected = await reference();
      const mules = expected.filter((a) => a.ruleId === MULE).map((a) => a.customerId);
      expect(mules.sort()).toEqual([customer(0).customerId, customer(5).customerId].sort());
      expect(new Set(keys(written)).size).toBe(written.length);
      expect(keys(written)).toEqual(keys(expected));
    });
  },
);
