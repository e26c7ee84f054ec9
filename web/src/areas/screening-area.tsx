import { ScreeningPage, screeningPaths } from '../screening/index.js';
import type { ConsoleArea } from './console-area.js';

/** Sanctions and watchlist screening: reviews, ad-hoc screening and list versions on one page. */
export const SCREENING_AREA: ConsoleArea = {
  routes: [
    {
      pattern: screeningPaths.page,
      permission: 'screening.read',
      needsPlatform: true,
      render: () => <ScreeningPage />,
    },
  ],
  nav: [{ labelKey: 'screening.nav', to: screeningPaths.page, permission: 'screening.read' }],
};
