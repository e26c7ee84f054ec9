import { describe, expect, it } from 'vitest';
import { benchParse } from './bench-parse.js';

describe('benchParse', () => {
  it('measures both formats on a small generated file', async () => {
    const figures = await benchParse({ entryCount: 300, runCount: 3 });
    expect(figures.entryCount).toBe(300);
    expect(figures.runCount).toBe(3);
    expect(figures.camt053MegabytesPerSecond).toBeGreaterThanOrEqual(0);
    expect(figures.camt053ParseMs).toBeGreaterThanOrEqual(0);
    expect(figures.camt053EntriesPerSecond).toBeGreaterThan(0);
    expect(figures.mt940EntriesPerSecond).toBeGreaterThan(0);
    expect(figures.camt053Bytes).toBeGreaterThan(figures.mt940Bytes ?? 0);
  });

  it('refuses run counts outside its limit', async () => {
    await expect(benchParse({ entryCount: 10, runCount: 0 })).rejects.toThrow(/run count/);
    await expect(benchParse({ entryCount: 10, runCount: 10 })).rejects.toThrow(/run count/);
  });
});
