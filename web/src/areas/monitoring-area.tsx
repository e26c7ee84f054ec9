import type { ConsoleArea } from './console-area.js';

/** The monitoring pages of the console: routes and navigation entries. */
export const MONITORING_AREA: ConsoleArea = { routes: [], nav: [] };
