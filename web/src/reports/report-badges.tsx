import { useTranslation } from 'react-i18next';
import type { ReportStatus, RiskLevel } from './reports-types.js';
import './reports.css';

export function RiskLevelBadge({ level }: { level: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`risk-level risk-level-${level}`} data-level={level}>
      {t(`riskRating.level.${level}`)}
    </span>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <span className="overdue-badge" data-testid="overdue-badge">
      {t('reports.overdue')}
    </span>
  );
}

/** The console's badge style of each report status. */
const STATUS_BADGES: Record<ReportStatus, string> = {
  draft: 'pending',
  approved: 'approved',
  submitted: 'posted',
  withdrawn: 'voided',
};

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${STATUS_BADGES[status]}`} data-status={status}>
      {t(`reports.status.${status}`)}
    </span>
  );
}
