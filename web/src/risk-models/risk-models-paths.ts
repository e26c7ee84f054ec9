import { CONSOLE_ROOT } from '../console-paths.js';

/** The risk-model area's URLs; the nav entry opens the Monte Carlo page. */
export const riskModelsPaths = {
  monteCarlo: `${CONSOLE_ROOT}/risk-models/monte-carlo`,
  stress: `${CONSOLE_ROOT}/risk-models/stress`,
} as const;

/** The same pages as route patterns, relative to the console root. */
export const RISK_MODELS_ROUTE_PATTERNS = {
  monteCarlo: '/risk-models/monte-carlo',
  stress: '/risk-models/stress',
} as const;
