import { appendAuditRecords } from '../audit/audit-record-store.js';
import { newId, type Queryable } from '../store/index.js';
import { RESCREEN_BATCH } from './screening-limits.js';
import type { ScreeningService } from './screening-service.js';
import { countParties, partyPage } from './store/party-source.js';
import type { PartyKind } from './store/result-store.js';

export interface RescreenRunView {
  id: string;
  reason: string;
  listsFingerprint: string;
  status: 'running' | 'done' | 'failed';
  partiesTotal: number;
  partiesDone: number;
  partiesHit: number;
  reviewsOpened: number;
  error: string | null;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
}

function runOf(r: Record<string, unknown>): RescreenRunView {
  return {
    id: String(r.id),
    reason: String(r.reason),
    listsFingerprint: String(r.lists_fingerprint),
    status: r.status as RescreenRunView['status'],
    partiesTotal: Number(r.parties_total),
    partiesDone: Number(r.parties_done),
    partiesHit: Number(r.parties_hit),
    reviewsOpened: Number(r.reviews_opened),
    error: (r.error as string | null) ?? null,
    startedBy: String(r.started_by),
    startedAt: new Date(r.started_at as string).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at as string).toISOString(),
  };
}

export async function getRescreenRun(db: Queryable, id: string): Promise<RescreenRunView | null> {
  const rows = await db.query('SELECT * FROM screening_rescreen_runs WHERE id = $1', [id]);
  return rows[0] === undefined ? null : runOf(rows[0]);
}

export async function listRescreenRuns(db: Queryable, limit: number): Promise<RescreenRunView[]> {
  const rows = await db.query('SELECT * FROM screening_rescreen_runs ORDER BY id DESC LIMIT $1', [
    limit,
  ]);
  return rows.map(runOf);
}

/** Runs in flight in this process, so a second request joins the first. */
const running = new Map<ScreeningService, { id: string; done: Promise<void> }>();

/**
 * Starts rescreening every active customer and bank account holder against the current
 * lists, in batches, recording progress on the run row. One run per process at a time: a
 * request while one runs gets that run. Returns at once; `done` settles when it ends.
 */
export async function startRescreen(
  service: ScreeningService,
  actor: string,
  reason: string,
): Promise<{ id: string; done: Promise<void>; joined: boolean }> {
  const current = running.get(service);
  if (current !== undefined) return { ...current, joined: true };
  await service.reload();
  const db = service.db;
  const id = newId('srr');
  const total = await countParties(db);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO screening_rescreen_runs (id, reason, lists_fingerprint, status, parties_total,
         parties_done, started_by) VALUES ($1, $2, $3, 'running', $4, 0, $5)`,
      [id, reason.slice(0, 500), service.fingerprint, total, actor],
    );
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor,
        action: 'screening.rescreen_started',
        subjectType: 'screening_rescreen_run',
        subjectId: id,
        payload: { reason, listsFingerprint: service.fingerprint, partiesTotal: total },
        atMs: Date.now(),
      },
    ]);
  });
  const done = run(service, id).finally(() => running.delete(service));
  running.set(service, { id, done });
  return { id, done, joined: false };
}

async function run(service: ScreeningService, id: string): Promise<void> {
  const db = service.db;
  let done = 0;
  let hit = 0;
  let opened = 0;
  try {
    for (const kind of ['customer', 'bank_account'] as PartyKind[]) {
      let after = '';
      for (;;) {
        const page = await partyPage(db, kind, after, RESCREEN_BATCH);
        if (page.lastId === null) break;
        after = page.lastId;
        for (const p of page.parties) service.rememberParty(p);
        const results = await service.screenParties(page.parties, 'rescreen');
        done += page.parties.length;
        hit += results.filter((r) => r.hits.length > 0).length;
        opened += results.reduce((n, r) => n + r.opened.length, 0);
        await db.query(
          `UPDATE screening_rescreen_runs SET parties_done = $2, parties_hit = $3,
             reviews_opened = $4, parties_total = GREATEST(parties_total, $2) WHERE id = $1`,
          [id, done, hit, opened],
        );
      }
    }
    await finish(service, id, 'done', null);
  } catch (error) {
    await finish(service, id, 'failed', error instanceof Error ? error.message : String(error));
  }
}

async function finish(
  service: ScreeningService,
  id: string,
  status: 'done' | 'failed',
  error: string | null,
): Promise<void> {
  await service.db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE screening_rescreen_runs SET status = $2, error = $3, finished_at = now()
       WHERE id = $1 RETURNING *`,
      [id, status, error === null ? null : error.slice(0, 2_000)],
    );
    const view = rows[0] === undefined ? null : runOf(rows[0]);
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor: 'system:screening',
        action: `screening.rescreen_${status}`,
        subjectType: 'screening_rescreen_run',
        subjectId: id,
        payload: {
          partiesDone: view?.partiesDone ?? 0,
          partiesHit: view?.partiesHit ?? 0,
          reviewsOpened: view?.reviewsOpened ?? 0,
          error,
        },
        atMs: Date.now(),
      },
    ]);
  });
}
