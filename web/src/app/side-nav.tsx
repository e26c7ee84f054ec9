import { useTranslation } from 'react-i18next';
import { AUDIT_LOG_PATH } from '../audit/audit-paths.js';
import { consolePaths } from '../console-paths.js';
import { reconciliationPaths } from '../pages/reconciliation-tabs.js';
import { Link, useLocation } from '../router/index.js';
import { useSession } from '../session/index.js';

interface NavItem {
  labelKey: string;
  to: string;
  staffOnly: boolean;
}

const NAV_ITEMS: readonly NavItem[] = [
  { labelKey: 'nav.customers', to: consolePaths.customers, staffOnly: false },
  { labelKey: 'nav.accounts', to: consolePaths.accounts, staffOnly: false },
  { labelKey: 'nav.instructions', to: consolePaths.instructions, staffOnly: false },
  { labelKey: 'nav.balances', to: consolePaths.balances, staffOnly: false },
  { labelKey: 'nav.freezes', to: consolePaths.freezes, staffOnly: false },
  { labelKey: 'nav.reconciliation', to: reconciliationPaths.statements, staffOnly: false },
  { labelKey: 'nav.approvals', to: consolePaths.approvals, staffOnly: true },
  { labelKey: 'nav.audit', to: AUDIT_LOG_PATH, staffOnly: false },
];

/** The left navigation; the section of the current page is marked. */
export function SideNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { principal } = useSession();
  const items = NAV_ITEMS.filter((item) => !item.staffOnly || principal.kind === 'staff');
  return (
    <aside className="sidebar">
      <Link to={consolePaths.customers} className="brand">
        <span className="brand-mark" aria-hidden="true">
          C
        </span>
        <span>Custos</span>
      </Link>
      <nav aria-label={t('nav.label')}>
        <ul className="nav-list">
          {items.map((item) => {
            const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
            return (
              <li key={item.to}>
                <Link
                  to={item.to}
                  className={active ? 'nav-link nav-link-active' : 'nav-link'}
                  aria-current={active ? 'page' : undefined}
                >
                  {t(item.labelKey)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <p className="sidebar-foot">{t('app.tagline')}</p>
    </aside>
  );
}
