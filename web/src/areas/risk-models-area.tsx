import { MonteCarloPage } from '../risk-models/monte-carlo-page.js';
import { riskModelsPaths, RISK_MODELS_ROUTE_PATTERNS } from '../risk-models/risk-models-paths.js';
import { StressTestsPage } from '../risk-models/stress-tests-page.js';
import type { ConsoleArea } from './console-area.js';

/** The quantitative risk pages: Monte Carlo of the annual loss and liquidity stress tests. */
export const RISK_MODELS_AREA: ConsoleArea = {
  routes: [
    {
      pattern: RISK_MODELS_ROUTE_PATTERNS.monteCarlo,
      permission: 'risk.read',
      needsPlatform: true,
      render: () => <MonteCarloPage />,
    },
    {
      pattern: RISK_MODELS_ROUTE_PATTERNS.stress,
      permission: 'risk.read',
      needsPlatform: true,
      render: () => <StressTestsPage />,
    },
  ],
  nav: [{ labelKey: 'riskModels.nav', to: riskModelsPaths.monteCarlo, permission: 'risk.read' }],
};
