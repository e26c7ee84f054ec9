import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { DataFolderBusy } from '../runtime/data-folder-lock.js';
import { openConfiguredStore, type OpenedStore } from '../runtime/open-from-config.js';
import {
  masterKeyOptionsFromEnv,
  openConfiguredVault,
  REENCRYPT_BATCH_SIZE_DEFAULT,
  REENCRYPT_BATCH_SIZE_MAX,
  rotateDataKeys,
  type PersonalDataVault,
  type PlatformRotation,
  type RotationProgress,
} from '../security/field-encryption/index.js';
import { table } from './output.js';
import type { GlobalOptions } from './run-command.js';
import { CliError } from './transport.js';

const PROGRESS_INTERVAL_MS = 250;

/**
 * `custos keys …`: the data keys that encrypt personal data. These commands work on the
 * database directly (they need the master key, which a server never hands out): on
 * PostgreSQL beside a running server, on the embedded database while the server is stopped.
 */
export function registerKeyCommands(program: Command): void {
  // `keys` also holds the customer signing key commands: add to it when it exists.
  const keys =
    program.commands.find((command) => command.name() === 'keys') ??
    program.command('keys').description('customer signing keys and personal-data keys');
  keys
    .command('rotate')
    .description('new data key version, re-encrypt every row in batches, retire the old versions')
    .option('-p, --platform <id>', 'one platform (default: all)')
    .option('--batch <rows>', `rows per transaction (1–${REENCRYPT_BATCH_SIZE_MAX})`)
    .action(async (o: { platform?: string; batch?: string }) => {
      const global = program.opts<GlobalOptions>();
      const batchSize = parseBatch(o.batch);
      await withVault(async (store, vault) => {
        const progress = progressPrinter();
        const results = await rotateDataKeys(store.db, vault, {
          ...(o.platform === undefined ? {} : { platformId: o.platform }),
          batchSize,
          actor: `cli:${global.as ?? 'cli'}`,
          onProgress: progress.update,
        });
        progress.done();
        printRotations(results, global.json === true);
        if (results.some((r) => r.rowsLeft > 0)) {
          throw new CliError('some rows stayed locked: run `custos keys rotate` again to finish');
        }
      });
    });
  keys
    .command('status')
    .description('data key versions per platform and how many rows each one encrypts')
    .option('-p, --platform <id>', 'one platform (default: all)')
    .action(async (o: { platform?: string }) => {
      const global = program.opts<GlobalOptions>();
      await withVault(async (store) => {
        const rows = await keyStatus(store, o.platform);
        process.stdout.write(
          `${global.json === true ? JSON.stringify(rows, null, 2) : table(rows, STATUS_COLUMNS)}\n`,
        );
      });
    });
}

function parseBatch(text: string | undefined): number {
  if (text === undefined) return REENCRYPT_BATCH_SIZE_DEFAULT;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1 || value > REENCRYPT_BATCH_SIZE_MAX) {
    throw new CliError(`--batch must be a whole number from 1 to ${REENCRYPT_BATCH_SIZE_MAX}`);
  }
  return value;
}

async function withVault(
  work: (store: OpenedStore, vault: PersonalDataVault) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  let store: OpenedStore;
  try {
    store = await openConfiguredStore(config);
  } catch (error) {
    if (error instanceof DataFolderBusy) {
      throw new CliError(
        `the data folder ${config.dataDir} is held by a running server (pid ${error.owner.pid}); ` +
          'with the embedded database, run key commands while it is stopped (on PostgreSQL ' +
          'they run beside the server)',
      );
    }
    throw error;
  }
  try {
    const options = masterKeyOptionsFromEnv(process.env, config.dataDir);
    const { vault, masterKeyId, source } = await openConfiguredVault(store.db, options);
    process.stderr.write(`custos: master key ${masterKeyId} from ${source}\n`);
    try {
      await work(store, vault);
    } finally {
      vault.close();
    }
  } finally {
    await store.db.close();
    store.lock?.release();
  }
}

/** One line per platform, rewritten in place on a terminal, at most four times a second. */
function progressPrinter(): { update: (p: RotationProgress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let lastMs = 0;
  let open = false;
  const line = (p: RotationProgress) =>
    `platform ${p.platformId} → v${p.newVersion}: ${p.rowsDone}/${p.rowsTotal} rows re-encrypted`;
  return {
    update(p) {
      const nowMs = Date.now();
      const finished = p.rowsDone >= p.rowsTotal;
      if (!finished && nowMs - lastMs < PROGRESS_INTERVAL_MS) return;
      lastMs = nowMs;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line(p)}`);
        open = true;
      } else {
        process.stderr.write(`${line(p)}\n`);
      }
    },
    done() {
      if (open) process.stderr.write('\n');
    },
  };
}

function printRotations(results: PlatformRotation[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const rows = results.map((r) => ({
    platform: r.platformId,
    version: r.newVersion,
    reencrypted: r.rowsReencrypted,
    retired: r.retiredVersions.join(','),
    left: r.rowsLeft,
    rewrapped: r.rewrappedKeys,
  }));
  process.stdout.write(
    `${table(rows, ['platform', 'version', 'reencrypted', 'retired', 'left', 'rewrapped'])}\n`,
  );
}

const STATUS_COLUMNS = ['platform', 'version', 'status', 'masterKeyId', 'rows', 'createdAt'];

async function keyStatus(
  store: OpenedStore,
  platformId: string | undefined,
): Promise<Record<string, unknown>[]> {
  const rows = await store.db.query<{
    platform_id: string;
    version: number;
    status: string;
    master_key_id: string;
    created_at: Date;
    rows: number;
  }>(
    `SELECT k.platform_id, k.version, k.status, k.master_key_id, k.created_at,
       (SELECT count(*)::int FROM customers c
         WHERE c.platform_id = k.platform_id AND c.personal_data_key_version = k.version)
       + (SELECT count(*)::int FROM customer_bank_accounts b
         WHERE b.platform_id = k.platform_id AND b.personal_data_key_version = k.version) AS rows
     FROM data_keys k WHERE ($1::text IS NULL OR k.platform_id = $1)
     ORDER BY k.platform_id, k.version LIMIT 10000`,
    [platformId ?? null],
  );
  return rows.map((row) => ({
    platform: row.platform_id,
    version: row.version,
    status: row.status,
    masterKeyId: row.master_key_id,
    rows: row.rows,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}
