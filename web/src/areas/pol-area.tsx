import { PolOpenPage } from '../pol/pol-open-page.js';
import { polPaths, POL_ROUTE_PATTERNS } from '../pol/pol-paths.js';
import { PolRootsPage } from '../pol/pol-roots-page.js';
import { PolVerifyPage } from '../pol/pol-verify-page.js';
import type { ConsoleArea } from './console-area.js';

/** Proof of liabilities: roots history, proof verification, the supervisor's opening. */
export const POL_AREA: ConsoleArea = {
  routes: [
    {
      pattern: POL_ROUTE_PATTERNS.roots,
      permission: 'pol.read',
      needsPlatform: true,
      render: () => <PolRootsPage />,
    },
    {
      pattern: POL_ROUTE_PATTERNS.verify,
      permission: 'pol.read',
      needsPlatform: false,
      render: () => <PolVerifyPage />,
    },
    {
      pattern: POL_ROUTE_PATTERNS.tree,
      permission: 'pol.total.read',
      needsPlatform: true,
      render: (params) => {
        const treeId = params.treeId ?? '';
        return <PolOpenPage key={treeId} treeId={treeId} />;
      },
    },
  ],
  nav: [{ labelKey: 'pol.nav', to: polPaths.roots, permission: 'pol.read' }],
};
