import { assert } from '../assert.js';
import type { MonteCarloFigures } from './monte-carlo-report.js';

const BAR_WIDTH_MAX = 50;

function major(minor: string, exponent: number): string {
  const value = Number(minor) / 10 ** exponent;
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/**
 * The loss distribution as text: one line per bin with a bar scaled to the fullest bin,
 * marking the bins holding VaR 99% and 99.9%, and the overflow beyond the last bin.
 */
export function textHistogram(figures: MonteCarloFigures, exponent: number): string {
  const bins = figures.histogram.bins;
  assert(bins.length > 0, 'a histogram has bins');
  const fullest = Math.max(1, ...bins.map((b) => b.count), figures.histogram.overflowCount);
  const markers = figures.tail.map((t) => ({ level: t.level, at: Number(t.valueAtRiskMinor) }));
  const labels = bins.map((b) => `${major(b.fromMinor, exponent)} – ${major(b.toMinor, exponent)}`);
  const width = Math.max(...labels.map((l) => l.length));
  const lines = bins.map((bin, index) => {
    const bar = '█'.repeat(Math.round((bin.count / fullest) * BAR_WIDTH_MAX));
    const marks = markers
      .filter((m) => m.at >= Number(bin.fromMinor) && m.at <= Number(bin.toMinor))
      .map((m) => ` ◀ VaR ${(m.level * 100).toFixed(1)}%`)
      .join('');
    return `${(labels[index] ?? '').padStart(width)} │${bar} ${bin.count}${marks}`;
  });
  const overflow = figures.histogram.overflowCount;
  const tailBar = '█'.repeat(Math.round((overflow / fullest) * BAR_WIDTH_MAX));
  lines.push(
    `${`> ${major(figures.histogram.overflowFromMinor, exponent)}`.padStart(width)} │${tailBar} ${overflow}`,
  );
  return lines.join('\n');
}

/** A progress bar line for a terminal: `[█████░░░░░]  50%`. */
export function progressBar(done: number, width = 30): string {
  const share = Math.min(1, Math.max(0, done));
  const filled = Math.round(share * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%`;
}
