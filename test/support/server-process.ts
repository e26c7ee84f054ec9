import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/**
 * Starts `src/main.ts` in a child process and waits until it serves /healthz. Without a
 * CUSTOS_DATA_DIR it gets a fresh temporary folder (on PostgreSQL the folder still holds the
 * master key), so neither tests nor benches write into the working copy's ./data.
 */
export async function startServerProcess(
  env: Record<string, string>,
  port: number,
): Promise<ServerProcess> {
  // `--import tsx` keeps the server in this one process, so a signal reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/main.ts')], {
    env: {
      ...process.env,
      CUSTOS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'custos-server-')),
      ...env,
      PORT: String(port),
      CUSTOS_LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, child, output: () => log };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${log}`);
}

export function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
