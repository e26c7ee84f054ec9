import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideApproval, openApproval } from '../../src/approvals/index.js';
import {
  authenticateApiKey,
  createPrincipalWithKey,
  type Principal,
} from '../../src/security/index.js';
import { revokeApiKey, rotateApiKey } from '../../src/security/staff-admin.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

let db: Database;
let books: TestBooks;
let secondAdmin: Principal;
let auditor: Principal;

beforeAll(async () => {
  db = await createTestDatabase();
  books = await createTestBooks(db, 1);
  secondAdmin = (
    await db.transaction((tx) =>
      createPrincipalWithKey(tx, {
        kind: 'staff',
        platformId: null,
        role: 'admin',
        name: 'second admin',
      }),
    )
  ).principal;
  auditor = (
    await db.transaction((tx) =>
      createPrincipalWithKey(tx, {
        kind: 'staff',
        platformId: null,
        role: 'auditor',
        name: 'auditor',
      }),
    )
  ).principal;
}, 60_000);
afterAll(() => db.close());

async function freezeLiftRequest(): Promise<string> {
  return db.transaction((tx) =>
    openApproval(tx, books.staff, {
      platformId: books.platformId,
      action: 'freeze.lift',
      payload: { freezeId: 'frz_none' },
      reason: 'test request',
    }),
  );
}

describe('four-eyes approvals', () => {
  it('refuses a decider whose role lacks the action permission', async () => {
    const id = await freezeLiftRequest();
    const decided = await decideApproval(db, auditor, id, 'approve', 'looks fine');
    expect(decided.ok ? 'approved' : decided.error.code).toBe('forbidden');
  });

  it('refuses the requester, at the database too', async () => {
    const id = await freezeLiftRequest();
    const decided = await decideApproval(db, books.staff, id, 'reject', 'my own');
    expect(decided.ok ? 'decided' : decided.error.code).toBe('self_approval');
    await expect(
      db.query(
        `UPDATE approvals SET status = 'approved', decided_by = requested_by WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow();
  });

  it('expires a request nobody decided in time', async () => {
    const id = await freezeLiftRequest();
    await db.query(`UPDATE approvals SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      id,
    ]);
    const decided = await decideApproval(db, secondAdmin, id, 'approve', 'too late');
    expect(decided.ok ? 'approved' : decided.error.code).toBe('approval_expired');
    const rows = await db.query<{ status: string }>('SELECT status FROM approvals WHERE id = $1', [
      id,
    ]);
    expect(rows[0]?.status).toBe('expired');
  });
});

describe('API key rotation', () => {
  it('activates the new key only on approval, then retires the old one after the overlap', async () => {
    const rotated = await rotateApiKey(db, books.staff, books.platform.id, {
      label: 'rotation 1',
      overlapMs: 60_000,
      reason: 'yearly rotation',
    });
    if (!rotated.ok) throw new Error(rotated.error.message);
    expect(await authenticateApiKey(db, rotated.value.apiKey)).toBeNull();
    const approved = await decideApproval(
      db,
      secondAdmin,
      rotated.value.approvalId,
      'approve',
      'ok',
    );
    expect(approved.ok).toBe(true);
    expect((await authenticateApiKey(db, rotated.value.apiKey))?.id).toBe(books.platform.id);
    // The old key still works during the overlap …
    expect((await authenticateApiKey(db, books.apiKey))?.id).toBe(books.platform.id);
    // … and not after it.
    await db.query(
      `UPDATE api_keys SET expires_at = now() - interval '1 second'
       WHERE principal_id = $1 AND label <> 'rotation 1'`,
      [books.platform.id],
    );
    expect(await authenticateApiKey(db, books.apiKey)).toBeNull();
    const events = await db.query<{ detail: { stage: string } }>(
      "SELECT detail FROM security_events WHERE kind = 'key_rotation' ORDER BY id",
    );
    expect(events.map((e) => e.detail.stage)).toEqual(['requested', 'activated']);
  });

  it('closes the request of a rotated key revoked before approval', async () => {
    const rotated = await rotateApiKey(db, books.staff, books.platform.id, {
      label: 'rotation 2',
      reason: 'again',
    });
    if (!rotated.ok) throw new Error(rotated.error.message);
    const revoked = await revokeApiKey(db, secondAdmin, rotated.value.keyId, 'leaked in a ticket');
    expect(revoked.ok).toBe(true);
    const rows = await db.query<{ status: string }>('SELECT status FROM approvals WHERE id = $1', [
      rotated.value.approvalId,
    ]);
    expect(rows[0]?.status).toBe('expired');
  });
});
