import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPolProof, type PolProof } from '../../src/pol/pol-proof.js';
import { entriesOf, memoryTree, type MemoryTree } from './pol-memory.js';

const flipHex = (hex: string, at: number) =>
  hex.slice(0, at) + (Number.parseInt(hex[at] as string, 16) ^ 1).toString(16) + hex.slice(at + 1);

let memory: MemoryTree;
let proof: PolProof;
beforeAll(async () => {
  memory = await memoryTree(entriesOf([120n, 0n, 9_999n, 5n, 77n, 1n, 42n]), randomBytes(32));
  proof = memory.proofFor(2);
});
const copy = (): PolProof => structuredClone(proof);

describe('verifyPolProof', () => {
  it('accepts the untouched proof and reports balance, root and date', () => {
    expect(
      verifyPolProof(copy(), { customerId: 'cus_000002', rootHash: proof.root.hash }),
    ).toMatchObject({
      ok: true,
      balanceMinor: 9_999n,
      date: '2026-11-27',
      currency: 'CNY',
      rootHash: proof.root.hash,
    });
  });

  it('fails for a tampered balance, in either direction', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -9_999n, max: 10n ** 15n }).filter((delta) => delta !== 0n),
        (delta) => {
          const changed = copy();
          changed.leaf.balanceMinor = String(9_999n + delta);
          const result = verifyPolProof(changed);
          expect(result.ok).toBe(false);
        },
      ),
    );
  });

  it("fails for another customer's id, in the leaf or as the expected id", () => {
    const changed = copy();
    changed.leaf.customerId = 'cus_000003';
    expect(verifyPolProof(changed)).toMatchObject({ ok: false, step: 'path' });
    expect(verifyPolProof(copy(), { customerId: 'cus_000003' })).toMatchObject({
      ok: false,
      step: 'customer',
    });
  });

  it('fails against a root other than the published one', () => {
    expect(verifyPolProof(copy(), { rootHash: flipHex(proof.root.hash, 5) })).toMatchObject({
      ok: false,
      step: 'published-root',
    });
    const changed = copy();
    changed.root.hash = flipHex(changed.root.hash, 0);
    expect(verifyPolProof(changed)).toMatchObject({ ok: false, step: 'path' });
    const sum = copy();
    sum.root.maskedSum = flipHex(sum.root.maskedSum, 31);
    expect(verifyPolProof(sum)).toMatchObject({ ok: false, step: 'path' });
  });

  it('fails when any hex digit of salt, mask or a sibling changes', () => {
    const fields = (p: PolProof) => [
      ['salt', p.leaf.salt.length],
      ['mask', p.leaf.mask.length],
      ...p.path.flatMap((_, level) => [
        [`hash${level}`, 64],
        [`sum${level}`, 32],
      ]),
    ];
    fc.assert(
      fc.property(
        fc.nat({ max: fields(proof).length - 1 }),
        fc.nat({ max: 63 }),
        (field, digit) => {
          const [name, length] = fields(proof)[field] as [string, number];
          const at = digit % length;
          const changed = copy();
          if (name === 'salt') changed.leaf.salt = flipHex(changed.leaf.salt, at);
          else if (name === 'mask') changed.leaf.mask = flipHex(changed.leaf.mask, at);
          else {
            const level = Number(name.replace(/\D/g, ''));
            const sibling = changed.path[level] as PolProof['path'][number];
            if (name.startsWith('hash')) sibling.hash = flipHex(sibling.hash, at);
            else sibling.maskedSum = flipHex(sibling.maskedSum, at);
          }
          expect(verifyPolProof(changed)).toMatchObject({ ok: false, step: 'path' });
        },
      ),
    );
  });

  it('fails when the position moves or the path is reordered', () => {
    const moved = copy();
    moved.leaf.position = (moved.leaf.position + 1) % 2 ** moved.height;
    expect(verifyPolProof(moved).ok).toBe(false);
    const swapped = copy();
    swapped.path = [swapped.path[1], swapped.path[0], ...swapped.path.slice(2)] as PolProof['path'];
    expect(verifyPolProof(swapped).ok).toBe(false);
  });

  it('refuses malformed documents at the format step', () => {
    const cases: unknown[] = [
      null,
      'text',
      { ...copy(), format: 'other' },
      { ...copy(), height: 0 },
      { ...copy(), height: 40 },
      { ...copy(), currency: 'cny' },
      { ...copy(), date: '27/11/2026' },
      { ...copy(), path: copy().path.slice(1) },
      { ...copy(), leaf: { ...copy().leaf, balanceMinor: '-5' } },
      { ...copy(), leaf: { ...copy().leaf, balanceMinor: '1.5' } },
      { ...copy(), leaf: { ...copy().leaf, balanceMinor: '99999999999999999999' } },
      { ...copy(), leaf: { ...copy().leaf, position: 2 ** 20 } },
      { ...copy(), leaf: { ...copy().leaf, salt: 'ZZ' } },
      { ...copy(), leaf: { ...copy().leaf, customerId: '' } },
      { ...copy(), root: { hash: 'ab' } },
      { ...copy(), path: copy().path.map(() => ({ hash: 1 })) },
    ];
    for (const input of cases)
      expect(verifyPolProof(input)).toMatchObject({ ok: false, step: 'format' });
  });
});
