import fs from 'node:fs';
import path from 'node:path';
import { migrate, openDatabase } from '../src/store/index.js';

export const TEMPLATE_DIR = path.resolve('.test-data/template');

/**
 * Creates and migrates one PGlite data folder per run; every test database starts as a copy
 * of it. Creating a PGlite folder costs seconds and a gigabyte; copying one costs milliseconds.
 */
export default async function setup(): Promise<void> {
  fs.rmSync(path.resolve('.test-data'), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TEMPLATE_DIR), { recursive: true });
  const db = await openDatabase({ kind: 'pglite', dataDir: TEMPLATE_DIR });
  await migrate(db);
  await db.close();
}
