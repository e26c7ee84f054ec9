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
import { createDemoStaff } from '../sim/demo-staff.js';
import { MonitorService } from '../monitor-service/monitor-service.js';
import { ScreeningService } from '../screening/index.js';
import { bootstrapAdmin } from './bootstrap-admin.js';
import { startBackgroundJobs } from './background-jobs.js';
import { openConfiguredStore } from './open-from-config.js';
import { relyingPartyOf } from '../portal/relying-party.js';

export const DEMO_TICK_MS = 3_000;
export const ADMIN_KEY_FILE = 'admin.key';
export const ADMIN_PASSWORD_FILE = 'admin.password';

/**
 * `npm start`: open the books, serve the API and the console, and shut down cleanly on
 * SIGINT or SIGTERM (in-flight batches commit, the PGlite folder is released).
 */
export async function runServer(config: Config, options: { demo: boolean }): Promise<void> {
  const store = await openConfiguredStore(config);
  const { db } = store;
  const bootstrap = await bootstrapAdmin(db, config.adminKey);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  // The first admin's credentials exist once: kept and shown before anything else can fail, so
  // a start that fails later (a port in use, say) does not lock the data folder out.
  if (bootstrap !== null)
    announceAdmin(say, bootstrap, db.kind === 'pglite' ? config.dataDir : null);
  const monitor =
    config.monitoring === 'off'
      ? undefined
      : new MonitorService(db, { evaluate: config.monitoring === 'on' });
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
    masterKey: store.keys.vault.provider,
    rateLimitPerMinute: config.rateLimitPerMinute,
    corsOrigins: config.corsOrigins,
    ...(monitor === undefined ? {} : { monitor }),
    // Sanctions screening of customers at onboarding and of every instruction's parties.
    screening: new ScreeningService(db),
    ...(config.tlsCertFile === undefined || config.tlsKeyFile === undefined
      ? {}
      : {
          tls: {
            cert: fs.readFileSync(config.tlsCertFile),
            key: fs.readFileSync(config.tlsKeyFile),
          },
        }),
    ...(config.secureCookies === undefined ? {} : { secureCookies: config.secureCookies }),
    ...(config.portalOrigin === undefined
      ? {}
      : { portalRelyingParty: relyingPartyOf(config.portalOrigin, config.portalRpId) }),
  });
  const stopJobs = startBackgroundJobs(db, config, { kris: monitor !== undefined });
  store.lock?.update(server.url);
  say(
    `Custos is serving ${server.url} on ${db.kind === 'pglite' ? `PGlite (${store.location})` : `PostgreSQL (${store.location})`}`,
  );
  say(`  console  ${server.url}/console`);
  say(
    `  master key ${store.keys.masterKeyId} from ${store.keys.source}` +
      (store.keys.created ? ' (created now: production keeps it outside the data folder)' : ''),
  );
  if (monitor !== undefined)
    say(`  monitoring on: CN rule pack, KRIs every ${config.kriIntervalMs / 1000} s`);
  say(`  API docs ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)`);
  let timer: NodeJS.Timeout | undefined;
  if (options.demo)
    timer = await startDemo(server.custody, db, say, db.kind === 'pglite' ? config.dataDir : null);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: finishing in-flight work and closing…`);
    if (timer !== undefined) clearInterval(timer);
    stopJobs();
    await server.close();
    store.keys.vault.close();
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
  dataDir: string | null,
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
  for (const member of await createDemoStaff(db)) {
    say(
      `  demo: ${member.role} '${member.login}': one-time password ${member.initialPassword}, API key ${member.apiKey}`,
    );
    if (dataDir !== null)
      fs.writeFileSync(path.join(dataDir, `${member.login}.key`), `${member.apiKey}\n`, {
        mode: 0o600,
      });
  }
  return setInterval(() => {
    demoTick(demo, custody).catch((error: unknown) => say(`demo tick failed: ${String(error)}`));
  }, DEMO_TICK_MS);
}

/**
 * Shows the first admin's one-time password and API key and, on the embedded database, writes
 * both to the data folder, owner-only.
 */
function announceAdmin(
  say: (line: string) => void,
  secrets: { apiKey: string; initialPassword: string },
  dataDir: string | null,
): void {
  say(`  first start: console sign-in 'admin', one-time password: ${secrets.initialPassword}`);
  say(`               (the first sign-in enrols an authenticator app and sets your own password)`);
  say(`  first start: staff API key of 'admin' (shown once): ${secrets.apiKey}`);
  if (dataDir === null) return;
  const keyFile = path.join(dataDir, ADMIN_KEY_FILE);
  fs.writeFileSync(keyFile, `${secrets.apiKey}\n`, { mode: 0o600 });
  const passwordFile = path.join(dataDir, ADMIN_PASSWORD_FILE);
  fs.writeFileSync(passwordFile, `${secrets.initialPassword}\n`, { mode: 0o600 });
  say(`  both are also in ${keyFile} and ${passwordFile} (readable by you only)`);
}
