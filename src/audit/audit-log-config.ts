import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { LOG_ORIGIN_PREFIX } from './audit-log-key-store.js';
import type { AuditLogOptions } from './audit-log-service.js';
import { generateNoteKeys } from './note-key.js';

/**
 * Audit log options from the configuration. With CUSTOS_LOG_KEY_FILE set, the signer key
 * lives in that file (created, mode 600, on first start) instead of in the database.
 */
export function auditLogOptionsFromConfig(config: Config): AuditLogOptions {
  const base = {
    checkpointLeaves: config.checkpointLeaves,
    checkpointIntervalMs: config.checkpointIntervalMs,
    ...(config.logOrigin === undefined ? {} : { origin: config.logOrigin }),
  };
  if (config.logKeyFile === undefined) return base;
  return { ...base, signerKey: readOrCreateSignerKey(config.logKeyFile, config.logOrigin) };
}

function readOrCreateSignerKey(file: string, origin: string | undefined): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const name = origin ?? `${LOG_ORIGIN_PREFIX}${randomBytes(8).toString('hex')}`;
  const keys = generateNoteKeys(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${keys.signerKey}\n`, { mode: 0o600, flag: 'wx' });
  return keys.signerKey;
}
