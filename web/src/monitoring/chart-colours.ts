import type { AlertSeverity, KriLight } from './monitoring-types.js';

/** Severity colours, calm to urgent; the same in every chart and table of the area. */
export const SEVERITY_COLOURS: Record<AlertSeverity, string> = {
  low: '#3d7be0',
  medium: '#d39b1b',
  high: '#dd6b20',
  critical: '#b3261e',
};

export const LIGHT_COLOURS: Record<KriLight, string> = {
  green: '#1d7a46',
  amber: '#d39b1b',
  red: '#b3261e',
};

export const AXIS_TEXT = '#5f6b7d';
export const GRID_LINE = '#e8ecf2';
/** Active pack against draft in backtests. */
export const ACTIVE_COLOUR = '#8a94a6';
export const DRAFT_COLOUR = '#1f5fbf';
