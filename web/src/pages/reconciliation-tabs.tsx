import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/index.js';
import { CONSOLE_ROOT } from '../console-paths.js';
import { Link, useLocation } from '../router/index.js';

/** The reconciliation pages' URLs; the nav entry opens the first. */
export const reconciliationPaths = {
  statements: `${CONSOLE_ROOT}/reconciliation`,
  breaks: `${CONSOLE_ROOT}/reconciliation/breaks`,
  safeguarding: `${CONSOLE_ROOT}/reconciliation/safeguarding`,
} as const;

const TABS = [
  { to: reconciliationPaths.statements, labelKey: 'recon.tabs.statements' },
  { to: reconciliationPaths.breaks, labelKey: 'recon.tabs.breaks' },
  { to: reconciliationPaths.safeguarding, labelKey: 'recon.tabs.safeguarding' },
] as const;

/** The heading every reconciliation page shares, with the three tabs under it. */
export function ReconciliationHeader({ subtitleKey }: { subtitleKey: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title={t('recon.title')} subtitle={t(subtitleKey)} />
      <nav
        className="row-actions"
        aria-label={t('recon.tabs.label')}
        style={{ marginBottom: 18 }}
        data-testid="recon-tabs"
      >
        {TABS.map((tab) => {
          const active = pathname === tab.to;
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

/** Today's date in UTC (YYYY-MM-DD): the server dates runs and checks in UTC. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
