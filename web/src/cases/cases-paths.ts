import { CONSOLE_ROOT } from '../console-paths.js';

const encode = encodeURIComponent;

/** URLs of the cases area; routes and links both use these. */
export const casesPaths = {
  queue: `${CONSOLE_ROOT}/cases`,
  case: (id: string) => `${CONSOLE_ROOT}/cases/${encode(id)}`,
  incidents: `${CONSOLE_ROOT}/incidents`,
  incident: (id: string) => `${CONSOLE_ROOT}/incidents/${encode(id)}`,
} as const;

/** Route patterns relative to the console root, as the areas declare them. */
export const CASES_ROUTE_PATTERNS = {
  queue: '/cases',
  case: '/cases/:caseId',
  incidents: '/incidents',
  incident: '/incidents/:incidentId',
} as const;
