import type { Kri } from './monitoring-types.js';

/** Digits after the point of a ratio shown as a percentage. */
const PERCENT_DIGITS = 2;

/** A KRI value as people read it: a ratio as a percentage, a count as a whole number. */
export function formatKriValue(unit: Kri['unit'], value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'ratio') return `${trimZeros((value * 100).toFixed(PERCENT_DIGITS))} %`;
  return String(Math.round(value));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** "≥ 5 %" for a higher-is-worse KRI, "≤ 2 %" for a lower-is-worse one. */
export function formatThreshold(kri: Pick<Kri, 'unit' | 'worse'>, at: number): string {
  return `${kri.worse === 'higher' ? '≥' : '≤'} ${formatKriValue(kri.unit, at)}`;
}

/** A threshold as typed in the form: a ratio in percent, a count as a whole number. */
export function thresholdInput(unit: Kri['unit'], value: number): string {
  if (unit === 'ratio') return trimZeros((value * 100).toFixed(4));
  return String(value);
}

/**
 * The threshold a form field holds, or null when it is not a number of the KRI's kind (the
 * server checks the rest: range and the order of amber and red).
 */
export function thresholdFromInput(unit: Kri['unit'], text: string): number | null {
  const trimmed = text.trim();
  if (unit === 'count') return /^\d{1,7}$/.test(trimmed) ? Number(trimmed) : null;
  if (!/^\d{1,4}(\.\d{1,4})?$/.test(trimmed)) return null;
  return Number((Number(trimmed) / 100).toFixed(6));
}
