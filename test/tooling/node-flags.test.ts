import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../bin/node-flags.js';

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
});
