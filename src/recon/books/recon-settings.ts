import type { Principal } from '../../security/index.js';
import type { Queryable } from '../../store/index.js';
import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { reconAudit } from './recon-audit.js';

export interface ReconSettings {
  /** Reserve the platform must hold, as a share of customer balances (100 = 1%). */
  readonly reserveShareBasisPoints: number;
  /** Breaks older than this many days are escalated. */
  readonly breakAgeDaysMax: number;
}

export const RECON_SETTINGS_DEFAULT: ReconSettings = Object.freeze({
  reserveShareBasisPoints: 200,
  breakAgeDaysMax: 5,
});

export async function loadReconSettings(db: Queryable, platformId: string): Promise<ReconSettings> {
  const rows = await db.query(
    'SELECT reserve_share_basis_points, break_age_days_max FROM recon_settings WHERE platform_id = $1',
    [platformId],
  );
  const row = rows[0];
  if (row === undefined) return RECON_SETTINGS_DEFAULT;
  return {
    reserveShareBasisPoints: Number(row.reserve_share_basis_points),
    breakAgeDaysMax: Number(row.break_age_days_max),
  };
}

export async function saveReconSettings(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  settings: ReconSettings,
): Promise<void> {
  await tx.query(
    `INSERT INTO recon_settings (platform_id, reserve_share_basis_points, break_age_days_max,
       updated_by)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (platform_id) DO UPDATE SET
       reserve_share_basis_points = excluded.reserve_share_basis_points,
       break_age_days_max = excluded.break_age_days_max,
       updated_by = excluded.updated_by, updated_at = now()`,
    [platformId, settings.reserveShareBasisPoints, settings.breakAgeDaysMax, actor.id],
  );
  await appendAuditRecords(tx, [
    reconAudit(actor, platformId, 'recon.settings_changed', 'platform', platformId, {
      ...settings,
    }),
  ]);
}
