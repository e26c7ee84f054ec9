import { defineConfig } from 'vitest/config';

// Test files share one migrated PGlite template (see test/global-setup.ts); each file copies it.
// Files are not isolated from each other: a worker loads the sources once and runs file after
// file with them (loading them again for each of ~180 files cost about half of a run). Every
// file makes its own databases, services and servers; no test changes module state, globals
// or the environment.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Tests that start processes (the CLI, browsers, crashed servers) take up to 25 s here and
    // about twice that on a loaded CI machine: a timeout is for a hung test, not a slow one.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
  },
});
