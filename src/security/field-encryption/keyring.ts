import { randomBytes } from 'node:crypto';
import { assert } from '../../assert.js';
import type { Queryable } from '../../store/index.js';
import { BLIND_INDEX_NAMES, deriveBlindIndexKey, type BlindIndexName } from './blind-index.js';
import { FieldDecryptionError } from './field-cipher.js';
import { KeyCache } from './key-cache.js';
import {
  DATA_KEY_BYTES,
  WRAPPED_KEY_BYTES_MAX,
  type MasterKeyProvider,
  type WrappedKeyPurpose,
} from './master-key-provider.js';

export const KEYS_CACHED_MAX = 1_024;
const CREATE_ATTEMPTS_MAX = 3;

export type BlindIndexKeys = Readonly<Record<BlindIndexName, Buffer>>;

type WrappedRow = {
  version: number;
  wrapped_key: Buffer | null;
  master_key_id: string;
};

/**
 * Data keys and blind index keys of every platform, unwrapped on first use and cached.
 * Every method takes the Queryable to read key rows through: the caller's transaction when
 * there is one (a PGlite pool has a single connection, so a second one would wait forever).
 *
 * Key material reaches callers only inside the synchronous `use` callbacks.
 */
export class Keyring {
  private readonly cache = new KeyCache(KEYS_CACHED_MAX);
  private readonly createdBy = new WeakMap<Queryable, Set<string>>();

  constructor(readonly provider: MasterKeyProvider) {}

  /**
   * The platform's active data key version, share-locked until `tx` ends: a rotation cannot
   * demote the version a writer is using until the writer commits, so once a rotation has
   * switched versions no row can be written under the old one. Creates version 1 for a
   * platform that has no key yet.
   */
  async lockActiveVersion(tx: Queryable, platformId: string): Promise<number> {
    for (let attempt = 0; attempt < CREATE_ATTEMPTS_MAX; attempt += 1) {
      const rows = await tx.query<{ version: number }>(
        `SELECT version FROM data_keys
         WHERE platform_id = $1 AND status = 'active' FOR SHARE`,
        [platformId],
      );
      const row = rows[0];
      if (row !== undefined) return row.version;
      await this.createFirstDataKey(tx, platformId);
    }
    throw new Error(`platform ${platformId}: no active data key could be read or created`);
  }

  /** Runs `use` with the data key of `version` (any version that is not retired). */
  async withDataKey<T>(
    db: Queryable,
    platformId: string,
    version: number,
    use: (key: Buffer) => T,
  ): Promise<T> {
    const name = dataName(platformId, version);
    const cached = this.cache.get(name);
    if (cached !== undefined) return use(cached);
    const rows = await db.query<WrappedRow>(
      'SELECT version, wrapped_key, master_key_id FROM data_keys WHERE platform_id = $1 AND version = $2',
      [platformId, version],
    );
    const row = rows[0];
    if (row === undefined || row.wrapped_key === null) {
      throw new FieldDecryptionError(
        `platform ${platformId}: data key version ${version} is ${row === undefined ? 'unknown' : 'retired'}`,
      );
    }
    if (!this.cacheable(db, name))
      return useOnce(await this.unwrapRow(row, platformId, 'data'), use);
    return use(this.cache.put(name, await this.unwrapRow(row, platformId, 'data')));
  }

  /**
   * Runs `use` with the platform's blind index keys. With `create`, a platform without an
   * index root key gets one; without, `use` is not called and the result is null.
   */
  async withIndexKeys<T>(
    db: Queryable,
    platformId: string,
    create: boolean,
    use: (keys: BlindIndexKeys) => T,
  ): Promise<T | null> {
    const cached = this.cachedIndexKeys(platformId);
    if (cached !== null) return use(cached);
    for (let attempt = 0; attempt < CREATE_ATTEMPTS_MAX; attempt += 1) {
      const rows = await db.query<WrappedRow>(
        'SELECT 0 AS version, wrapped_key, master_key_id FROM blind_index_keys WHERE platform_id = $1',
        [platformId],
      );
      const row = rows[0];
      if (row !== undefined) {
        const root = await this.unwrapRow(row, platformId, 'index');
        const derived = {} as Record<BlindIndexName, Buffer>;
        for (const name of BLIND_INDEX_NAMES) {
          derived[name] = deriveBlindIndexKey(root, platformId, name);
        }
        root.fill(0);
        if (!this.cacheable(db, indexRootName(platformId))) {
          try {
            return use(derived);
          } finally {
            for (const key of Object.values(derived)) key.fill(0);
          }
        }
        for (const name of BLIND_INDEX_NAMES) {
          derived[name] = this.cache.put(indexName(platformId, name), derived[name]);
        }
        return use(derived);
      }
      if (!create) return null;
      await this.createIndexRootKey(db, platformId);
    }
    throw new Error(`platform ${platformId}: no blind index key could be read or created`);
  }

