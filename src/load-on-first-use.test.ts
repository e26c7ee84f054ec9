import { describe, expect, it } from 'vitest';
import { loadOnFirstUse } from './load-on-first-use.js';

describe('loadOnFirstUse', () => {
  it('loads nothing until asked, then once for every caller', async () => {
    let loads = 0;
    const library = loadOnFirstUse(async () => {
      loads += 1;
      return { name: 'library' };
    });
    expect(loads).toBe(0);
    const [first, second] = await Promise.all([library(), library()]);
    expect(await library()).toBe(first);
    expect(second).toBe(first);
    expect(loads).toBe(1);
  });

  it('fails every caller alike when the load fails', async () => {
    let loads = 0;
    const library = loadOnFirstUse(() => {
      loads += 1;
      return Promise.reject(new Error('cannot load'));
    });
    await expect(library()).rejects.toThrow('cannot load');
    await expect(library()).rejects.toThrow('cannot load');
    expect(loads).toBe(1);
  });

  it('loads a real package when first asked', async () => {
    const qrLibrary = loadOnFirstUse(() => import('qrcode'));
    const { default: QRCode } = await qrLibrary();
    expect(await QRCode.toString('custos', { type: 'svg' })).toContain('<svg');
  });
});
