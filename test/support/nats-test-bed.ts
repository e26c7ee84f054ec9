import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll } from 'vitest';
import { Custody } from '../../src/custody/index.js';
import type { NatsTopology } from '../../src/monitor-service/nats/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks, type TestCustomer } from './books.js';
import { createTestDatabase } from './test-database.js';

/** A database with test books, custody over it and a NATS connection, for one describe block. */
export interface NatsTestBed {
  db: Database;
  books: TestBooks;
  custody: Custody;
  nc: NatsConnection;
  /** Streams the tests created: deleted after the block. */
  streams: string[];
  customer(index: number): TestCustomer;
  /** A stream and subjects of its own (deleted after the block) with `partitionCount` partitions. */
  topology(partitionCount: number): NatsTopology;
}

/**
 * Waits until `condition` holds, polling every 50 ms, for at most 30 s. With `workers`, fails at
 * once, with the cause, when one of them has stopped on an error (a stopped worker never
 * catches up, and the timeout alone would not say why).
 */
export async function until(
  condition: () => boolean,
  what: string,
  workers: readonly { failure(): unknown }[] = [],
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    const failed = workers.find((worker) => (worker.failure() ?? null) !== null);
    if (failed !== undefined)
      throw new Error(`a worker stopped while waiting for ${what}`, { cause: failed.failure() });
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Registers the block's set-up (a fresh database with `customers` customers, custody, a NATS
 * connection to `natsUrl`) and tear-down (the streams listed in `streams` deleted, everything
 * closed). The fields are set once the block's beforeAll has run.
 */
export function useNatsTestBed(natsUrl: string | undefined, customers: number): NatsTestBed {
  const bed = {
    streams: [] as string[],
    customer(index: number): TestCustomer {
      const found = bed.books.customers[index];
      if (found === undefined) throw new Error(`no customer ${index}`);
      return found;
    },
    topology(partitionCount: number): NatsTopology {
      const tag = randomBytes(4).toString('hex');
      const stream = `CUSTOS_TEST_${tag}`;
      bed.streams.push(stream);
      return { stream, subjectPrefix: `custos-test.${tag}.events`, partitionCount };
    },
  } as NatsTestBed;
  beforeAll(async () => {
    bed.db = await createTestDatabase();
    bed.books = await createTestBooks(bed.db, customers);
    bed.custody = new Custody(bed.db);
    bed.nc = await connect({ servers: natsUrl });
  }, 120_000);
  afterAll(async () => {
    const jsm = await bed.nc.jetstreamManager();
    for (const stream of bed.streams) await jsm.streams.delete(stream).catch(() => false);
    await bed.nc.drain();
    await bed.custody.close();
    await bed.db.close();
  });
  return bed;
}
