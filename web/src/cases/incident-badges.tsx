import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from './incident-types.js';

/** Open or closed, and a clear mark on drills so they are never taken for the real thing. */
export function IncidentBadges({ incident }: { incident: IncidentSummary }) {
  const { t } = useTranslation();
  return (
    <span className="case-header-badges">
      <span
        className={`badge incident-state-${incident.state}`}
        data-incident-state={incident.state}
      >
        {t(`incidents.state.${incident.state}`)}
      </span>
      {incident.isDrill ? (
        <span className="badge incident-drill" data-testid="drill-badge">
          {t('incidents.drill')}
        </span>
      ) : null}
    </span>
  );
}
