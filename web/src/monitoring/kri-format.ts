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
