import { describe, expect, it } from 'vitest';
import { freshDataDir, runCustosCli as custos } from '../support/cli-harness.js';

// Goal: `custos customers rate` rates a whole platform with progress on stderr, or one
// customer, and `custos customers risk` prints each factor's part. Method: the CLI on a PGlite
// data folder, as an operator runs it.

/** Seven CLI runs, each starting Node and opening the data folder. */
const CLI_FLOW_TIMEOUT_MS = 300_000;

describe('custos customers rate / risk', () => {
  it(
    'rates a platform with progress, then one customer, and explains a rating',
    () => {
      const dataDir = freshDataDir('risk-cli');
      const created = custos(dataDir, ['--json', 'platforms', 'create', 'Risk CLI Platform']);
      expect(created.status).toBe(0);
      const platformId = JSON.parse(created.stdout).platform.id as string;
      const ids: string[] = [];
      for (const name of ['Wang Fang', 'Li Na']) {
        const customer = custos(dataDir, [
          '--json',
          'customers',
          'create',
          '-p',
          platformId,
          '--ref',
          name,
          '--name',
          name,
        ]);
        expect(customer.status).toBe(0);
        ids.push(JSON.parse(customer.stdout).id as string);
      }
      const all = custos(dataDir, ['customers', 'rate', '-p', platformId]);
      expect(all.status).toBe(0);
      expect(all.stderr).toContain('rated 2/2 customers (100%)');
      expect(all.stdout).toContain('rated 2 customers: 0 high, 2 medium, 0 low');
      const one = custos(dataDir, [
        '--json',
        'customers',
        'rate',
        '-p',
        platformId,
        '--customer',
        ids[0] ?? '',
      ]);
      expect(one.status).toBe(0);
      expect(JSON.parse(one.stdout)).toMatchObject({
        customerId: ids[0],
        level: 'medium',
        score: 30,
      });
      const shown = custos(dataDir, ['customers', 'risk', '-p', platformId, ids[1] ?? '']);
      expect(shown.status).toBe(0);
      expect(shown.stdout).toContain(`${ids[1]}: medium (score 30`);
      expect(shown.stdout).toMatch(/geography\s+10\s+no country known/);
      const unknown = custos(dataDir, ['customers', 'risk', '-p', platformId, 'cus_unknown']);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('cus_unknown not found');
    },
    CLI_FLOW_TIMEOUT_MS,
  );
});
