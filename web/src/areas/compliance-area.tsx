import { compliancePaths, COMPLIANCE_ROUTE_PATTERNS } from '../compliance/compliance-paths.js';
import { ObligationsPage } from '../compliance/obligations-page.js';
import { RetentionPage } from '../compliance/retention-page.js';
import type { ConsoleArea } from './console-area.js';

/** The compliance pages: the obligations register with its controls, and retention. */
export const COMPLIANCE_AREA: ConsoleArea = {
  routes: [
    {
      pattern: COMPLIANCE_ROUTE_PATTERNS.obligations,
      permission: 'compliance.read',
      needsPlatform: true,
      render: () => <ObligationsPage />,
    },
    {
      pattern: COMPLIANCE_ROUTE_PATTERNS.retention,
      permission: 'compliance.read',
      needsPlatform: true,
      render: () => <RetentionPage />,
    },
  ],
  nav: [
    { labelKey: 'compliance.nav', to: compliancePaths.obligations, permission: 'compliance.read' },
  ],
};
