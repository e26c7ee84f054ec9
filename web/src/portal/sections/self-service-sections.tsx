import type { PortalSection } from '../portal-sections.js';
import { ComplaintDetail } from './complaint-detail.js';
import { ComplaintsSection } from './complaints-section.js';
import { PolProofSection } from './pol-proof-section.js';
import { PrivacySection } from './privacy-section.js';
import { RiskNoticesSection } from './risk-notices-section.js';

/** The customer's self-service sections: complaints, PIPL requests, risk notices, proof of balance. */
export const SELF_SERVICE_SECTIONS: readonly PortalSection[] = [
  {
    id: 'complaints',
    path: '/complaints',
    labelKey: 'portalSelfService.nav.complaints',
    inNav: true,
    render: () => <ComplaintsSection />,
  },
  {
    id: 'complaint',
    path: '/complaints/:complaintId',
    labelKey: 'portalSelfService.nav.complaints',
    inNav: false,
    render: (params) => (
      <ComplaintDetail key={params.complaintId} complaintId={params.complaintId ?? ''} />
    ),
  },
  {
    id: 'notices',
    path: '/risk-notices',
    labelKey: 'portalSelfService.nav.notices',
    inNav: true,
    render: () => <RiskNoticesSection />,
  },
  {
    id: 'privacy',
    path: '/privacy',
    labelKey: 'portalSelfService.nav.privacy',
    inNav: true,
    render: () => <PrivacySection />,
  },
  {
    id: 'pol',
    path: '/proof-of-balance',
    labelKey: 'portalSelfService.nav.pol',
    inNav: true,
    render: () => <PolProofSection />,
  },
];
