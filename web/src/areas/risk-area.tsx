import { HeatMapPage } from '../risk/heat-map-page.js';
import { LossEventsPage } from '../risk/loss-events-page.js';
import { PartnersPage } from '../risk/partners-page.js';
import { ResponsibilitiesPage } from '../risk/responsibilities-page.js';
import { RiskDetailPage } from '../risk/risk-detail-page.js';
import { riskPaths, RISK_ROUTE_PATTERNS } from '../risk/risk-paths.js';
import { RiskRegisterPage } from '../risk/risk-register-page.js';
import type { ConsoleArea } from './console-area.js';

/** The risk register pages: register, heat map, risk detail, loss events, partners, my page. */
export const RISK_AREA: ConsoleArea = {
  routes: [
    {
      pattern: RISK_ROUTE_PATTERNS.register,
      permission: 'risk.read',
      needsPlatform: true,
      render: () => <RiskRegisterPage />,
    },
    {
      pattern: RISK_ROUTE_PATTERNS.heatMap,
      permission: 'risk.read',
      needsPlatform: true,
      render: () => <HeatMapPage />,
    },
    {
      pattern: RISK_ROUTE_PATTERNS.risk,
      permission: 'risk.read',
      needsPlatform: true,
      render: (params) => {
        const riskId = params.riskId ?? '';
        return <RiskDetailPage key={riskId} riskId={riskId} />;
      },
    },
    {
      pattern: RISK_ROUTE_PATTERNS.losses,
      permission: 'risk.read',
      needsPlatform: true,
      render: () => <LossEventsPage />,
    },
    {
      pattern: RISK_ROUTE_PATTERNS.partners,
      permission: 'risk.read',
      needsPlatform: true,
      render: () => <PartnersPage />,
    },
    {
      pattern: RISK_ROUTE_PATTERNS.mine,
      permission: 'risk.read',
      needsPlatform: false,
      render: () => <ResponsibilitiesPage />,
    },
  ],
  nav: [
    { labelKey: 'riskRegister.nav', to: riskPaths.register, permission: 'risk.read' },
    { labelKey: 'riskRegister.navMine', to: riskPaths.mine, permission: 'risk.read' },
  ],
};
