import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/index.js';
import { Link, useLocation } from '../router/index.js';
import { riskPaths } from './risk-paths.js';
import './risk.css';

const TABS = [
  { to: riskPaths.register, labelKey: 'riskRegister.tabs.register' },
  { to: riskPaths.heatMap, labelKey: 'riskRegister.tabs.heatMap' },
  { to: riskPaths.losses, labelKey: 'riskRegister.tabs.losses' },
  { to: riskPaths.partners, labelKey: 'riskRegister.tabs.partners' },
  { to: riskPaths.mine, labelKey: 'riskRegister.tabs.mine' },
] as const;

/** The heading the risk-register pages share, with their tabs. */
export function RiskHeader({
  title,
  subtitle,
  actions,
}: {
  title?: string;
  subtitle: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title={title ?? t('riskRegister.title')} subtitle={subtitle} actions={actions} />
      <nav className="row-actions rr-tabs" aria-label={t('riskRegister.tabs.label')}>
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
