import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateDataKeys } from '../../src/security/field-encryption/index.js';
import { personalDataVaultOf } from '../../src/security/personal-data.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

// Complaint text is sealed piece by piece under the platform's data key, outside the tables
// rotation re-encrypts. Rotating must therefore keep the old key version (decrypt_only, not
// retired) and the complaint readable, rather than erase the key the text needs.
let api: ApiHarness;

beforeAll(async () => {
  api = await createApiHarness();
});
afterAll(() => api.close());

describe('key rotation with sealed complaint text', () => {
  it('keeps the old version while sealed text needs it, and the text stays readable', async () => {
    const platformId = api.books.platformId;
    const base = `/v1/platforms/${platformId}`;
    const lodged = await api.call('POST', `${base}/complaints`, {
      body: {
        customerId: api.books.customers[0]?.customerId,
        category: 'service',
        subject: 'Slow answer',
        description: '客服一直没有回复 — no answer for a week',
      },
    });
    expect(lodged.status).toBe(201);
    const before = await api.db.query<{ version: number; status: string }>(
      'SELECT version, status FROM data_keys WHERE platform_id = $1 ORDER BY version',
      [platformId],
    );
    const results = await rotateDataKeys(api.db, personalDataVaultOf(api.db), {
      platformId,
      actor: 'rotation test',
    });
    expect(results[0]?.retiredVersions).toEqual([]);
    const after = await api.db.query<{ version: number; status: string }>(
      'SELECT version, status FROM data_keys WHERE platform_id = $1 ORDER BY version',
      [platformId],
    );
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((key) => key.status === 'retired')).toEqual([]);
    const officer = await api.db.transaction((tx) =>
      createPrincipalWithKey(tx, {
        kind: 'staff',
        platformId: null,
        role: 'compliance_officer',
        name: 'rotation reader',
      }),
    );
    const read = await api.call('GET', `${base}/complaints/${String(lodged.body.complaintId)}`, {
      key: officer.apiKey,
    });
    expect(read.status).toBe(200);
    expect(read.body.description).toBe('客服一直没有回复 — no answer for a week');
  });
});
