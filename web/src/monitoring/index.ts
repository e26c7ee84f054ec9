export { MonitoringOverviewPage } from './monitoring-overview-page.js';
export { RulesPage } from './rules-page.js';
export { RulePage } from './rule-page.js';
export { monitoringPaths } from './monitoring-paths.js';
