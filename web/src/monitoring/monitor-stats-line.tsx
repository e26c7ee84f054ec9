import { useTranslation } from 'react-i18next';
import type { MonitorStats } from './monitoring-types.js';

const grouped = new Intl.NumberFormat('en-US');

/** What the real-time monitor has done since this server started; absent when it is off. */
export function MonitorStatsLine({ stats }: { stats: MonitorStats | null }) {
  const { t } = useTranslation();
  if (stats === null)
    return (
      <p className="monitor-stats muted" data-testid="monitor-stats" data-running="false">
        {t('monitoring.stats.off')}
      </p>
    );
  const items = [
    { key: 'events', value: stats.events },
    { key: 'alerts', value: stats.alerts },
    { key: 'gateChecks', value: stats.gateChecks },
    { key: 'gateHolds', value: stats.gateHolds },
    { key: 'gateRejects', value: stats.gateRejects },
    { key: 'gateRejectsUnrecorded', value: stats.gateRejectsUnrecorded },
    { key: 'gateOverBudget', value: stats.gateOverBudget },
    { key: 'packErrors', value: stats.packErrors },
  ] as const;
  return (
    <dl className="monitor-stats" data-testid="monitor-stats" data-running="true">
      {items.map((item) => (
        <div key={item.key} data-stat={item.key} data-value={item.value}>
          <dt>{t(`monitoring.stats.${item.key}`)}</dt>
          <dd>{grouped.format(item.value)}</dd>
        </div>
      ))}
      <div data-stat="leafIndex">
        <dt>{t('monitoring.stats.position')}</dt>
        <dd className="id">{stats.leafIndex}</dd>
      </div>
    </dl>
  );
}
