import { ReportDetailPage } from '../reports/report-detail-page.js';
import { ReportListPage } from '../reports/report-list-page.js';
import { reportsPaths, REPORTS_ROUTE_PATTERNS } from '../reports/reports-paths.js';
import { RiskRatingPage } from '../reports/risk-rating-page.js';
import { RiskRatingsPage } from '../reports/risk-ratings-page.js';
import type { ConsoleArea } from './console-area.js';

/** Regulatory reports (LVTR, STR, goAML and CAMLMAC export) and customer risk ratings. */
export const REPORTS_AREA: ConsoleArea = {
  routes: [
    {
      pattern: REPORTS_ROUTE_PATTERNS.reports,
      permission: 'compliance.read',
      needsPlatform: true,
      render: () => <ReportListPage />,
    },
    {
      pattern: REPORTS_ROUTE_PATTERNS.report,
      permission: 'compliance.read',
      needsPlatform: true,
      render: (params) => {
        const reportId = params.reportId ?? '';
        return <ReportDetailPage key={reportId} reportId={reportId} />;
      },
    },
    {
      pattern: REPORTS_ROUTE_PATTERNS.ratings,
      permission: 'risk_rating.read',
      needsPlatform: true,
      render: () => <RiskRatingsPage />,
    },
    {
      pattern: REPORTS_ROUTE_PATTERNS.rating,
      permission: 'risk_rating.read',
      needsPlatform: true,
      render: (params) => {
        const customerId = params.customerId ?? '';
        return <RiskRatingPage key={customerId} customerId={customerId} />;
      },
    },
  ],
  nav: [
    { labelKey: 'reports.nav', to: reportsPaths.reports, permission: 'compliance.read' },
    { labelKey: 'riskRating.nav', to: reportsPaths.ratings, permission: 'risk_rating.read' },
  ],
};
