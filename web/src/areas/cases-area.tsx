import type { ConsoleArea } from './console-area.js';

/** The cases pages of the console: routes and navigation entries. */
export const CASES_AREA: ConsoleArea = { routes: [], nav: [] };
