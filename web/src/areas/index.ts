import { CASES_AREA } from './cases-area.js';
import { COMPLAINTS_AREA } from './complaints-area.js';
import { COMPLIANCE_AREA } from './compliance-area.js';
import type { ConsoleArea } from './console-area.js';
import { MONITORING_AREA } from './monitoring-area.js';
import { POL_AREA } from './pol-area.js';
import { RISK_MODELS_AREA } from './risk-models-area.js';
import { RISK_AREA } from './risk-area.js';
import { REPORTS_AREA } from './reports-area.js';
import { SCREENING_AREA } from './screening-area.js';

export type { AreaNavItem, AreaRoute, ConsoleArea } from './console-area.js';
export const CONSOLE_AREAS: readonly ConsoleArea[] = [
  MONITORING_AREA,
  CASES_AREA,
  RISK_AREA,
  RISK_MODELS_AREA,
  POL_AREA,
  COMPLIANCE_AREA,
  COMPLAINTS_AREA,
  REPORTS_AREA,
  SCREENING_AREA,
];
