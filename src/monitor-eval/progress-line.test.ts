import { describe, expect, it } from 'vitest';
import { ProgressLine } from './progress-line.js';

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) > 0 };
}

describe('ProgressLine', () => {
  it('redraws one bar on a terminal', () => {
    const out = sink(true);
    const progress = new ProgressLine(out, 'simulate');
    progress.update(0.5, 'day 60/120');
    progress.update(1.5, 'day 120/120');
    progress.finish('10 events');
    expect(out.written[0]).toMatch(/^\rsimulate \[#{15}\.{15}\] {2}50% day 60\/120/);
    expect(out.written[1]).toMatch(/\[#{30}\] 100%/);
    expect(out.written.at(-1)).toBe('simulate: done, 10 events\n');
  });

  it('prints plain lines at most once per interval elsewhere', () => {
    const out = sink(false);
    let nowMs = 10_000;
    const progress = new ProgressLine(out, 'evaluate', () => nowMs);
    progress.update(0.1, 'a');
    progress.update(0.2, 'b');
    nowMs += 6_000;
    progress.update(0.3, 'c');
    expect(out.written).toEqual(['evaluate: 10% a\n', 'evaluate: 30% c\n']);
  });

  it('shows a count without a bar when the total is unknown', () => {
    const out = sink(true);
    new ProgressLine(out, 'evaluate').update(null, '50,000 events');
    expect(out.written).toEqual(['\revaluate: 50,000 events\u001b[K']);
  });
});
