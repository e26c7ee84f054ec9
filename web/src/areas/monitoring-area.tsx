import {
  MonitoringOverviewPage,
  monitoringPaths,
  RulePage,
  RulesPage,
} from '../monitoring/index.js';
import type { ConsoleArea } from './console-area.js';

/**
 * The monitoring pages of the console: the dashboard (funds, KRIs, alerts), and the rule pack
 * with its versions, editor, backtests and activation requests. One navigation entry, first
 * for every role that may read monitoring; the pages link to each other by tabs.
 */
export const MONITORING_AREA: ConsoleArea = {
  routes: [
    {
      pattern: '/monitoring',
      permission: 'monitoring.read',
      needsPlatform: true,
      render: () => <MonitoringOverviewPage />,
    },
    {
      pattern: '/monitoring/rules',
      permission: 'monitoring.read',
      needsPlatform: true,
      render: () => <RulesPage />,
    },
    {
      pattern: '/monitoring/rules/:ruleId',
      permission: 'monitoring.read',
      needsPlatform: true,
      render: (params) => {
        const ruleId = params['ruleId'] ?? '';
        return <RulePage key={ruleId} ruleId={ruleId} />;
      },
    },
  ],
  nav: [
    { labelKey: 'monitoring.nav', to: monitoringPaths.overview, permission: 'monitoring.read' },
  ],
};
