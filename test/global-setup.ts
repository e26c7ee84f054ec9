import fs from 'node:fs';
import path from 'node:path';
import { migrate, openDatabase } from '../src/store/index.js';

/**
 * Creates and migrates one PGlite data folder per run; every test database starts as a copy
 * of it. Creating a PGlite folder costs seconds and a gigabyte; copying one costs milliseconds.
 * Each run has its own folder, so runs side by side do not disturb each other.
 */
export default async function setup(): Promise<() => void> {
  const runDir = path.resolve('.test-data', `run-${process.pid}`);
  const templateDir = path.join(runDir, 'template');
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const db = await openDatabase({ kind: 'pglite', dataDir: templateDir });
  await migrate(db);
  await db.close();
  process.env.CUSTOS_TEST_RUN_DIR = runDir;
  return () => fs.rmSync(runDir, { recursive: true, force: true });
}
