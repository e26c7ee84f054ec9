import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Where the CLI tests find the run's bundled CLI (set by test/global-setup.ts). Without it
 * they run the sources through tsx, as `npx custos` does.
 */
export const CLI_BUNDLE_ENV = 'CUSTOS_TEST_CLI_BUNDLE';

/**
 * Bundles src/cli/main.ts into one ES module for the CLI tests, which start the CLI dozens of
 * times: loading some 700 TypeScript modules through tsx's loader costs seconds per start, one
 * bundled file a fraction of that. Packages stay external (resolved from node_modules as
 * usual). Every source file keeps its own location: `import.meta.url` is replaced by that
 * file's URL, so paths next to it (migrations, worker scripts, data files) resolve as they do
 * unbundled. The bundle must be written inside the repository, where its package imports
 * resolve from node_modules.
 */
export async function buildCliBundle(outFile: string): Promise<void> {
  await build({
    entryPoints: ['src/cli/main.ts'],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    plugins: [ownFileUrls],
  });
}

const ownFileUrls: Plugin = {
  name: 'own-file-urls',
  setup(plugins) {
    plugins.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};
