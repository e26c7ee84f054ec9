import type { ReactNode } from 'react';
import type { Permission } from '../access/permissions.js';
import { CONSOLE_AREAS } from '../areas/index.js';
import { CONSOLE_ROOT } from '../console-paths.js';
import { ApiKeysPage } from '../pages/api-keys-page.js';
import { AccountDetailPage } from '../pages/account-detail-page.js';
import { AccountsPage } from '../pages/accounts-page.js';
import { ApprovalsPage } from '../pages/approvals-page.js';
import { AuditPage } from '../pages/audit-page.js';
import { BalancesPage } from '../pages/balances-page.js';
import { CustomerDetailPage } from '../pages/customer-detail-page.js';
import { CustomersPage } from '../pages/customers-page.js';
import { FreezesPage } from '../pages/freezes-page.js';
import { InstructionDetailPage } from '../pages/instruction-detail-page.js';
import { InstructionsPage } from '../pages/instructions-page.js';
import { PlatformPickerPage } from '../pages/platform-picker-page.js';
import { ReconciliationBreaksPage } from '../pages/reconciliation-breaks-page.js';
import { ReconciliationPage } from '../pages/reconciliation-page.js';
import { ReconciliationSafeguardingPage } from '../pages/reconciliation-safeguarding-page.js';
import { StaffPage } from '../pages/staff-page.js';
import { matchPath, type RouteParams } from '../router/index.js';

interface ConsoleRoute {
  pattern: string;
  /** What the role must allow; others see a "not allowed" page instead of a refusal. */
  permission: Permission;
  /** Pages that read one platform's books wait until a platform is chosen. */
  needsPlatform: boolean;
  render: (params: RouteParams) => ReactNode;
}

const param = (params: RouteParams, name: string) => params[name] ?? '';

/** Every signed-in page. Keys remount a page when its record changes. */
const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  {
    pattern: '/platforms',
    permission: 'platforms.read',
    needsPlatform: false,
    render: () => <PlatformPickerPage />,
  },
  {
    pattern: '/customers',
    permission: 'books.read',
    needsPlatform: true,
    render: () => <CustomersPage />,
  },
  {
    pattern: '/customers/:customerId',
    permission: 'books.read',
    needsPlatform: true,
    render: (p) => (
      <CustomerDetailPage key={param(p, 'customerId')} customerId={param(p, 'customerId')} />
    ),
  },
  {
    pattern: '/accounts',
    permission: 'books.read',
    needsPlatform: true,
    render: () => <AccountsPage />,
  },
  {
    pattern: '/accounts/:accountId',
    permission: 'books.read',
    needsPlatform: true,
    render: (p) => (
      <AccountDetailPage key={param(p, 'accountId')} accountId={param(p, 'accountId')} />
    ),
  },
  {
    pattern: '/instructions',
    permission: 'books.read',
    needsPlatform: true,
    render: () => <InstructionsPage />,
  },
  {
    pattern: '/instructions/:instructionId',
    permission: 'books.read',
    needsPlatform: true,
    render: (p) => (
      <InstructionDetailPage
        key={param(p, 'instructionId')}
        instructionId={param(p, 'instructionId')}
      />
    ),
  },
  {
    pattern: '/balances',
    permission: 'books.read',
    needsPlatform: true,
    render: () => <BalancesPage />,
  },
  {
    pattern: '/freezes',
    permission: 'books.read',
    needsPlatform: true,
    render: () => <FreezesPage />,
  },
  {
    pattern: '/reconciliation',
    permission: 'recon.read',
    needsPlatform: true,
    render: () => <ReconciliationPage />,
  },
  {
    pattern: '/reconciliation/breaks',
    permission: 'recon.read',
    needsPlatform: true,
    render: () => <ReconciliationBreaksPage />,
  },
  {
    pattern: '/reconciliation/safeguarding',
    permission: 'recon.read',
    needsPlatform: true,
    render: () => <ReconciliationSafeguardingPage />,
  },
  {
    pattern: '/approvals',
    permission: 'approvals.read',
    needsPlatform: false,
    render: () => <ApprovalsPage />,
  },
  {
    pattern: '/staff',
    permission: 'users.read',
    needsPlatform: false,
    render: () => <StaffPage />,
  },
  {
    pattern: '/api-keys',
    permission: 'keys.manage',
    needsPlatform: false,
    render: () => <ApiKeysPage />,
  },
  {
    pattern: '/audit',
    permission: 'audit_log.read',
    needsPlatform: false,
    render: () => <AuditPage />,
  },
  ...CONSOLE_AREAS.flatMap((area) => area.routes),
];

export interface ResolvedRoute {
  route: ConsoleRoute;
  params: RouteParams;
}

export function resolveConsoleRoute(pathname: string): ResolvedRoute | null {
  for (const route of CONSOLE_ROUTES) {
    const params = matchPath(CONSOLE_ROOT + route.pattern, pathname);
    if (params !== null) return { route, params };
  }
  return null;
}
