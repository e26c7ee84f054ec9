import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CLI_BUNDLE_ENV } from './cli-bundle.js';
import { templateDir, testRunDir } from './test-run-dir.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `custos ARGS` as an operator would, on the PGlite data folder `dataDir` (never a server
 * or DATABASE_URL), with `input` on stdin when given: the run's bundled CLI when there is one
 * (see cli-bundle.ts), else the sources through tsx.
 */
export function runCustosCli(dataDir: string, args: readonly string[], input?: string): CliResult {
  const bundle = process.env[CLI_BUNDLE_ENV];
  const entry =
    bundle === undefined || bundle === ''
      ? ['--import', 'tsx', path.resolve('src/cli/main.ts')]
      : [bundle];
  const result = spawnSync(process.execPath, [...entry, ...args], {
    env: { ...process.env, CUSTOS_DATA_DIR: dataDir, DATABASE_URL: '', CUSTOS_URL: '' },
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new data folder of this test run, copied from the migrated template; `tag` names it. */
export function freshDataDir(tag: string): string {
  const dataDir = path.join(testRunDir(), `${tag}-${randomBytes(4).toString('hex')}`);
  fs.cpSync(templateDir(), dataDir, { recursive: true });
  return dataDir;
}
