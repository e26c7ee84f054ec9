#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx custos` works from a checkout without a build.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsxArgs } from './node-flags.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = require.resolve('tsx/cli');
const result = spawnSync(
  process.execPath,
  tsxArgs(tsx, path.join(here, '..', 'src', 'cli', 'main.ts'), process.argv.slice(2)),
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
