import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolProof } from '../../src/pol/index.js';
import type { PolRoot, TransparencyReport } from '../../web/src/pol/pol-types.js';
import { checkProofText, proofIdentity, publishedRootFor } from '../../web/src/pol/proof-check.js';
import { entriesOf, memoryTree } from './pol-memory.js';

// Goal: the console's verifier never calls a proof valid unless its root is a published one,
// and it finds the published root of exactly the proof's platform, currency, date and tree.

let published: PolProof;
let forged: PolProof;

beforeAll(async () => {
  published = (await memoryTree(entriesOf([5n, 6n, 7n]), randomBytes(32))).proofFor(1);
  forged = (await memoryTree(entriesOf([5n, 6_000_000n, 7n]), randomBytes(32))).proofFor(1);
});

const rootOf = (proof: PolProof, change: Partial<PolRoot> = {}): PolRoot => ({
  treeId: proof.treeId,
  currency: proof.currency,
  date: proof.date,
  height: proof.height,
  customerCount: 3,
  rootHash: proof.root.hash,
  rootMaskedSum: proof.root.maskedSum,
  builtAt: '2026-11-27T00:00:00.000Z',
  builtBy: 'stf_x',
  ...change,
});

describe('console proof check', () => {
  it('reports a self-consistent proof without a root as not anchored, never as plain success', () => {
    expect(checkProofText(JSON.stringify(forged), '')).toMatchObject({ ok: true, anchored: false });
    expect(checkProofText(JSON.stringify(forged), published.root.hash)).toMatchObject({
      ok: false,
      step: 'published-root',
    });
    expect(checkProofText(JSON.stringify(published), published.root.hash)).toMatchObject({
      ok: true,
      anchored: true,
    });
  });

  it('finds the published root of the same tree, currency and date only', () => {
    const identity = proofIdentity(published);
    expect(identity).not.toBeNull();
    if (identity === null) return;
    expect(publishedRootFor(identity, [rootOf(published)], null)).toBe(published.root.hash);
    expect(publishedRootFor(identity, [rootOf(published, { currency: 'USD' })], null)).toBeNull();
    expect(
      publishedRootFor(identity, [rootOf(published, { date: '2001-01-01' })], null),
    ).toBeNull();
    expect(
      publishedRootFor(identity, [rootOf(published, { treeId: 'pol_other' })], null),
    ).toBeNull();
    const report = {
      platformId: published.platformId,
      currencies: [
        {
          currency: published.currency,
          proofOfLiabilities: {
            treeId: published.treeId,
            date: published.date,
            customerCount: 3,
            rootHash: published.root.hash,
            rootMaskedSum: published.root.maskedSum,
          },
        },
      ],
    } as unknown as TransparencyReport;
    expect(publishedRootFor(identity, [], report)).toBe(published.root.hash);
    expect(publishedRootFor({ ...identity, treeId: 'pol_other' }, [], report)).toBeNull();
    expect(proofIdentity({ format: 'x' })).toBeNull();
  });
});
