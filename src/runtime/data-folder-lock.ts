import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE_NAME = 'custos.lock';

export interface LockOwner {
  pid: number;
  url: string | null;
  startedAt: string;
}

export class DataFolderBusy extends Error {
  override name = 'DataFolderBusy';
  constructor(readonly owner: LockOwner) {
    super(
      `the data folder is in use by process ${owner.pid}` +
        (owner.url === null
          ? ''
          : ` serving ${owner.url}; set CUSTOS_URL=${owner.url} to talk to it`),
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLockOwner(dataDir: string): LockOwner | null {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return isAlive(owner.pid) && owner.pid !== process.pid ? owner : null;
  } catch {
    return null;
  }
}

/**
 * PGlite lets one process own a data folder. The lock file names the owner and its URL, so a
 * second process can say who holds it; a lock left by a killed process is taken over.
 */
export function acquireDataFolder(
  dataDir: string,
  url: string | null,
): { update(url: string): void; release(): void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const owner = readLockOwner(dataDir);
  if (owner !== null) throw new DataFolderBusy(owner);
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const write = (current: string | null) =>
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: process.pid, url: current, startedAt: new Date().toISOString() }),
    );
  write(url);
  return {
    update: (next) => write(next),
    release: () => {
      try {
        const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
        if (current.pid === process.pid) fs.rmSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
