#!/usr/bin/env node
// `npm start`: build the console when it is missing or older than its sources, then run the
// server in this process (so Ctrl-C reaches it directly). Arguments pass through (--demo).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestMtimeMs(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtimeMs(full) : fs.statSync(full).mtimeMs,
    );
  }
  return newest;
}

const built = 'web/dist/index.html';
const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < newestMtimeMs('web/src');
if (stale) {
  process.stdout.write('building the console…\n');
  const status = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  ).status;
  if (status !== 0) process.exit(status ?? 1);
}
await import('tsx/esm/api').then(({ register }) => register());
await import('../src/main.ts');
