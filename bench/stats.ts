export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

/** Runs `count` tasks with at most `concurrency` in flight; returns elapsed milliseconds. */
export async function runBounded(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  onProgress?: (done: number) => void,
): Promise<number> {
  const startedMs = performance.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
      done += 1;
      if (onProgress !== undefined && done % 1_000 === 0) onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return performance.now() - startedMs;
}

export function progressLine(label: string): (done: number, total: number) => void {
  return (done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\r  ${label}: ${done}/${total}   `);
  };
}

export function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[2K');
}
