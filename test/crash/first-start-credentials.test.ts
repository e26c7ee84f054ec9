import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForExit } from '../support/server-process.js';

// Goal: the first admin's credentials, which exist once, survive a first start that fails after
// they were made (here: the port is taken), so the data folder is never locked out. The files
// are the embedded database's (on PostgreSQL the credentials are only printed), so the server
// runs on PGlite whatever the pass, and scripts/test.mjs leaves the file out of the PostgreSQL pass.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-first-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** The server on the embedded database in `dataDir`, whatever the test run's database is. */
function serve(port: number) {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['CUSTOS_ADMIN_KEY'];
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/main.ts')], {
    env: { ...env, CUSTOS_DATA_DIR: dataDir, PORT: String(port), CUSTOS_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return { child, output: () => log };
}

async function listening(): Promise<{ port: number; close: () => Promise<void> }> {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => blocker.close(() => resolve())) };
}

describe('first start', () => {
  it('keeps the admin credentials when the start fails after making them', async () => {
    const taken = await listening();
    const failed = serve(taken.port);
    await waitForExit(failed.child);
    await taken.close();
    expect(failed.child.exitCode, failed.output()).not.toBe(0);
    expect(failed.output()).toContain('EADDRINUSE');
    const apiKey = fs.readFileSync(path.join(dataDir, 'admin.key'), 'utf8').trim();
    expect(failed.output()).toContain(`staff API key of 'admin' (shown once): ${apiKey}`);
    expect(fs.statSync(path.join(dataDir, 'admin.password')).mode & 0o777).toBe(0o600);

    // The next start finds the admin made and the kept key signs in.
    const free = await listening();
    await free.close();
    const second = serve(free.port);
    try {
      const url = `http://127.0.0.1:${free.port}`;
      const deadline = Date.now() + 60_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } })
          .then((response) => response.status)
          .catch(() => 0);
        if (second.child.exitCode !== null) break;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status, second.output()).toBe(200);
      expect(second.output()).not.toContain('first start');
    } finally {
      second.child.kill('SIGTERM');
      await waitForExit(second.child);
    }
  }, 120_000);
});
