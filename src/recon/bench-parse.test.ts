import { describe, expect, it } from 'vitest';
import { benchParse } from './bench-parse.js';

describe('benchParse', () => {
  it('measures both formats on a small generated file', async () => {
    const figures = await benchParse({ entryCount: 300 });
    expect(figures.entryCount).toBe(300);
    expect(figures.camt053EntriesPerSecond).toBeGreaterThan(0);
    expect(figures.mt940EntriesPerSecond).toBeGreaterThan(0);
    expect(figures.camt053Bytes).toBeGreaterThan(figures.mt940Bytes ?? 0);
  });
});
