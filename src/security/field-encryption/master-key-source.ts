import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  localMasterKeyProvider,
  MASTER_KEY_BYTES,
  PREVIOUS_MASTER_KEYS_MAX,
} from './local-master-key-provider.js';
import type { MasterKeyProvider } from './master-key-provider.js';

export const MASTER_KEY_FILE_DEFAULT = 'master.key';

/** Where the local master key comes from; see `masterKeyOptionsFromEnv`. */
export interface MasterKeyOptions {
  /** CUSTOS_MASTER_KEY: the key itself, base64 of 32 bytes. Wins over the file. */
  masterKeyBase64: string | undefined;
  /** CUSTOS_MASTER_KEY_FILE: a file holding the base64 key; it must exist. */
  masterKeyFile: string | undefined;
  /** CUSTOS_MASTER_KEY_PREVIOUS: older keys (base64, comma-separated), for unwrapping only. */
  previousMasterKeysBase64: readonly string[];
  /** The data folder; without a key or file, `<dataDir>/master.key` is used (created once). */
  dataDir: string;
}

const EnvSchema = z.object({
  CUSTOS_MASTER_KEY: z.string().optional(),
  CUSTOS_MASTER_KEY_FILE: z.string().optional(),
  CUSTOS_MASTER_KEY_PREVIOUS: z.string().optional(),
});

/**
 * The master key settings from the environment. They belong beside the rest of the
 * configuration (src/config.ts); this parser keeps their rules in one place until then.
 */
export function masterKeyOptionsFromEnv(env: NodeJS.ProcessEnv, dataDir: string): MasterKeyOptions {
  const value = EnvSchema.parse(env);
  const blankToUndefined = (text: string | undefined) =>
    text === undefined || text.trim() === '' ? undefined : text.trim();
  const previous = blankToUndefined(value.CUSTOS_MASTER_KEY_PREVIOUS);
  const file = blankToUndefined(value.CUSTOS_MASTER_KEY_FILE);
  return {
    masterKeyBase64: blankToUndefined(value.CUSTOS_MASTER_KEY),
    masterKeyFile: file === undefined ? undefined : path.resolve(file),
    previousMasterKeysBase64:
      previous === undefined ? [] : previous.split(',').map((k) => k.trim()),
    dataDir,
  };
}

export interface LoadedMasterKey {
  provider: MasterKeyProvider;
  /** For start-up messages: where the key came from (never the key). */
  source: string;
  /** True when this call created `<dataDir>/master.key`. */
  created: boolean;
}

/**
 * The local master key provider. The default, a file in the data folder created with mode
 * 600 on first start, suits the embedded (PGlite) setup only: anyone with a copy of the data
 * folder then holds both the ciphertext and the key. Production keeps the key elsewhere
 * (CUSTOS_MASTER_KEY from a secret store, a file on another volume, or a KMS provider).
 */
export function loadLocalMasterKey(options: MasterKeyOptions): LoadedMasterKey {
  const previous = options.previousMasterKeysBase64.map((text, index) =>
    decodeMasterKey(text, `CUSTOS_MASTER_KEY_PREVIOUS entry ${index + 1}`),
  );
  if (previous.length > PREVIOUS_MASTER_KEYS_MAX) {
    throw new Error(`CUSTOS_MASTER_KEY_PREVIOUS holds more than ${PREVIOUS_MASTER_KEYS_MAX} keys`);
  }
  if (options.masterKeyBase64 !== undefined) {
    const key = decodeMasterKey(options.masterKeyBase64, 'CUSTOS_MASTER_KEY');
    return {
      provider: localMasterKeyProvider(key, previous),
      source: 'CUSTOS_MASTER_KEY',
      created: false,
    };
  }
  if (options.masterKeyFile !== undefined) {
    if (!fs.existsSync(options.masterKeyFile)) {
      throw new Error(`CUSTOS_MASTER_KEY_FILE ${options.masterKeyFile} does not exist`);
    }
    const key = decodeMasterKey(
      fs.readFileSync(options.masterKeyFile, 'utf8'),
      options.masterKeyFile,
    );
    return {
      provider: localMasterKeyProvider(key, previous),
      source: options.masterKeyFile,
      created: false,
    };
  }
  const file = path.join(options.dataDir, MASTER_KEY_FILE_DEFAULT);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    // 'wx' refuses to replace a key another process wrote in the meantime.
    fs.writeFileSync(file, `${randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    created = true;
  }
  const key = decodeMasterKey(fs.readFileSync(file, 'utf8'), file);
  return { provider: localMasterKeyProvider(key, previous), source: file, created };
}

function decodeMasterKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== MASTER_KEY_BYTES) {
    throw new Error(`${where}: the master key must be base64 of exactly ${MASTER_KEY_BYTES} bytes`);
  }
  return key;
}
