import { assert } from '../assert.js';
import { parseAmount } from '../money/index.js';
import { newId, toBigInt, type Database, type Queryable } from '../store/index.js';
import { checkLossAmounts, type LossTotals } from './loss-amounts.js';
import { LOSS_EVENT_COLUMNS, lossEventView, type LossEventView } from './loss-event-view.js';
import type { LossEventChange, NewLossEvent } from './risk-inputs.js';
import { riskAudit } from './risk-audit.js';
import { RISK_LIMITS } from './risk-limits.js';
import { riskFailure, riskSuccess, type RiskResult } from './risk-result.js';
import type { LossKind, RiskCategory } from './risk-types.js';

/** A decimal amount in minor units of the currency; zero allowed (no loss, no recovery). */
export function minorOf(text: string, currency: string): RiskResult<bigint> {
  if (/^0+(\.0+)?$/.test(text)) return riskSuccess(0n);
  const parsed = parseAmount(text, currency);
  if (parsed.ok) return riskSuccess(parsed.amountMinor);
  const reason =
    parsed.error.code === 'unknown_currency'
      ? `unknown currency ${currency}`
      : `${text}: ${parsed.error.reason}`;
  return riskFailure('validation_failed', reason);
}

type Links = { riskIds: string[]; caseIds: string[]; incidentIds: string[] };

