import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import {
  POL_PROOF_BYTES_MAX,
  POL_ROOTS_LIST_MAX,
  verifyPolProof,
  type PolRootView,
} from '../pol/index.js';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { table } from './output.js';
import { runCall, type GlobalOptions } from './run-command.js';
import { CliError, httpTransport, type Transport } from './transport.js';

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

/** Reads and checks a proof file: no database, no network (the published root is `expect`'s). */
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
    .description(
      'verify a proof file against the published root; exit 0 verified, 1 failed, ' +
        '2 sound but NOT CHECKED against a published root',
    )
    .option('--customer <id>', 'fail unless the proof is for this customer')
    .option('--root <hex>', 'the published root the proof must lead to')
    .option(
      '--server <url>',
      'fetch the published root from this Custos server (default: CUSTOS_URL when set)',
    )
    .action(async (file: string, o: { customer?: string; root?: string; server?: string }) => {
      const json = global().json === true;
      const customer = o.customer === undefined ? {} : { customerId: o.customer };
      let result = verifyProofFile(file, {
        ...customer,
        ...(o.root === undefined ? {} : { rootHash: o.root }),
      });
      let unanchoredReason = 'no --root given and no server to fetch the published root from';
      const server = o.server ?? process.env.CUSTOS_URL;
      if (result.ok && !result.anchored && server !== undefined && server !== '') {
        const published = await fetchPublishedRoot(
          httpTransport(server, process.env.CUSTOS_API_KEY),
          result,
        );
        if ('rootHash' in published)
          result = verifyProofFile(file, { ...customer, rootHash: published.rootHash });
        else unanchoredReason = published.reason;
      }
      if (json)
        process.stdout.write(
          `${JSON.stringify(
            result.ok
              ? {
                  ...result,
                  balanceMinor: result.balanceMinor.toString(),
                  ...(result.anchored ? {} : { notChecked: unanchoredReason }),
                }
              : result,
            null,
            2,
          )}\n`,
        );
      if (!result.ok) {
        if (!json) process.stdout.write(`FAILED at ${result.step}: ${result.message}\n`);
        process.exitCode = 1;
        return;
      }
      const what =
        `${result.customerId} ${result.balanceMinor} minor units of ${result.currency} ` +
        `in the ${result.date} tree of ${result.platformId}, root ${result.rootHash}`;
      if (!result.anchored) {
        if (!json)
          process.stdout.write(
            `NOT CHECKED against a published root (${unanchoredReason}): the file is only ` +
              `consistent with itself, which anyone can forge. ${what}\n` +
              'Give --root with the root from the transparency report, or --server URL.\n',
          );
        process.exitCode = 2;
        return;
      }
      if (!json) process.stdout.write(`OK ${result.customerId} included: ${what}\n`);
    });
}

/**
 * The root the platform published for the proof's tree: from the public transparency report
 * when the tree is the newest of its currency, else from the roots list (needs a key with
 * `pol.read`). A tree the server does not list leaves the proof unchecked, with the reason.
 */
async function fetchPublishedRoot(
  transport: Transport,
  proof: { platformId: string; treeId: string; currency: string; date: string },
): Promise<{ rootHash: string } | { reason: string }> {
  const platform = encodeURIComponent(proof.platformId);
  const matching = (root: { treeId?: unknown; rootHash?: unknown } | null | undefined) =>
    root !== null &&
    root !== undefined &&
    root.treeId === proof.treeId &&
    typeof root.rootHash === 'string'
      ? { rootHash: root.rootHash }
      : undefined;
  const report = await transport.request('GET', `/v1/transparency/${platform}`);
  if (report.status === 200) {
    const currencies = (report.body as TransparencyReportJson).currencies ?? [];
    const found = matching(
      currencies.find((c) => c.currency === proof.currency)?.proofOfLiabilities,
    );
    if (found !== undefined) return found;
  } else if (report.status === 404) {
    return { reason: `${transport.description} does not know platform ${proof.platformId}` };
  }
  const roots = await transport.request(
    'GET',
    `/v1/platforms/${platform}/pol/roots?currency=${encodeURIComponent(proof.currency)}&limit=${POL_ROOTS_LIST_MAX}`,
  );
  if (roots.status !== 200)
    return {
      reason: `tree ${proof.treeId} is not the newest published ${proof.currency} root and ${transport.description} answered ${roots.status} for the roots list (set CUSTOS_API_KEY)`,
    };
  const listed = (roots.body as { roots?: PolRootView[] }).roots ?? [];
  return (
    matching(listed.find((root) => root.treeId === proof.treeId)) ?? {
      reason: `tree ${proof.treeId} is not among the ${proof.currency} roots ${transport.description} publishes`,
    }
  );
}

interface TransparencyReportJson {
  currencies?: {
    currency: string;
    proofOfLiabilities?: { treeId?: unknown; rootHash?: unknown } | null;
  }[];
}
