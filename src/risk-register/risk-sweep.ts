import type { AlertInput } from '../cases/alert-input.js';
import { raiseAlerts } from '../cases/raise-alerts.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { loadLinkedControls } from './linked-controls.js';
import { recordAssessment } from './record-assessment.js';
import { addDays, todayCst } from './review-schedule.js';
import { findRisk } from './risk-queries.js';
import { RISK_LIMITS } from './risk-limits.js';
import { residualOf } from './scoring.js';

export const RISK_SYSTEM_ACTOR = 'system:risk-register';

export interface RiskSweepResult {
  residualsChanged: number;
  remindersWritten: number;
  alertsRaised: number;
}

type DueRow = {
  subject_type: 'risk' | 'partner' | 'qualification';
  subject_id: string;
  label: string;
  owner_id: string;
  due_on: string;
};

/**
 * The risk register's periodic work for one platform:
 * 1. re-score every active risk whose linked controls' latest tests changed its residual;
 * 2. write a reminder to the owner of each risk or partner review, and each qualification
 *    expiry, due within the reminder window (once per due date);
 * 3. raise an alert for each overdue review and each qualification expiring within the
 *    warning window or expired (one alert per subject and due date).
 */
export async function sweepRiskRegister(
  db: Database,
  platformId: string,
  nowMs = Date.now(),
): Promise<RiskSweepResult> {
  const residualsChanged = await refreshResiduals(db, platformId, nowMs);
  const today = todayCst(nowMs);
  return db.transaction(async (tx) => {
    const due = await dueSubjects(tx, platformId, today);
    const soon = due.filter((d) => d.due_on >= today || d.subject_type === 'qualification');
    const written = await tx.query(
      `INSERT INTO risk_review_reminders (id, platform_id, subject_type, subject_id, owner_id,
         due_on, created_at)
       SELECT i, $1, t, s, o, d::date, $2 FROM unnest($3::text[], $4::text[], $5::text[],
         $6::text[], $7::text[]) AS r(i, t, s, o, d)
       ON CONFLICT (subject_type, subject_id, due_on) DO NOTHING RETURNING id`,
      [
        platformId,
        new Date(nowMs),
        soon.map(() => newId('rrm', nowMs)),
        soon.map((d) => d.subject_type),
        soon.map((d) => d.subject_id),
        soon.map((d) => d.owner_id),
        soon.map((d) => d.due_on),
      ],
    );
    const alerts = due
      .filter((d) => d.due_on < today || d.subject_type === 'qualification')
      .map((d) => overdueAlert(platformId, d, today, nowMs));
    const raised = alerts.length === 0 ? null : await raiseAlerts(tx, alerts, { nowMs });
    return {
      residualsChanged,
      remindersWritten: written.length,
      alertsRaised: raised?.alertsNew ?? 0,
    };
  });
}

async function dueSubjects(tx: Queryable, platformId: string, today: string): Promise<DueRow[]> {
  const reminderHorizon = addDays(today, RISK_LIMITS.reviewReminderDays);
  const expiryHorizon = addDays(today, RISK_LIMITS.qualificationWarnDays);
  const limit = RISK_LIMITS.sweepItemsMax;
  return tx.query<DueRow>(
    `(SELECT 'risk' AS subject_type, id AS subject_id, code || ' ' || title AS label, owner_id,
        to_char(next_review_on, 'YYYY-MM-DD') AS due_on
      FROM risks WHERE platform_id = $1 AND status = 'active' AND next_review_on <= $2::date
      ORDER BY next_review_on LIMIT $4)
     UNION ALL
     (SELECT 'partner', id, name, owner_id, to_char(next_review_on, 'YYYY-MM-DD')
      FROM partners WHERE platform_id = $1 AND status = 'active' AND next_review_on <= $2::date
      ORDER BY next_review_on LIMIT $4)
     UNION ALL
     (SELECT 'qualification', q.id, p.name || ': ' || q.name, p.owner_id,
        to_char(q.expires_on, 'YYYY-MM-DD')
      FROM partner_qualifications q JOIN partners p ON p.id = q.partner_id
      WHERE q.platform_id = $1 AND p.status = 'active' AND q.expires_on <= $3::date
      ORDER BY q.expires_on LIMIT $4)`,
    [platformId, reminderHorizon, expiryHorizon, limit],
  );
}

function overdueAlert(platformId: string, due: DueRow, today: string, nowMs: number): AlertInput {
  const expired = due.subject_type === 'qualification' && due.due_on < today;
  const summary =
    due.subject_type === 'qualification'
      ? `Qualification ${due.label} ${expired ? 'expired' : 'expires'} on ${due.due_on}`
      : `${due.subject_type === 'risk' ? 'Risk' : 'Partner'} review of ${due.label} overdue since ${due.due_on}`;
  return {
    alertKey: `${due.subject_type}-review:${due.subject_id}:${due.due_on}`,
    platformId,
    source: 'kri',
    ruleId:
      due.subject_type === 'qualification'
        ? 'partner.qualification_expiry'
        : `${due.subject_type}.review_overdue`,
    ruleVersion: 1,
    severity: expired ? 'high' : 'medium',
    customerId: null,
    score: expired ? 0.75 : 0.5,
    atMs: nowMs,
    explanation: {
      summary,
      values: {
        subjectType: due.subject_type,
        subjectId: due.subject_id,
        ownerId: due.owner_id,
        dueOn: due.due_on,
      },
      thresholds: { today, warnDays: RISK_LIMITS.qualificationWarnDays },
      eventIds: [],
    },
  };
}

/** Re-scores risks whose controls' latest tests moved their residual; each in its own transaction. */
async function refreshResiduals(db: Database, platformId: string, nowMs: number): Promise<number> {
  const ids = await db.query<{ id: string }>(
    `SELECT DISTINCT r.id FROM risks r JOIN risk_controls c ON c.risk_id = r.id
     WHERE r.platform_id = $1 AND r.status = 'active' ORDER BY r.id LIMIT $2`,
    [platformId, RISK_LIMITS.risksPerPlatformMax],
  );
  let changed = 0;
  for (const { id } of ids) {
    const moved = await db.transaction(async (tx) => {
      const risk = await findRisk(tx, platformId, id, { lock: true, nowMs });
      if (risk === null || risk.status !== 'active') return false;
      const controls = await loadLinkedControls(tx, platformId, id);
      const { residual } = residualOf(
        risk.inherent,
        controls.map((c) => ({
          controlId: c.controlId,
          kind: c.kind,
          declared: c.declaredEffectiveness,
          latestOutcome: c.latestOutcome,
        })),
        risk.transferCover !== null,
      );
      if (
        residual.likelihood === risk.residual.likelihood &&
        residual.impact === risk.residual.impact
      )
        return false;
      await recordAssessment(tx, risk, {
        inherent: risk.inherent,
        reason: 'control_results',
        note: null,
        actor: RISK_SYSTEM_ACTOR,
        nowMs,
        nextReviewOn: null,
        terms: risk,
      });
      return true;
    });
    if (moved) changed += 1;
  }
  return changed;
}

/** Runs the sweep for every platform (at most `platformsPerSweepMax`), oldest platform first. */
export async function sweepAllRiskRegisters(db: Database, nowMs = Date.now()): Promise<number> {
  const platforms = await db.query<{ id: string }>(
    'SELECT id FROM platforms ORDER BY id LIMIT $1',
    [RISK_LIMITS.platformsPerSweepMax],
  );
  for (const platform of platforms) await sweepRiskRegister(db, platform.id, nowMs);
  return platforms.length;
}