  /** Wraps a fresh data key for `version` and returns it with its wrapped form. */
  async newDataKey(platformId: string, version: number): Promise<{ key: Buffer; wrapped: Buffer }> {
    const key = randomBytes(DATA_KEY_BYTES);
    const wrapped = await this.provider.wrap(key, { platformId, purpose: 'data', version });
    assert(wrapped.length > 0 && wrapped.length <= WRAPPED_KEY_BYTES_MAX, 'wrapped key size');
    return { key, wrapped };
  }

  /** Drops retired versions from the cache (zeroed). */
  forgetDataKey(platformId: string, version: number): void {
    this.cache.forget(dataName(platformId, version));
  }

  /** Unwraps a stored key row under its master key; for rewrapping and start-up checks. */
  async unwrapRow(
    row: WrappedRow,
    platformId: string,
    purpose: WrappedKeyPurpose,
  ): Promise<Buffer> {
    assert(row.wrapped_key !== null, 'a retired key has nothing to unwrap');
    const key = await this.provider.unwrap(row.wrapped_key, {
      platformId,
      purpose,
      version: row.version,
      masterKeyId: row.master_key_id,
    });
    assert(key.length === DATA_KEY_BYTES, 'an unwrapped key must be 32 bytes');
    return key;
  }

  close(): void {
    this.cache.clear();
  }

  /**
   * A key row this transaction inserted is not committed yet: caching its key would outlive
   * a rollback, and a later writer could create the same version with another key. Such keys
   * are used once and zeroed; any other handle that sees the row sees it committed.
   */
  private cacheable(db: Queryable, name: string): boolean {
    return this.createdBy.get(db)?.has(name) !== true;
  }

  private markCreated(db: Queryable, name: string): void {
    // A Database (not a transaction) commits each statement at once.
    if ('transaction' in db) return;
    const names = this.createdBy.get(db) ?? new Set<string>();
    names.add(name);
    this.createdBy.set(db, names);
  }

  private cachedIndexKeys(platformId: string): BlindIndexKeys | null {
    const keys: Partial<Record<BlindIndexName, Buffer>> = {};
    for (const name of BLIND_INDEX_NAMES) {
      const key = this.cache.get(indexName(platformId, name));
      if (key === undefined) return null;
      keys[name] = key;
    }
    return keys as BlindIndexKeys;
  }

  private async createFirstDataKey(tx: Queryable, platformId: string): Promise<void> {
    const next = await tx.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) + 1 AS version FROM data_keys WHERE platform_id = $1',
      [platformId],
    );
    const version = next[0]?.version ?? 1;
    const { key, wrapped } = await this.newDataKey(platformId, version);
    key.fill(0);
    // A concurrent writer may create it first: its key wins, this one is dropped.
    const inserted = await tx.query(
      `INSERT INTO data_keys (platform_id, version, wrapped_key, master_key_id, status)
       VALUES ($1, $2, $3, $4, 'active') ON CONFLICT DO NOTHING RETURNING version`,
      [platformId, version, wrapped, this.provider.id],
    );
    if (inserted.length === 1) this.markCreated(tx, dataName(platformId, version));
  }

  private async createIndexRootKey(db: Queryable, platformId: string): Promise<void> {
    const key = randomBytes(DATA_KEY_BYTES);
    const wrapped = await this.provider.wrap(key, { platformId, purpose: 'index', version: 0 });
    key.fill(0);
    const inserted = await db.query(
      `INSERT INTO blind_index_keys (platform_id, wrapped_key, master_key_id)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING platform_id`,
      [platformId, wrapped, this.provider.id],
    );
    if (inserted.length === 1) this.markCreated(db, indexRootName(platformId));
  }
}

function dataName(platformId: string, version: number): string {
  return `data\u0000${platformId}\u0000${version}`;
}

function indexName(platformId: string, name: BlindIndexName): string {
  return `index\u0000${platformId}\u0000${name}`;
}

function indexRootName(platformId: string): string {
  return `index-root\u0000${platformId}`;
}

function useOnce<T>(key: Buffer, use: (key: Buffer) => T): T {
  try {
    return use(key);
  } finally {
    key.fill(0);
  }
}
