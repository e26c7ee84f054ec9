import { describe, expect, it } from 'vitest';
import {
  isStaleTestDatabase,
  STALE_TEST_DATABASE_MS,
  testDatabaseName,
} from '../support/postgres-template.js';

const NOW_MS = Date.UTC(2026, 10, 28, 12);

describe('test database names', () => {
  it('are fresh until the stale age, then stale', () => {
    for (const kind of ['template', 'test', 'crash'] as const) {
      const name = testDatabaseName(kind, NOW_MS);
      expect(name).toMatch(new RegExp(`^custos_${kind}_[0-9a-z]+_[0-9a-f]{12}$`));
      expect(name.length).toBeLessThanOrEqual(63);
      expect(isStaleTestDatabase(name, NOW_MS)).toBe(false);
      expect(isStaleTestDatabase(name, NOW_MS + STALE_TEST_DATABASE_MS - 1000)).toBe(false);
      expect(isStaleTestDatabase(name, NOW_MS + STALE_TEST_DATABASE_MS + 1000)).toBe(true);
    }
  });

  it('are unique within one second', () => {
    const names = Array.from({ length: 100 }, () => testDatabaseName('test', NOW_MS));
    expect(new Set(names).size).toBe(100);
  });

  it('count names of the earlier form as stale and never touch other databases', () => {
    expect(isStaleTestDatabase('custos_template_0a1b2c3d4e5f', NOW_MS)).toBe(true);
    expect(isStaleTestDatabase('custos_test_0a1b2c3d4e5f', NOW_MS)).toBe(true);
    for (const name of ['custos', 'custos_prod', 'custos_bench_0a1b', 'test', 'postgres'])
      expect(isStaleTestDatabase(name, NOW_MS + 10 * STALE_TEST_DATABASE_MS)).toBe(false);
  });
});
