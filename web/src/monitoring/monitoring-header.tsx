import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/index.js';
import { Link, useLocation } from '../router/index.js';
import { monitoringPaths } from './monitoring-paths.js';

const TABS = [
  { to: monitoringPaths.overview, labelKey: 'monitoring.tabs.overview', exact: true },
  { to: monitoringPaths.rules, labelKey: 'monitoring.tabs.rules', exact: false },
] as const;

/** The heading the monitoring pages share, with the overview and rules tabs under it. */
export function MonitoringHeader({
  title,
  subtitle,
  actions,
}: {
  title?: ReactNode;
  subtitle: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title={title ?? t('monitoring.title')} subtitle={subtitle} actions={actions} />
      <nav
        className="row-actions monitoring-tabs"
        aria-label={t('monitoring.tabs.label')}
        data-testid="monitoring-tabs"
      >
        {TABS.map((tab) => {
          const active = tab.exact
            ? pathname === tab.to
            : pathname === tab.to || pathname.startsWith(`${tab.to}/`);
          return (
            <Link
              key={tab.to}
              to={tab.to}
              className={active ? 'button button-primary' : 'button'}
              style={{ textDecoration: 'none' }}
              aria-current={active ? 'page' : undefined}
            >
              {t(tab.labelKey)}
            </Link>
          );
        })}
      </nav>
    </>
  );
}
