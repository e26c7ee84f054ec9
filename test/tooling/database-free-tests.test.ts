import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script of the test command, without type declarations.
import { databaseFreeTests } from '../../scripts/database-free-tests.mjs';

// The PostgreSQL pass skips the files this lists, so a file that does reach a database must
// never be listed: it would then be tested on PGlite only, without any failure showing it.
describe('database-free test files', () => {
  const free = new Set(databaseFreeTests() as string[]);

  it('lists pure tests', () => {
    for (const file of ['src/money/amount.test.ts', 'src/monitor/monitoring-engine.test.ts'])
      expect(free.has(file), file).toBe(true);
  });

  it('never lists a test that opens a database, directly or through a helper', () => {
    for (const file of [
      'src/store/migrate.test.ts',
      'test/custody/gate-holds.test.ts',
      'test/screening/gates-together.test.ts',
      'test/monitoring/nats-scale-out.test.ts',
      'test/crash/crash-safety.test.ts',
    ])
      expect(free.has(file), file).toBe(false);
  });
});
