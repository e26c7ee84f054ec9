import { CONSOLE_ROOT } from '../console-paths.js';

/** The compliance area's URLs; the nav entry opens the obligations register. */
export const compliancePaths = {
  obligations: `${CONSOLE_ROOT}/compliance/obligations`,
  retention: `${CONSOLE_ROOT}/compliance/retention`,
} as const;

/** Route patterns relative to the console root, as the areas declare them. */
export const COMPLIANCE_ROUTE_PATTERNS = {
  obligations: '/compliance/obligations',
  retention: '/compliance/retention',
} as const;
