import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../api/index.js';
import { auditLogOptionsFromConfig } from '../audit/audit-log-config.js';
import { workerSignatureVerifier } from '../crypto/index.js';
import type { Config } from '../config.js';
import type { Principal } from '../security/index.js';
import {
  createDemoPlatform,
  DEMO_PLATFORM_NAME,
  demoTick,
  seedDemoActivity,
} from '../sim/index.js';
import { bootstrapAdmin } from './bootstrap-admin.js';
import { openConfiguredStore } from './open-from-config.js';

export const DEMO_TICK_MS = 3_000;
export const ADMIN_KEY_FILE = 'admin.key';

/**
 * `npm start`: open the books, serve the API and the console, and shut down cleanly on
 * SIGINT or SIGTERM (in-flight batches commit, the PGlite folder is released).
 */
export async function runServer(config: Config, options: { demo: boolean }): Promise<void> {
  const store = await openConfiguredStore(config);
  const { db } = store;
  const adminKey = await bootstrapAdmin(db, config.adminKey);
  const server = await startServer({
    database: db,
    port: config.port,
    host: config.host,
    bodyBytesMax: config.httpBodyBytesMax,
    custody: {
      batchSizeMax: config.batchSizeMax,
      queueLengthMax: config.queueLengthMax,
      // Signatures are checked on worker threads so every core takes part.
      signatureVerifier: workerSignatureVerifier(),
    },
    logLevel: config.logLevel,
    auditLog: auditLogOptionsFromConfig(config),
  });
  store.lock?.update(server.url);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(
    `Custos is serving ${server.url} on ${db.kind === 'pglite' ? `PGlite (${store.location})` : `PostgreSQL (${store.location})`}`,
  );
  say(`  console  ${server.url}/console`);
  say(`  API docs ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)`);
  if (adminKey !== null) {
    say(`  first start: staff key of 'admin' (shown once): ${adminKey}`);
    if (db.kind === 'pglite') {
      const file = path.join(config.dataDir, ADMIN_KEY_FILE);
      fs.writeFileSync(file, `${adminKey}\n`, { mode: 0o600 });
      say(`  it is also in ${file} (readable by you only)`);
    }
  }
  let timer: NodeJS.Timeout | undefined;
  if (options.demo) timer = await startDemo(server.custody, db, say);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: finishing in-flight work and closing…`);
    if (timer !== undefined) clearInterval(timer);
    await server.close();
    await db.close();
    store.lock?.release();
    say('closed cleanly.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function startDemo(
  custody: Parameters<typeof seedDemoActivity>[1],
  db: Parameters<typeof bootstrapAdmin>[0],
  say: (line: string) => void,
): Promise<NodeJS.Timeout | undefined> {
  const existing = await db.query<{ id: string }>(
    'SELECT id FROM platforms WHERE name = $1 LIMIT 1',
    [DEMO_PLATFORM_NAME],
  );
  if (existing[0] !== undefined) {
    say(`  demo: platform ${existing[0].id} exists already; its books are as they were left`);
    return undefined;
  }
  const rows = await db.query<{ id: string; role: string; name: string }>(
    "SELECT id, role, name FROM principals WHERE kind = 'staff' ORDER BY created_at LIMIT 1",
  );
  const first = rows[0];
  if (first === undefined) throw new Error('no staff principal to run the demo as');
  const staff: Principal = {
    id: first.id,
    kind: 'staff',
    platformId: null,
    role: first.role,
    name: first.name,
  };
  const demo = await createDemoPlatform(custody, staff);
  const posted = await seedDemoActivity(demo, custody, staff);
  say(
    `  demo: platform ${demo.platformId} with ${demo.lenders.length + demo.borrowers.length} customers, ${posted} instructions`,
  );
  say(`  demo: platform API key: ${demo.apiKey}`);
  return setInterval(() => {
    demoTick(demo, custody).catch((error: unknown) => say(`demo tick failed: ${String(error)}`));
  }, DEMO_TICK_MS);
}
