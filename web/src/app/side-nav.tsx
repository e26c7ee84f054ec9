import { useTranslation } from 'react-i18next';
import { CONSOLE_AREAS } from '../areas/index.js';
import { AUDIT_LOG_PATH } from '../audit/audit-paths.js';
import { consolePaths } from '../console-paths.js';
import { reconciliationPaths } from '../pages/reconciliation-tabs.js';
import { Link, useLocation } from '../router/index.js';
import type { Permission } from '../access/permissions.js';
import { useCan } from '../access/use-can.js';

interface NavItem {
  labelKey: string;
  to: string;
  /** Shown only to roles that may use the page. */
  permission: Permission;
}

const NAV_ITEMS: readonly NavItem[] = [
  ...CONSOLE_AREAS.flatMap((area) => area.nav),
  { labelKey: 'nav.customers', to: consolePaths.customers, permission: 'books.read' },
  { labelKey: 'nav.accounts', to: consolePaths.accounts, permission: 'books.read' },
  { labelKey: 'nav.instructions', to: consolePaths.instructions, permission: 'books.read' },
  { labelKey: 'nav.balances', to: consolePaths.balances, permission: 'books.read' },
  { labelKey: 'nav.freezes', to: consolePaths.freezes, permission: 'books.read' },
  { labelKey: 'nav.reconciliation', to: reconciliationPaths.statements, permission: 'recon.read' },
  { labelKey: 'nav.approvals', to: consolePaths.approvals, permission: 'approvals.read' },
  { labelKey: 'nav.staff', to: consolePaths.staff, permission: 'users.read' },
  { labelKey: 'nav.apiKeys', to: consolePaths.apiKeys, permission: 'keys.manage' },
  { labelKey: 'nav.audit', to: AUDIT_LOG_PATH, permission: 'audit_log.read' },
];

/** The left navigation; the section of the current page is marked. */
export function SideNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const can = useCan();
  const items = NAV_ITEMS.filter((item) => can(item.permission));
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
