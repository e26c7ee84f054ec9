import { CONSOLE_ROOT } from '../console-paths.js';

const encode = encodeURIComponent;

/** URLs of the reports and risk-rating pages; routes and links both use these. */
export const reportsPaths = {
  reports: `${CONSOLE_ROOT}/reports`,
  report: (id: string) => `${CONSOLE_ROOT}/reports/${encode(id)}`,
  ratings: `${CONSOLE_ROOT}/risk-ratings`,
  rating: (customerId: string) => `${CONSOLE_ROOT}/risk-ratings/${encode(customerId)}`,
} as const;

export const REPORTS_ROUTE_PATTERNS = {
  reports: '/reports',
  report: '/reports/:reportId',
  ratings: '/risk-ratings',
  rating: '/risk-ratings/:customerId',
} as const;
