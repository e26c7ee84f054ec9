import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/index.js';
import { Link, useLocation } from '../router/index.js';
import { riskModelsPaths } from './risk-models-paths.js';

const TABS = [
  { to: riskModelsPaths.monteCarlo, labelKey: 'riskModels.tabs.monteCarlo' },
  { to: riskModelsPaths.stress, labelKey: 'riskModels.tabs.stress' },
] as const;

/** The heading the risk-model pages share, with the Monte Carlo and stress-test tabs. */
export function RiskModelsHeader({
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
      <PageHeader title={t('riskModels.title')} subtitle={subtitle} actions={actions} />
      <nav className="row-actions risk-models-tabs" aria-label={t('riskModels.tabs.label')}>
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
