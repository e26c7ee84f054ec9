import { describe, expect, it } from 'vitest';
import { benchLargeValueBatch } from './bench-lvtr.js';

describe('benchLargeValueBatch', () => {
  it('measures a small generated day and finds the same items every run', () => {
    const figures = benchLargeValueBatch({ instructions: 20_000, runs: 3 });
    expect(figures.instructions).toBe(20_000);
    expect(figures.runsMs).toHaveLength(3);
    expect(figures.legs).toBeGreaterThan(figures.instructions);
    expect(figures.items).toBeGreaterThan(0);
    expect(figures.medianMs).toBeGreaterThan(0);
  });

  it('refuses run counts outside its limit', () => {
    expect(() => benchLargeValueBatch({ instructions: 10, runs: 0 })).toThrow(/run count/);
    expect(() => benchLargeValueBatch({ instructions: 10, runs: 10 })).toThrow(/run count/);
  });
});
