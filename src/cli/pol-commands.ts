import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { POL_PROOF_BYTES_MAX, verifyPolProof, type PolRootView } from '../pol/index.js';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { table } from './output.js';
import { runCall, type GlobalOptions } from './run-command.js';
import { CliError } from './transport.js';

const ROOT_COLUMNS = ['currency', 'date', 'customerCount', 'height', 'rootHash', 'treeId'];

/** Prints a tick on stderr every second while `work` runs, so a long build shows it is alive. */
async function withTicker<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const timer = setInterval(
    () =>
      process.stderr.write(`custos: ${label}… ${Math.round((Date.now() - started) / 1000)} s\n`),
    1_000,
  );
  try {
    return await work();
  } finally {
    clearInterval(timer);
    process.stderr.write(`custos: ${label} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

/** Reads and checks a proof file offline: no database, no network. */
export function verifyProofFile(file: string, expect: { customerId?: string; rootHash?: string }) {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > POL_PROOF_BYTES_MAX)
      throw new CliError(`${file} is ${size} bytes; a proof is at most ${POL_PROOF_BYTES_MAX}`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return verifyPolProof(undefined, expect);
  }
  return verifyPolProof(document, expect);
}

/**
 * `custos pol build|roots|proof|verify`: proof of liabilities. Build, roots and proof go
 * through the API (or the data folder in-process); verify works offline on a proof file.
 */
export function registerPolCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const pol = program
    .command('pol')
    .description("proof of liabilities: daily sum-tree roots and customers' inclusion proofs");
  pol
    .command('build')
    .description("build and publish today's roots for every currency of the platform")
    .option(...PLATFORM_OPTION)
    .action((o: { platform?: string }) =>
      withTicker(
        `building proof-of-liabilities trees on ${Math.min(2, os.availableParallelism())} thread(s)`,
        () =>
          runCall(
            global(),
            { method: 'POST', path: `${platformPath(o.platform)}/pol/build`, body: {} },
            (body) =>
              table(
                (body as { roots: PolRootView[] }).roots as unknown as Record<string, unknown>[],
                ROOT_COLUMNS,
              ),
          ),
      ),
    );
  pol
    .command('roots')
    .description('published roots, newest first')
    .option(...PLATFORM_OPTION)
    .option('--currency <code>', 'one currency')
    .action((o: { platform?: string; currency?: string }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${platformPath(o.platform)}/pol/roots${o.currency === undefined ? '' : `?currency=${encodeURIComponent(o.currency)}`}`,
        },
        (body) =>
          table(
            (body as { roots: PolRootView[] }).roots as unknown as Record<string, unknown>[],
            ROOT_COLUMNS,
          ),
      ),
    );
  pol
    .command('proof <customerId>')
    .description("a customer's inclusion proof as JSON (redirect it to a file)")
    .option(...PLATFORM_OPTION)
    .option('--date <YYYY-MM-DD>', "the tree's date (default: the newest)")
    .option('--currency <code>', 'the currency (default: the newest tree holding the customer)')
    .action((customerId: string, o: { platform?: string; date?: string; currency?: string }) => {
      const query = new URLSearchParams();
      if (o.date !== undefined) query.set('date', o.date);
      if (o.currency !== undefined) query.set('currency', o.currency);
      const suffix = query.size === 0 ? '' : `?${query.toString()}`;
      return runCall(
        global(),
        {
          method: 'GET',
          path: `${platformPath(o.platform)}/pol/proofs/${encodeURIComponent(customerId)}${suffix}`,
        },
        (body) => JSON.stringify(body, null, 2),
      );
    });
  pol
    .command('verify <file>')
    .description('verify a proof file offline; exit code 1 when it does not verify')
    .option('--customer <id>', 'fail unless the proof is for this customer')
    .option('--root <hex>', 'fail unless the proof leads to this published root')
    .action((file: string, o: { customer?: string; root?: string }) => {
      const result = verifyProofFile(file, {
        ...(o.customer === undefined ? {} : { customerId: o.customer }),
        ...(o.root === undefined ? {} : { rootHash: o.root }),
      });
      if (global().json === true)
        process.stdout.write(
          `${JSON.stringify(result.ok ? { ...result, balanceMinor: result.balanceMinor.toString() } : result, null, 2)}\n`,
        );
      if (!result.ok) {
        if (global().json !== true)
          process.stdout.write(`FAILED at ${result.step}: ${result.message}\n`);
        process.exitCode = 1;
        return;
      }
      if (global().json !== true)
        process.stdout.write(
          `OK ${result.customerId} ${result.balanceMinor} minor units of ${result.currency} ` +
            `included in the ${result.date} tree of ${result.platformId}, root ${result.rootHash}\n`,
        );
    });
}
