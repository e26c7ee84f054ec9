import { ComplaintPage } from '../complaints/complaint-page.js';
import { ComplaintQueuePage } from '../complaints/complaint-queue-page.js';
import { ComplaintStatsPage } from '../complaints/complaint-stats-page.js';
import { complaintsPaths, COMPLAINTS_ROUTE_PATTERNS } from '../complaints/complaints-paths.js';
import { PrivacyRequestsPage } from '../complaints/privacy-requests-page.js';
import { RiskNoticesPage } from '../complaints/risk-notices-page.js';
import type { ConsoleArea } from './console-area.js';

/** Complaints, PIPL privacy requests and product risk notices. */
export const COMPLAINTS_AREA: ConsoleArea = {
  routes: [
    {
      pattern: COMPLAINTS_ROUTE_PATTERNS.queue,
      permission: 'complaints.read',
      needsPlatform: true,
      render: () => <ComplaintQueuePage />,
    },
    {
      pattern: COMPLAINTS_ROUTE_PATTERNS.complaint,
      permission: 'complaints.read',
      needsPlatform: true,
      render: (params) => {
        const complaintId = params.complaintId ?? '';
        return <ComplaintPage key={complaintId} complaintId={complaintId} />;
      },
    },
    {
      pattern: COMPLAINTS_ROUTE_PATTERNS.statistics,
      permission: 'complaints.read',
      needsPlatform: true,
      render: () => <ComplaintStatsPage />,
    },
    {
      pattern: COMPLAINTS_ROUTE_PATTERNS.privacy,
      permission: 'compliance.read',
      needsPlatform: true,
      render: () => <PrivacyRequestsPage />,
    },
    {
      pattern: COMPLAINTS_ROUTE_PATTERNS.notices,
      permission: 'books.read',
      needsPlatform: true,
      render: () => <RiskNoticesPage />,
    },
  ],
  nav: [
    { labelKey: 'complaints.nav', to: complaintsPaths.queue, permission: 'complaints.read' },
    { labelKey: 'privacy.nav', to: complaintsPaths.privacy, permission: 'compliance.read' },
    { labelKey: 'notices.nav', to: complaintsPaths.notices, permission: 'books.read' },
  ],
};
