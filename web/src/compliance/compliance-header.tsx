import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/index.js';
import { Link, useLocation } from '../router/index.js';
import { compliancePaths } from './compliance-paths.js';

const TABS = [
  { to: compliancePaths.obligations, labelKey: 'compliance.tabs.obligations' },
  { to: compliancePaths.retention, labelKey: 'compliance.tabs.retention' },
] as const;

/** The heading the compliance pages share, with the register and retention tabs. */
export function ComplianceHeader({
  subtitle,
  actions,
}: {
  subtitle: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title={t('compliance.title')} subtitle={subtitle} actions={actions} />
      <nav className="row-actions compliance-tabs" aria-label={t('compliance.tabs.label')}>
        {TABS.map((tab) => (
          <Link
            key={tab.to}
            to={tab.to}
            className={pathname === tab.to ? 'button button-primary' : 'button'}
          >
            {t(tab.labelKey)}
          </Link>
        ))}
      </nav>
    </>
  );
}
