import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { testRunDir } from '../support/test-run-dir.js';

export const CONSOLE_BUILD_WAIT_MS_MAX = 180_000;
const POLL_MS = 200;

function sleepMs(durationMs: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, durationMs);
}

/**
 * The console built once per test run, into the run's own folder, whichever browser test gets
 * here first; the others wait for it. Test files run in parallel workers, so building into a
 * shared web/dist from each of them would empty the folder under a page another test serves.
 * The build runs in its own process with NODE_ENV=production, as `npm run build:web` does.
 */
export function consoleBuildDir(): string {
  const outDir = path.join(testRunDir(), 'web-dist');
  const ready = path.join(testRunDir(), 'web-dist.ready');
  const lock = path.join(testRunDir(), 'web-dist.lock');
  if (fs.existsSync(ready)) return outDir;
  let builder: boolean;
  try {
    fs.mkdirSync(lock);
    builder = true;
  } catch {
    builder = false;
  }
  if (builder) {
    const vite = path.resolve('node_modules/vite/bin/vite.js');
    const args = [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'];
    execFileSync(process.execPath, [...args, '--outDir', outDir, '--emptyOutDir'], {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    });
    fs.writeFileSync(ready, new Date().toISOString());
    return outDir;
  }
  const deadlineMs = Date.now() + CONSOLE_BUILD_WAIT_MS_MAX;
  while (!fs.existsSync(ready)) {
    if (Date.now() > deadlineMs) throw new Error('waited too long for the console build');
    sleepMs(POLL_MS);
  }
  return outDir;
}
