import { CONSOLE_ROOT } from '../console-paths.js';

const encode = encodeURIComponent;

/** URLs of the complaints area; routes and links both use these. */
export const complaintsPaths = {
  queue: `${CONSOLE_ROOT}/complaints`,
  complaint: (id: string) => `${CONSOLE_ROOT}/complaints/${encode(id)}`,
  statistics: `${CONSOLE_ROOT}/complaint-statistics`,
  privacy: `${CONSOLE_ROOT}/privacy-requests`,
  notices: `${CONSOLE_ROOT}/risk-notices`,
} as const;

export const COMPLAINTS_ROUTE_PATTERNS = {
  queue: '/complaints',
  complaint: '/complaints/:complaintId',
  statistics: '/complaint-statistics',
  privacy: '/privacy-requests',
  notices: '/risk-notices',
} as const;
