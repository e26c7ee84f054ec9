import { CONSOLE_ROOT } from '../console-paths.js';

/** The monitoring area's URLs; the nav entry opens the overview. */
export const monitoringPaths = {
  overview: `${CONSOLE_ROOT}/monitoring`,
  rules: `${CONSOLE_ROOT}/monitoring/rules`,
  rule: (ruleId: string) => `${CONSOLE_ROOT}/monitoring/rules/${encodeURIComponent(ruleId)}`,
} as const;
