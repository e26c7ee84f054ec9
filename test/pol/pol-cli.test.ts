import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProofFile } from '../../src/cli/pol-commands.js';
import { verifyPolProof, type PolProof } from '../../src/pol/index.js';
import { entriesOf, memoryTree } from './pol-memory.js';

let dir: string;
let proof: PolProof;
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-pol-'));
  proof = (await memoryTree(entriesOf([500n, 7n, 12_345n]), randomBytes(32))).proofFor(2);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('custos pol verify', () => {
  it('checks a proof file offline and names the failing step', () => {
    const good = write('good.json', JSON.stringify(proof));
    expect(verifyProofFile(good, { rootHash: proof.root.hash })).toMatchObject({
      ok: true,
      balanceMinor: 12_345n,
    });
    const tampered = write(
      'tampered.json',
      JSON.stringify({ ...proof, leaf: { ...proof.leaf, balanceMinor: '12346' } }),
    );
    expect(verifyProofFile(tampered, {})).toMatchObject({ ok: false, step: 'path' });
    expect(verifyProofFile(write('broken.json', '{"format":'), {})).toMatchObject({
      ok: false,
      step: 'format',
    });
    expect(verifyProofFile(good, { customerId: 'cus_000000' })).toMatchObject({
      ok: false,
      step: 'customer',
    });
    expect(() => verifyProofFile(write('big.json', ' '.repeat(70_000)), {})).toThrow(/at most/);
    expect(() => verifyProofFile(path.join(dir, 'missing.json'), {})).toThrow(/cannot read/);
  });

  it('prints OK and exits 0 for a good proof, prints the step and exits 1 for a bad one', () => {
    const good = write('cli-good.json', JSON.stringify(proof));
    const bad = write(
      'cli-bad.json',
      JSON.stringify({ ...proof, root: { ...proof.root, hash: '0'.repeat(64) } }),
    );
    const run = (file: string) =>
      spawnSync(process.execPath, ['bin/custos.js', 'pol', 'verify', file], {
        encoding: 'utf8',
        timeout: 60_000,
      });
    const ok = spawnSync(
      process.execPath,
      ['bin/custos.js', 'pol', 'verify', good, '--root', proof.root.hash],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(ok.stdout).toContain(
      `OK cus_000002 included: cus_000002 12345 minor units of CNY in the 2026-11-27 tree`,
    );
    expect(ok.stdout).toContain(proof.root.hash);
    expect(ok.status).toBe(0);
    const failed = run(bad);
    expect(failed.stdout).toMatch(/^FAILED at path:/);
    expect(failed.status).toBe(1);
  });

  it('never reports plain success for a self-consistent forged proof without a published root', async () => {
    // Anyone can build a tree of their own that "includes" any balance: the file agrees with
    // itself, but its root is not the one the platform published.
    const forged = (await memoryTree(entriesOf([1n, 2n, 999_999_999n]), randomBytes(32))).proofFor(
      2,
    );
    expect(verifyPolProof(forged)).toMatchObject({ ok: true, anchored: false });
    const file = write('forged.json', JSON.stringify(forged));
    expect(verifyProofFile(file, {})).toMatchObject({ anchored: false });
    const env = { ...process.env, CUSTOS_URL: '' };
    const offline = spawnSync(process.execPath, ['bin/custos.js', 'pol', 'verify', file], {
      encoding: 'utf8',
      timeout: 60_000,
      env,
    });
    expect(offline.stdout).toMatch(/^NOT CHECKED against a published root/);
    expect(offline.stdout).not.toMatch(/^OK/m);
    expect(offline.status).toBe(2);
    const pinned = spawnSync(
      process.execPath,
      ['bin/custos.js', 'pol', 'verify', file, '--root', proof.root.hash],
      { encoding: 'utf8', timeout: 60_000, env },
    );
    expect(pinned.stdout).toMatch(/^FAILED at published-root/);
    expect(pinned.status).toBe(1);
  });

  it('fetches the published root from a server and fails a forged proof against it', async () => {
    const published = (await memoryTree(entriesOf([10n, 20n, 30n]), randomBytes(32))).proofFor(1);
    const forged = {
      ...(await memoryTree(entriesOf([10n, 20n, 30_000n]), randomBytes(32))).proofFor(2),
      treeId: published.treeId,
    };
    const server = http.createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === `/v1/transparency/${published.platformId}`) {
        response.end(
          JSON.stringify({
            currencies: [
              {
                currency: published.currency,
                proofOfLiabilities: { treeId: published.treeId, rootHash: published.root.hash },
              },
            ],
          }),
        );
        return;
      }
      response.statusCode = 404;
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const verify = (document: PolProof, name: string) =>
      new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            'bin/custos.js',
            'pol',
            'verify',
            write(name, JSON.stringify(document)),
            '--server',
            `http://127.0.0.1:${port}`,
          ],
          { env: { ...process.env, CUSTOS_URL: '' } },
        );
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', (status) => resolve({ status, stdout }));
      });
    try {
      const good = await verify(published, 'served-good.json');
      expect(good.stdout).toMatch(/^OK /);
      expect(good.status).toBe(0);
      const bad = await verify(forged, 'served-forged.json');
      expect(bad.stdout).toMatch(/^FAILED at published-root/);
      expect(bad.status).toBe(1);
    } finally {
      server.close();
    }
  });
});
