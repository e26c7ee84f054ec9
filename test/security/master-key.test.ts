import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  KeyUnwrapError,
  loadLocalMasterKey,
  localMasterKeyId,
  localMasterKeyProvider,
  masterKeyOptionsFromEnv,
  type WrapContext,
} from '../../src/security/field-encryption/index.js';
import { KeyCache } from '../../src/security/field-encryption/key-cache.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-master-key-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('local master key provider', () => {
  const context: WrapContext = { platformId: 'plt_a', purpose: 'data', version: 3 };

  it('unwraps what it wrapped, only with the same context and master key', async () => {
    const provider = localMasterKeyProvider(randomBytes(32));
    const dataKey = randomBytes(32);
    const wrapped = await provider.wrap(dataKey, context);
    expect(wrapped.includes(dataKey)).toBe(false);
    const unwrap = (c: Partial<WrapContext>, w = wrapped) =>
      provider.unwrap(w, { ...context, ...c, masterKeyId: provider.id });
    expect((await unwrap({})).equals(dataKey)).toBe(true);
    await expect(unwrap({ platformId: 'plt_b' })).rejects.toThrow(KeyUnwrapError);
    await expect(unwrap({ version: 4 })).rejects.toThrow(KeyUnwrapError);
    await expect(unwrap({ purpose: 'index' })).rejects.toThrow(KeyUnwrapError);
    const flipped = Buffer.from(wrapped);
    flipped[20] = (flipped[20] as number) ^ 1;
    await expect(unwrap({}, flipped)).rejects.toThrow(KeyUnwrapError);
    const other = localMasterKeyProvider(randomBytes(32));
    await expect(other.unwrap(wrapped, { ...context, masterKeyId: provider.id })).rejects.toThrow(
      /not available/,
    );
  });

  it('keeps previous master keys for unwrapping, and wraps with the current one', async () => {
    const oldKey = randomBytes(32);
    const before = localMasterKeyProvider(oldKey);
    const wrapped = await before.wrap(randomBytes(32), context);
    const after = localMasterKeyProvider(randomBytes(32), [oldKey]);
    expect(after.id).not.toBe(before.id);
    expect(after.knows(before.id)).toBe(true);
    await expect(
      after.unwrap(wrapped, { ...context, masterKeyId: before.id }),
    ).resolves.toHaveLength(32);
    expect(localMasterKeyId(oldKey)).toBe(before.id);
    expect(before.id).toMatch(/^local:[0-9a-f]{16}$/);
  });
});

describe('master key source', () => {
  it('creates <data dir>/master.key once, readable by the owner only', () => {
    const dir = tempDir();
    const first = loadLocalMasterKey(masterKeyOptionsFromEnv({}, dir));
    expect(first.created).toBe(true);
    const file = path.join(dir, 'master.key');
    expect(first.source).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = loadLocalMasterKey(masterKeyOptionsFromEnv({}, dir));
    expect(second.created).toBe(false);
    expect(second.provider.id).toBe(first.provider.id);
  });

  it('prefers CUSTOS_MASTER_KEY, then CUSTOS_MASTER_KEY_FILE, and refuses bad keys', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const fromEnv = loadLocalMasterKey(
      masterKeyOptionsFromEnv({ CUSTOS_MASTER_KEY: key.toString('base64') }, dir),
    );
    expect(fromEnv.provider.id).toBe(localMasterKeyId(key));
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
    const file = path.join(dir, 'elsewhere.key');
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
    const fromFile = loadLocalMasterKey(
      masterKeyOptionsFromEnv({ CUSTOS_MASTER_KEY_FILE: file }, dir),
    );
    expect(fromFile.provider.id).toBe(localMasterKeyId(key));
    expect(() =>
      loadLocalMasterKey(
        masterKeyOptionsFromEnv({ CUSTOS_MASTER_KEY_FILE: `${file}.missing` }, dir),
      ),
    ).toThrow(/does not exist/);
    for (const bad of ['short', randomBytes(31).toString('base64'), '!!!!']) {
      expect(() =>
        loadLocalMasterKey(masterKeyOptionsFromEnv({ CUSTOS_MASTER_KEY: bad }, dir)),
      ).toThrow(/exactly 32 bytes/);
    }
    const previous = randomBytes(32);
    const withPrevious = loadLocalMasterKey(
      masterKeyOptionsFromEnv(
        {
          CUSTOS_MASTER_KEY: key.toString('base64'),
          CUSTOS_MASTER_KEY_PREVIOUS: ` ${previous.toString('base64')} `,
        },
        dir,
      ),
    );
    expect(withPrevious.provider.knows(localMasterKeyId(previous))).toBe(true);
  });
});

describe('key cache', () => {
  it('stays within its bound and zeroes what it evicts or forgets', () => {
    const cache = new KeyCache(2);
    const a = randomBytes(32);
    const b = randomBytes(32);
    const c = randomBytes(32);
    cache.put('a', a);
    cache.put('b', b);
    cache.get('a');
    cache.put('c', c);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(b.every((byte) => byte === 0)).toBe(true);
    expect(cache.get('a')).toBe(a);
    const again = randomBytes(32);
    expect(cache.put('a', again)).toBe(a);
    expect(again.every((byte) => byte === 0)).toBe(true);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(a.every((byte) => byte === 0) && c.every((byte) => byte === 0)).toBe(true);
  });
});
