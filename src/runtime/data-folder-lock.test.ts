import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acquireDataFolder,
  DataFolderBusy,
  LOCK_FILE_NAME,
  readLockOwner,
} from './data-folder-lock.js';

describe('data folder lock', () => {
  it('names a live owner and its URL; takes over a lock left by a dead process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-lock-'));
    // A lock held by another live process (pid 1 is always alive) refuses with its URL.
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 1, url: 'http://127.0.0.1:9', startedAt: '' }),
    );
    expect(readLockOwner(dir)?.url).toBe('http://127.0.0.1:9');
    expect(() => acquireDataFolder(dir, null)).toThrow(DataFolderBusy);
    expect(() => acquireDataFolder(dir, null)).toThrow(/CUSTOS_URL=http:\/\/127.0.0.1:9/);
    // A lock whose process is gone is taken over, and released again.
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 2 ** 22 + 12345, url: null, startedAt: '' }),
    );
    const lock = acquireDataFolder(dir, 'http://127.0.0.1:8080');
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(
      process.pid,
    );
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});
