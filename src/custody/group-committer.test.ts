import { describe, expect, it } from 'vitest';
import { GroupCommitter, QueueFull } from './group-committer.js';

describe('GroupCommitter', () => {
  it('groups concurrent submissions and keeps results in order', async () => {
    const batches: number[][] = [];
    const committer = new GroupCommitter<number, number>({
      batchSizeMax: 10,
      queueLengthMax: 100,
      commit: async (items) => {
        batches.push(items);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return items.map((item) => item * 2);
      },
    });
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => committer.submit(i)));
    expect(results).toEqual(Array.from({ length: 25 }, (_, i) => i * 2));
    expect(batches.length).toBeLessThanOrEqual(4);
    expect(batches.every((batch) => batch.length <= 10)).toBe(true);
    await committer.close();
  });

  it('refuses past the queue limit and fails a whole batch together', async () => {
    const committer = new GroupCommitter<number, number>({
      batchSizeMax: 2,
      queueLengthMax: 2,
      commit: async () => {
        throw new Error('database down');
      },
    });
    const first = committer.submit(1);
    const second = committer.submit(2);
    await expect(committer.submit(3)).rejects.toBeInstanceOf(QueueFull);
    await expect(first).rejects.toThrow('database down');
    await expect(second).rejects.toThrow('database down');
  });
});
