import { assert } from '../assert.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { checkOwner } from './owners.js';
import { PARTNER_COLUMNS, partnerView, type PartnerView } from './partner-view.js';
import { addDays, PARTNER_REVIEW_CADENCE_DAYS, todayCst } from './review-schedule.js';
import type { NewPartner, PartnerChange } from './risk-inputs.js';
import { riskAudit } from './risk-audit.js';
import { RISK_LIMITS } from './risk-limits.js';
import { riskFailure, riskSuccess, type RiskResult } from './risk-result.js';
import type { PartnerKind } from './risk-types.js';

function horizon(nowMs: number): string {
  return addDays(todayCst(nowMs), RISK_LIMITS.qualificationWarnDays);
}

export async function findPartner(
  db: Queryable,
  platformId: string,
  partnerId: string,
  options: { lock?: boolean; nowMs?: number } = {},
): Promise<PartnerView | null> {
  const nowMs = options.nowMs ?? Date.now();
  const rows = await db.query(
    `SELECT ${PARTNER_COLUMNS} FROM partners p WHERE p.platform_id = $1 AND p.id = $3
     ${options.lock === true ? 'FOR UPDATE OF p' : ''}`,
    [platformId, horizon(nowMs), partnerId],
  );
  return rows[0] === undefined ? null : partnerView(rows[0], todayCst(nowMs));
}

export async function listPartners(
  db: Queryable,
  platformId: string,
  filter: { kind?: PartnerKind; ownerId?: string; overdue?: boolean; limit?: number },
  nowMs = Date.now(),
): Promise<PartnerView[]> {
  const where = ['p.platform_id = $1'];
  const params: unknown[] = [platformId, horizon(nowMs)];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.kind !== undefined) add('p.kind = ?', filter.kind);
  if (filter.ownerId !== undefined) add('p.owner_id = ?', filter.ownerId);
  if (filter.overdue === true)
    add("p.status = 'active' AND p.next_review_on < ?::date", todayCst(nowMs));
  params.push(Math.min(filter.limit ?? RISK_LIMITS.pageSizeDefault, RISK_LIMITS.pageSizeMax));
  const rows = await db.query(
    `SELECT ${PARTNER_COLUMNS} FROM partners p WHERE ${where.join(' AND ')}
     ORDER BY p.next_review_on, p.name LIMIT $${params.length}`,
    params,
  );
  const today = todayCst(nowMs);
  return rows.map((row) => partnerView(row, today));
}

async function checkRisks(tx: Queryable, platformId: string, riskIds: readonly string[]) {
  if (riskIds.length === 0) return riskSuccess(true);
  const unique = [...new Set(riskIds)];
  const rows = await tx.query<{ id: string }>(
    'SELECT id FROM risks WHERE platform_id = $1 AND id = ANY($2::text[])',
    [platformId, unique],
  );
  const known = new Set(rows.map((r) => r.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0)
    return riskFailure<true>('not_found', `unknown risk on this platform: ${missing.join(', ')}`);
  return riskSuccess(true);
}

async function writePartnerRisks(tx: Queryable, partnerId: string, riskIds: readonly string[]) {
  await tx.query('DELETE FROM partner_risks WHERE partner_id = $1', [partnerId]);
  if (riskIds.length === 0) return;
  await tx.query(
    `INSERT INTO partner_risks (partner_id, risk_id) SELECT $1, r FROM unnest($2::text[]) AS r`,
    [partnerId, [...new Set(riskIds)]],
  );
}

export async function createPartner(
  db: Database,
  platformId: string,
  input: NewPartner,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<PartnerView>> {
  return db.transaction(async (tx) => {
    const owner = await checkOwner(tx, input.ownerId);
    if (!owner.ok) return owner;
    const risks = await checkRisks(tx, platformId, input.riskIds);
    if (!risks.ok) return risks;
    const taken = await tx.query('SELECT 1 FROM partners WHERE platform_id = $1 AND name = $2', [
      platformId,
      input.name,
    ]);
    if (taken.length > 0) return riskFailure('duplicate', `partner ${input.name} exists`);
    const id = newId('ptn', nowMs);
    const cadence = input.reviewCadenceDays ?? PARTNER_REVIEW_CADENCE_DAYS.unrated;
    // A new partner is reviewed at once: onboarding due diligence is due today.
    await tx.query(
      `INSERT INTO partners (id, platform_id, name, kind, services, owner_id, rating,
         review_cadence_days, next_review_on, status, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8::date, 'active', $9, $10, $10)`,
      [
        id,
        platformId,
        input.name,
        input.kind,
        input.services,
        input.ownerId,
        cadence,
        todayCst(nowMs),
        actor,
        new Date(nowMs),
      ],
    );
    await writePartnerRisks(tx, id, input.riskIds);
    await riskAudit(tx, {
      actor,
      platformId,
      action: 'partner.created',
      subjectType: 'partner',
      subjectId: id,
      payload: {
        name: input.name,
        kind: input.kind,
        ownerId: input.ownerId,
        riskIds: input.riskIds,
      },
      nowMs,
    });
    const created = await findPartner(tx, platformId, id, { nowMs });
    assert(created !== null, 'the partner just written is found');
    return riskSuccess(created);
  });
}

export async function changePartner(
  db: Database,
  platformId: string,
  partnerId: string,
  change: PartnerChange,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<PartnerView>> {
  if (Object.values(change).every((v) => v === undefined))
    return riskFailure('validation_failed', 'nothing to change');
  return db.transaction(async (tx) => {
    const partner = await findPartner(tx, platformId, partnerId, { lock: true, nowMs });
    if (partner === null) return riskFailure('not_found', `partner ${partnerId} not found`);
    if (change.ownerId !== undefined) {
      const owner = await checkOwner(tx, change.ownerId);
      if (!owner.ok) return owner;
    }
    if (change.riskIds !== undefined) {
      const risks = await checkRisks(tx, platformId, change.riskIds);
      if (!risks.ok) return risks;
      await writePartnerRisks(tx, partnerId, change.riskIds);
    }
    await tx.query(
      `UPDATE partners SET services = $2, owner_id = $3, review_cadence_days = $4, status = $5,
         updated_at = $6 WHERE id = $1`,
      [
        partnerId,
        change.services ?? partner.services,
        change.ownerId ?? partner.ownerId,
        change.reviewCadenceDays ?? partner.reviewCadenceDays,
        change.status ?? partner.status,
        new Date(nowMs),
      ],
    );
    await riskAudit(tx, {
      actor,
      platformId,
      action: 'partner.changed',
      subjectType: 'partner',
      subjectId: partnerId,
      payload: { ...change },
      nowMs,
    });
    const updated = await findPartner(tx, platformId, partnerId, { nowMs });
    assert(updated !== null, 'the partner just changed is found');
    return riskSuccess(updated);
  });
}
