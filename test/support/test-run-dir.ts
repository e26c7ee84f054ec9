import path from 'node:path';

/** The folder of this test run (set by test/global-setup.ts), holding the PGlite template. */
export function testRunDir(): string {
  const dir = process.env.CUSTOS_TEST_RUN_DIR;
  if (dir === undefined || dir === '')
    throw new Error('CUSTOS_TEST_RUN_DIR is not set: run tests through vitest');
  return dir;
}

export function templateDir(): string {
  return path.join(testRunDir(), 'template');
}
