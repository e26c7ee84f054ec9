import { CASES_AREA } from './cases-area.js';
import type { ConsoleArea } from './console-area.js';
import { MONITORING_AREA } from './monitoring-area.js';

export type { AreaNavItem, AreaRoute, ConsoleArea } from './console-area.js';
export const CONSOLE_AREAS: readonly ConsoleArea[] = [MONITORING_AREA, CASES_AREA];
