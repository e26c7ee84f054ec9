// Which test files never reach a database: they run once, in the PGlite pass, because a pass
// on PostgreSQL would repeat them exactly. A file reaches a database when anything it imports,
// followed through every relative import (type-only imports aside), opens one
// (src/store/open-database.ts), reads the configuration (src/config.ts, where DATABASE_URL is
// read), imports a driver, reads DATABASE_URL itself or starts processes. The test is
// conservative: a file it cannot follow counts as reaching a database.
import fs from 'node:fs';
import path from 'node:path';

const OPENS_DATABASE = new Set(['src/store/open-database.ts', 'src/config.ts']);
const MENTIONS_DATABASE =
  /DATABASE_URL|TEST_BACKEND|node:child_process|from '(pg|@electric-sql\/pglite)(\/[^']*)?'/;
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?<type>type\s+)?[^;]*?from\s*'(?<from>\.[^']+)'|(?:^|\n)\s*import\s*'(?<bare>\.[^']+)'|import\(\s*'(?<dynamic>\.[^']+)'\s*\)/g;
/** Upper bound on the files one closure may visit: the repository is far smaller. */
const CLOSURE_FILES_MAX = 5_000;

/** Test files (repository-relative, `/`-separated) under `roots` that never reach a database. */
export function databaseFreeTests(roots = ['src', 'test']) {
  const parsed = new Map();
  return roots
    .flatMap((root) => testFiles(root))
    .filter((file) => !closureReachesDatabase(file, parsed))
    .sort();
}

function testFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...testFiles(full));
    } else if (entry.name.endsWith('.test.ts')) {
      found.push(full);
    }
  }
  return found;
}

function closureReachesDatabase(start, parsed) {
  const seen = new Set();
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    if (seen.size > CLOSURE_FILES_MAX || OPENS_DATABASE.has(file)) return true;
    let facts = parsed.get(file);
    if (facts === undefined) parsed.set(file, (facts = factsOf(file)));
    if (facts.mentionsDatabase || facts.imports.includes(null)) return true;
    pending.push(...facts.imports);
  }
  return false;
}

/** Whether a file names a database itself, and the source files it imports (null: not found). */
function factsOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const imports = [];
  for (const match of text.matchAll(IMPORT)) {
    const { type, from, bare, dynamic } = match.groups ?? {};
    if (type !== undefined) continue;
    imports.push(sourceOf(path.posix.join(path.posix.dirname(file), from ?? bare ?? dynamic)));
  }
  return { mentionsDatabase: MENTIONS_DATABASE.test(text), imports };
}

/** The source file an import names (`.js` → `.ts`/`.tsx`), or null when there is none. */
function sourceOf(specifier) {
  const base = specifier.replace(/\.(m?js|jsx)$/, '');
  for (const candidate of [specifier, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}
