import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { registerReconCommands } from '../../src/cli/recon-commands.js';

// Goal: `custos statements parse FILE [--json]` works without a database on the shared
// fixtures and names the problem for a bad file. Method: run the commander program in-process
// and capture stdout.

async function run(args: string[]): Promise<{ out: string; error?: string }> {
  const program = new Command('custos').option('--json').exitOverride();
  registerReconCommands(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'custos', ...args]);
    return { out };
  } catch (error) {
    return { out, error: error instanceof Error ? error.message : String(error) };
  } finally {
    spy.mockRestore();
  }
}

describe('custos statements parse', () => {
  it('prints a table and JSON with minor units as strings', async () => {
    const table = await run([
      'statements',
      'parse',
      '/work/shared/fixtures/mt940/jejik_generic.sta',
    ]);
    expect(table.out).toMatch(/statement\s+account\s+currency/);
    const json = await run([
      'statements',
      'parse',
      '/work/shared/fixtures/camt053/camt053.v8.xml',
      '--json',
    ]);
    const parsed = JSON.parse(json.out) as {
      format: string;
      statements: { entries: { amountMinor: unknown }[] }[];
    };
    expect(parsed.format).toBe('camt.053');
    expect(typeof parsed.statements[0]?.entries[0]?.amountMinor).toBe('string');
  });

  it('names the problem in a bad file', async () => {
    const bad = await run([
      'statements',
      'parse',
      '/work/shared/fixtures/camt053/camt053.v2.wrong.xml',
    ]);
    expect(bad.error).toMatch(/[a-z_]+: /);
  });
});
