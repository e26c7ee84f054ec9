import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS, tsxArgs } from '../../bin/node-flags.js';

describe('V8 flags of Custos processes', () => {
  it('are on the command lines npm runs: the server and the benchmarks', () => {
    const scripts = (
      JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(NODE_FLAGS.length).toBeGreaterThan(0);
    for (const name of ['start', 'bench']) {
      const words = (scripts[name] ?? '').split(/\s+/);
      for (const flag of NODE_FLAGS) expect(words, `npm run ${name}`).toContain(flag);
    }
  });

  it('are flags this Node accepts', () => {
    for (const flag of NODE_FLAGS)
      expect(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0] ?? '')).toBe(true);
  });

  it('reach the process that runs the CLI through tsx', () => {
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custos-flags-')), 'argv.ts');
    fs.writeFileSync(script, 'console.log(JSON.stringify(process.execArgv));\n');
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const run = spawnSync(process.execPath, tsxArgs(tsx, script, []), { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const execArgv = JSON.parse(run.stdout) as string[];
    for (const flag of NODE_FLAGS) expect(execArgv).toContain(flag);
    fs.rmSync(path.dirname(script), { recursive: true, force: true });
  });
});