async function checkLinks(
  tx: Queryable,
  platformId: string,
  links: Links,
): Promise<RiskResult<true>> {
  const tables = [
    ['risk', 'risks', links.riskIds],
    ['case', 'cases', links.caseIds],
    ['incident', 'incidents', links.incidentIds],
  ] as const;
  for (const [label, table, ids] of tables) {
    if (ids.length === 0) continue;
    const unique = [...new Set(ids)];
    const found = await tx.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE platform_id = $1 AND id = ANY($2::text[])`,
      [platformId, unique],
    );
    const known = new Set(found.map((r) => r.id));
    const missing = unique.filter((id) => !known.has(id));
    if (missing.length > 0)
      return riskFailure('not_found', `unknown ${label} on this platform: ${missing.join(', ')}`);
  }
  return riskSuccess(true);
}

async function writeLinks(tx: Queryable, eventId: string, links: Links): Promise<void> {
  const pairs = [
    ...[...new Set(links.riskIds)].map((id) => ['risk', id]),
    ...[...new Set(links.caseIds)].map((id) => ['case', id]),
    ...[...new Set(links.incidentIds)].map((id) => ['incident', id]),
  ];
  await tx.query('DELETE FROM loss_event_links WHERE loss_event_id = $1', [eventId]);
  if (pairs.length === 0) return;
  await tx.query(
    `INSERT INTO loss_event_links (loss_event_id, target_type, target_id)
     SELECT $1, t, i FROM unnest($2::text[], $3::text[]) AS r(t, i)`,
    [eventId, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
}

function checkDates(occurredOn: string, discoveredOn: string, bookedOn: string | null) {
  if (discoveredOn < occurredOn)
    return riskFailure<true>('validation_failed', 'discoveredOn is before occurredOn');
  if (bookedOn !== null && bookedOn < discoveredOn)
    return riskFailure<true>('validation_failed', 'bookedOn is before discoveredOn');
  return riskSuccess(true);
}

function amountsOf(input: Record<string, string>, currency: string) {
  const out: Record<string, bigint> = {};
  for (const [key, text] of Object.entries(input)) {
    const minor = minorOf(text, currency);
    if (!minor.ok) return minor;
    out[key] = minor.value;
  }
  return riskSuccess(out);
}

export async function createLossEvent(
  db: Database,
  platformId: string,
  input: NewLossEvent,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<LossEventView>> {
  const dates = checkDates(input.occurredOn, input.discoveredOn, input.bookedOn);
  if (!dates.ok) return dates;
  const parsed = amountsOf(
    {
      gross: input.grossLoss,
      potential: input.potentialLoss,
      insurance: input.recoveryInsurance,
      guarantee: input.recoveryGuarantee,
      other: input.recoveryOther,
    },
    input.currency,
  );
  if (!parsed.ok) return parsed;
  const a = parsed.value;
  const amounts = {
    kind: input.kind,
    grossLossMinor: a.gross ?? 0n,
    potentialLossMinor: a.potential ?? 0n,
    recoveryInsuranceMinor: a.insurance ?? 0n,
    recoveryGuaranteeMinor: a.guarantee ?? 0n,
    recoveryOtherMinor: a.other ?? 0n,
  };
  const checked = checkLossAmounts(amounts);
  if (!checked.ok) return riskFailure('validation_failed', checked.message);
  return db.transaction(async (tx) => {
    const links = await checkLinks(tx, platformId, input);
    if (!links.ok) return links;
    const id = newId('lev', nowMs);
    await tx.query(
      `INSERT INTO loss_events (id, platform_id, title, description, kind, cause_category, cause,
         occurred_on, discovered_on, booked_on, currency, gross_loss_minor, potential_loss_minor,
         recovery_insurance_minor, recovery_guarantee_minor, recovery_other_minor, net_loss_minor,
         created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9::date, $10::date, $11, $12, $13, $14, $15,
         $16, $17, $18, $19, $19)`,
      [
        id,
        platformId,
        input.title,
        input.description,
        input.kind,
        input.causeCategory,
        input.cause,
        input.occurredOn,
        input.discoveredOn,
        input.bookedOn,
        input.currency,
        amounts.grossLossMinor.toString(),
        amounts.potentialLossMinor.toString(),
        amounts.recoveryInsuranceMinor.toString(),
        amounts.recoveryGuaranteeMinor.toString(),
        amounts.recoveryOtherMinor.toString(),
        checked.netLossMinor.toString(),
        actor,
        new Date(nowMs),
      ],
    );
    await writeLinks(tx, id, input);
    await riskAudit(tx, {
      actor,
      platformId,
      action: 'loss_event.recorded',
      subjectType: 'loss_event',
      subjectId: id,
      payload: {
        kind: input.kind,
        currency: input.currency,
        grossLossMinor: amounts.grossLossMinor.toString(),
        netLossMinor: checked.netLossMinor.toString(),
        riskIds: input.riskIds,
        caseIds: input.caseIds,
        incidentIds: input.incidentIds,
      },
      nowMs,
    });
    const created = await findLossEvent(tx, platformId, id);
    assert(created !== null, 'the loss event just written is found');
    return riskSuccess(created);
  });
}

export async function findLossEvent(
  db: Queryable,
  platformId: string,
  id: string,
  lock = false,
): Promise<LossEventView | null> {
  const rows = await db.query(
    `SELECT ${LOSS_EVENT_COLUMNS} FROM loss_events e WHERE e.id = $1 AND e.platform_id = $2
     ${lock ? 'FOR UPDATE OF e' : ''}`,
    [id, platformId],
  );
  return rows[0] === undefined ? null : lossEventView(rows[0]);
}

/** Books a loss, updates its recoveries or links; amounts re-checked, net loss recomputed. */
export async function changeLossEvent(
  db: Database,
  platformId: string,
  id: string,
  change: LossEventChange,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<LossEventView>> {
  if (Object.values(change).every((v) => v === undefined))
    return riskFailure('validation_failed', 'nothing to change');
  return db.transaction(async (tx) => {
    const event = await findLossEvent(tx, platformId, id, true);
    if (event === null) return riskFailure('not_found', `loss event ${id} not found`);
    const bookedOn = change.bookedOn === undefined ? event.bookedOn : change.bookedOn;
    const dates = checkDates(event.occurredOn, event.discoveredOn, bookedOn);
    if (!dates.ok) return dates;
    const parsed = amountsOf(
      Object.fromEntries(
        (['recoveryInsurance', 'recoveryGuarantee', 'recoveryOther'] as const)
          .filter((k) => change[k] !== undefined)
          .map((k) => [k, change[k] as string]),
      ),
      event.currency,
    );
    if (!parsed.ok) return parsed;
    const amounts = {
      kind: event.kind,
      grossLossMinor: event.grossLossMinor,
      potentialLossMinor: event.potentialLossMinor,
      recoveryInsuranceMinor: parsed.value.recoveryInsurance ?? event.recoveryInsuranceMinor,
      recoveryGuaranteeMinor: parsed.value.recoveryGuarantee ?? event.recoveryGuaranteeMinor,
      recoveryOtherMinor: parsed.value.recoveryOther ?? event.recoveryOtherMinor,
    };
    const checked = checkLossAmounts(amounts);
    if (!checked.ok) return riskFailure('validation_failed', checked.message);
    const links = {
      riskIds: change.riskIds ?? event.riskIds,
      caseIds: change.caseIds ?? event.caseIds,
      incidentIds: change.incidentIds ?? event.incidentIds,
    };
    const linkCheck = await checkLinks(tx, platformId, links);
    if (!linkCheck.ok) return linkCheck;
    await tx.query(
      `UPDATE loss_events SET booked_on = $2::date, recovery_insurance_minor = $3,
         recovery_guarantee_minor = $4, recovery_other_minor = $5, net_loss_minor = $6,
         updated_at = $7 WHERE id = $1`,
      [
        id,
        bookedOn,
        amounts.recoveryInsuranceMinor.toString(),
        amounts.recoveryGuaranteeMinor.toString(),
        amounts.recoveryOtherMinor.toString(),
        checked.netLossMinor.toString(),
        new Date(nowMs),
      ],
    );
    await writeLinks(tx, id, links);
    await riskAudit(tx, {
      actor,
      platformId,
      action: 'loss_event.changed',
      subjectType: 'loss_event',
      subjectId: id,
      payload: {
        bookedOn,
        netLossMinorBefore: event.netLossMinor.toString(),
        netLossMinor: checked.netLossMinor.toString(),
        ...links,
      },
      nowMs,
    });
    const updated = await findLossEvent(tx, platformId, id);
    assert(updated !== null, 'the loss event just changed is found');
    return riskSuccess(updated);
  });
}

export interface LossEventFilter {
  kind?: LossKind;
  causeCategory?: RiskCategory;
  riskId?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/** Loss events, newest first, with totals per currency over the whole filter. */
export async function listLossEvents(
  db: Queryable,
  platformId: string,
  filter: LossEventFilter,
): Promise<{ items: LossEventView[]; totals: LossTotals[] }> {
  const where = ['e.platform_id = $1'];
  const params: unknown[] = [platformId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.kind !== undefined) add('e.kind = ?', filter.kind);
  if (filter.causeCategory !== undefined) add('e.cause_category = ?', filter.causeCategory);
  if (filter.from !== undefined) add('e.occurred_on >= ?::date', filter.from);
  if (filter.to !== undefined) add('e.occurred_on <= ?::date', filter.to);
  if (filter.riskId !== undefined)
    add(
      `EXISTS (SELECT 1 FROM loss_event_links l WHERE l.loss_event_id = e.id
         AND l.target_type = 'risk' AND l.target_id = ?)`,
      filter.riskId,
    );
  // Summed by the database: the filter may match more events than a page could hold.
  const totalsRows = await db.query<Record<string, unknown>>(
    `SELECT e.currency, count(*)::int AS events,
       count(*) FILTER (WHERE e.kind = 'near_miss')::int AS near_misses,
       sum(e.gross_loss_minor)::text AS gross_loss_minor,
       sum(e.net_loss_minor)::text AS net_loss_minor
     FROM loss_events e WHERE ${where.join(' AND ')}
     GROUP BY e.currency ORDER BY e.currency COLLATE "C"`,
    params,
  );
  const totals: LossTotals[] = totalsRows.map((r) => {
    const grossLossMinor = toBigInt(r.gross_loss_minor);
    const netLossMinor = toBigInt(r.net_loss_minor);
    assert(netLossMinor <= grossLossMinor, 'recoveries never exceed the gross loss in total');
    return {
      currency: String(r.currency),
      events: Number(r.events),
      nearMisses: Number(r.near_misses),
      grossLossMinor,
      recoveredMinor: grossLossMinor - netLossMinor,
      netLossMinor,
    };
  });
  params.push(Math.min(filter.limit ?? RISK_LIMITS.pageSizeDefault, RISK_LIMITS.pageSizeMax));
  const rows = await db.query(
    `SELECT ${LOSS_EVENT_COLUMNS} FROM loss_events e WHERE ${where.join(' AND ')}
     ORDER BY e.occurred_on DESC, e.id DESC LIMIT $${params.length}`,
    params,
  );
  return { items: rows.map(lossEventView), totals };
}

/**
 * Losses linked to a risk, oldest first, for fitting frequency and severity models: each
 * event's occurrence date, net loss in minor units and currency. Near misses are left out.
 */
export async function lossEventsForRisk(
  db: Queryable,
  platformId: string,
  riskId: string,
): Promise<{ occurredOn: string; netLossMinor: bigint; currency: string }[]> {
  const rows = await db.query<{ occurred_on: string; net_loss_minor: string; currency: string }>(
    `SELECT to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on, e.net_loss_minor, e.currency
     FROM loss_events e JOIN loss_event_links l ON l.loss_event_id = e.id
     WHERE e.platform_id = $1 AND l.target_type = 'risk' AND l.target_id = $2
       AND e.kind = 'loss'
     ORDER BY e.occurred_on, e.id LIMIT $3`,
    [platformId, riskId, RISK_LIMITS.lossEventsPerRiskMax],
  );
  return rows.map((r) => ({
    occurredOn: r.occurred_on,
    netLossMinor: toBigInt(r.net_loss_minor),
    currency: r.currency,
  }));
}
