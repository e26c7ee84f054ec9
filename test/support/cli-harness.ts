import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { templateDir, testRunDir } from './test-run-dir.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `custos ARGS` as an operator would, on the PGlite data folder `dataDir` (never a server
 * or DATABASE_URL), with `input` on stdin when given.
 */
export function runCustosCli(dataDir: string, args: readonly string[], input?: string): CliResult {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.resolve('src/cli/main.ts'), ...args],
    {
      env: { ...process.env, CUSTOS_DATA_DIR: dataDir, DATABASE_URL: '', CUSTOS_URL: '' },
      encoding: 'utf8',
      ...(input === undefined ? {} : { input }),
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new data folder of this test run, copied from the migrated template; `tag` names it. */
export function freshDataDir(tag: string): string {
  const dataDir = path.join(testRunDir(), `${tag}-${randomBytes(4).toString('hex')}`);
  fs.cpSync(templateDir(), dataDir, { recursive: true });
  return dataDir;
}
