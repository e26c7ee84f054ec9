import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProofFile } from '../../src/cli/pol-commands.js';
import type { PolProof } from '../../src/pol/index.js';
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
    const ok = run(good);
    expect(ok.stdout).toContain(
      `OK cus_000002 12345 minor units of CNY included in the 2026-11-27 tree`,
    );
    expect(ok.stdout).toContain(proof.root.hash);
    expect(ok.status).toBe(0);
    const failed = run(bad);
    expect(failed.stdout).toMatch(/^FAILED at path:/);
    expect(failed.status).toBe(1);
  });
});
