import { CaseQueuePage } from '../cases/case-queue-page.js';
import { CaseWorkspacePage } from '../cases/case-workspace-page.js';
import { casesPaths, CASES_ROUTE_PATTERNS } from '../cases/cases-paths.js';
import { IncidentPage } from '../cases/incident-page.js';
import { IncidentsPage } from '../cases/incidents-page.js';
import type { ConsoleArea } from './console-area.js';

/** The cases pages of the console: routes and navigation entries. */
export const CASES_AREA: ConsoleArea = {
  routes: [
    {
      pattern: CASES_ROUTE_PATTERNS.queue,
      permission: 'alerts.read',
      needsPlatform: true,
      render: () => <CaseQueuePage />,
    },
    {
      pattern: CASES_ROUTE_PATTERNS.case,
      permission: 'alerts.read',
      needsPlatform: true,
      render: (params) => {
        const caseId = params.caseId ?? '';
        return <CaseWorkspacePage key={caseId} caseId={caseId} />;
      },
    },
    {
      pattern: CASES_ROUTE_PATTERNS.incidents,
      permission: 'alerts.read',
      needsPlatform: false,
      render: () => <IncidentsPage />,
    },
    {
      pattern: CASES_ROUTE_PATTERNS.incident,
      permission: 'alerts.read',
      needsPlatform: false,
      render: (params) => {
        const incidentId = params.incidentId ?? '';
        return <IncidentPage key={incidentId} incidentId={incidentId} />;
      },
    },
  ],
  nav: [
    { labelKey: 'cases.nav', to: casesPaths.queue, permission: 'alerts.read' },
    { labelKey: 'incidents.nav', to: casesPaths.incidents, permission: 'alerts.read' },
  ],
};
