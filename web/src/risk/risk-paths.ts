import { CONSOLE_ROOT } from '../console-paths.js';

const encode = encodeURIComponent;

/** URLs of the risk register area; routes and links both use these. */
export const riskPaths = {
  register: `${CONSOLE_ROOT}/risk-register`,
  heatMap: `${CONSOLE_ROOT}/risk-register/heat-map`,
  risk: (id: string) => `${CONSOLE_ROOT}/risk-register/risks/${encode(id)}`,
  losses: `${CONSOLE_ROOT}/risk-register/losses`,
  partners: `${CONSOLE_ROOT}/risk-register/partners`,
  mine: `${CONSOLE_ROOT}/responsibilities`,
} as const;

/** Route patterns relative to the console root, as the area declares them. */
export const RISK_ROUTE_PATTERNS = {
  register: '/risk-register',
  heatMap: '/risk-register/heat-map',
  risk: '/risk-register/risks/:riskId',
  losses: '/risk-register/losses',
  partners: '/risk-register/partners',
  mine: '/responsibilities',
} as const;
