import type { Queryable } from '../store/index.js';
import { latestTestResults } from './control-results.js';
import { PARTNER_COLUMNS, partnerView, type PartnerView } from './partner-view.js';
import { addDays, todayCst } from './review-schedule.js';
import { RISK_LIMITS } from './risk-limits.js';
import type { ControlOutcome } from './risk-types.js';
import { RISK_COLUMNS, riskView, type RiskView } from './risk-view.js';

export interface OwnedControl {
  /** The platform whose risks link the control; null when no risk links it. */
  platformId: string | null;
  controlId: string;
  code: string;
  title: string;
  latestOutcome: ControlOutcome | null;
  latestRanAt: string | null;
  riskIds: string[];
}

export interface Responsibilities {
  principalId: string;
  risks: RiskView[];
  partners: PartnerView[];
  controls: OwnedControl[];
  overdue: {
    subjectType: 'risk' | 'partner';
    subjectId: string;
    platformId: string;
    label: string;
    dueOn: string;
  }[];
  reminders: {
    subjectType: string;
    subjectId: string;
    platformId: string;
    dueOn: string;
    createdAt: string;
  }[];
}

/** "My page" (seed §2.2.2): what a member of staff owns across platforms, and what is late. */
export async function responsibilitiesOf(
  db: Queryable,
  principalId: string,
  nowMs = Date.now(),
): Promise<Responsibilities> {
  const today = todayCst(nowMs);
  const limit = RISK_LIMITS.pageSizeMax;
  const riskRows = await db.query(
    `SELECT ${RISK_COLUMNS} FROM risks WHERE owner_id = $1 AND status = 'active'
     ORDER BY next_review_on, code LIMIT $2`,
    [principalId, limit],
  );
  const risks = riskRows.map((row) => riskView(row, today));
  const partnerRows = await db.query(
    `SELECT ${PARTNER_COLUMNS} FROM partners p WHERE p.owner_id = $1 AND p.status = 'active'
     ORDER BY p.next_review_on, p.name LIMIT $3`,
    [principalId, addDays(today, RISK_LIMITS.qualificationWarnDays), limit],
  );
  const partners = partnerRows.map((row) => partnerView(row, today));
  const controls = await ownedControls(db, principalId, limit);
  const overdue = [
    ...risks
      .filter((r) => r.reviewState === 'overdue')
      .map((r) => ({
        subjectType: 'risk' as const,
        subjectId: r.id,
        platformId: r.platformId,
        label: `${r.code} ${r.title}`,
        dueOn: r.nextReviewOn,
      })),
    ...partners
      .filter((p) => p.reviewState === 'overdue')
      .map((p) => ({
        subjectType: 'partner' as const,
        subjectId: p.id,
        platformId: p.platformId,
        label: p.name,
        dueOn: p.nextReviewOn,
      })),
  ].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const reminderRows = await db.query<Record<string, unknown>>(
    `SELECT subject_type, subject_id, platform_id, to_char(due_on, 'YYYY-MM-DD') AS due_on,
       created_at FROM risk_review_reminders WHERE owner_id = $1 AND due_on >= $2::date
     ORDER BY due_on, id LIMIT $3`,
    [principalId, addDays(today, -RISK_LIMITS.qualificationWarnDays), limit],
  );
  return {
    principalId,
    risks,
    partners,
    controls,
    overdue,
    reminders: reminderRows.map((r) => ({
      subjectType: String(r.subject_type),
      subjectId: String(r.subject_id),
      platformId: String(r.platform_id),
      dueOn: String(r.due_on),
      createdAt: new Date(r.created_at as string).toISOString(),
    })),
  };
}

/**
 * Controls the principal owns (compliance_controls.owner_id), once per platform where a risk
 * links them, with that platform's latest test; a control linked nowhere appears once.
 */
async function ownedControls(
  db: Queryable,
  principalId: string,
  limit: number,
): Promise<OwnedControl[]> {
  const rows = await db.query<{
    platform_id: string | null;
    control_id: string;
    code: string;
    title: string;
    risk_ids: (string | null)[];
  }>(
    `SELECT r.platform_id, c.id AS control_id, c.code, c.title,
       array_agg(r.id ORDER BY r.id) AS risk_ids
     FROM compliance_controls c
     LEFT JOIN risk_controls rc ON rc.control_id = c.id
     LEFT JOIN risks r ON r.id = rc.risk_id AND r.status = 'active'
     WHERE c.owner_id = $1
     GROUP BY r.platform_id, c.id, c.code, c.title ORDER BY c.code, r.platform_id LIMIT $2`,
    [principalId, limit],
  );
  const byPlatform = new Map<string, string[]>();
  for (const row of rows)
    if (row.platform_id !== null)
      byPlatform.set(row.platform_id, [...(byPlatform.get(row.platform_id) ?? []), row.control_id]);
  const results = new Map<string, Awaited<ReturnType<typeof latestTestResults>>>();
  for (const [platformId, ids] of byPlatform)
    results.set(platformId, await latestTestResults(db, platformId, ids));
  return rows.map((row) => {
    const result =
      row.platform_id === null ? undefined : results.get(row.platform_id)?.get(row.control_id);
    return {
      platformId: row.platform_id,
      controlId: row.control_id,
      code: row.code,
      title: row.title,
      latestOutcome: result?.outcome ?? null,
      latestRanAt: result?.ranAt ?? null,
      riskIds: row.risk_ids.filter((id): id is string => id !== null),
    };
  });
}
