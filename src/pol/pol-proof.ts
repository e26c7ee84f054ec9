import {
  addMod128,
  bytesEqual,
  fromHex,
  polLeafHash,
  polNodeHash,
  toHex,
  u128FromBytes,
} from './pol-hash.js';
import { POL_BALANCE_MAX, POL_CUSTOMER_ID_BYTES_MAX, POL_HEIGHT_MAX } from './pol-limits.js';

export const POL_PROOF_FORMAT = 'custos-pol-proof/v1';

/** A node as a proof shows it: hash and masked sum (hex), never a balance. */
export interface PolNodeJson {
  hash: string;
  maskedSum: string;
}

/**
 * One customer's inclusion proof. Only `leaf` holds plaintext: the customer's own balance,
 * salt and mask. Siblings carry hashes and masked sums, which are uniform modulo 2^128.
 */
export interface PolProof {
  format: typeof POL_PROOF_FORMAT;
  platformId: string;
  currency: string;
  date: string;
  treeId: string;
  height: number;
  root: PolNodeJson;
  leaf: {
    position: number;
    customerId: string;
    balanceMinor: string;
    salt: string;
    mask: string;
  };
  /** Siblings from the leaf's level up to just below the root. */
  path: PolNodeJson[];
}

export type PolVerifyStep = 'format' | 'customer' | 'path' | 'published-root';
/**
 * `ok` says the proof is internally sound: its path leads from the leaf to its own root.
 * That alone proves nothing, since anyone can build a self-consistent tree; only `anchored`
 * (the root equals one the platform published, given as `expect.rootHash`) makes it a proof
 * that the balance is counted in the published liabilities.
 */
export type PolVerifyResult =
  | {
      ok: true;
      /** True only when the root was compared with, and equals, a published root. */
      anchored: boolean;
      platformId: string;
      treeId: string;
      currency: string;
      date: string;
      customerId: string;
      balanceMinor: bigint;
      rootHash: string;
    }
  | { ok: false; step: PolVerifyStep; message: string };

const fail = (step: PolVerifyStep, message: string): PolVerifyResult => ({
  ok: false,
  step,
  message,
});
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^(0|[1-9]\d{0,18})$/;

function node(value: unknown): { hash: Uint8Array; sum: bigint } | undefined {
  if (!isRecord(value) || typeof value.hash !== 'string' || typeof value.maskedSum !== 'string')
    return undefined;
  const hash = fromHex(value.hash, 32);
  const sum = fromHex(value.maskedSum, 16);
  return hash === undefined || sum === undefined ? undefined : { hash, sum: u128FromBytes(sum) };
}

/**
 * Verifies a proof with no database and no network: recomputes the leaf from the customer's
 * balance, salt and mask, walks the path to the root and compares. `expect` pins what the
 * verifier knows independently: the customer's own id and the root published in the audit log
 * or the transparency report. Without `expect.rootHash` the result is never `anchored`.
 */
export function verifyPolProof(
  input: unknown,
  expect: { customerId?: string; rootHash?: string } = {},
): PolVerifyResult {
  if (!isRecord(input) || input.format !== POL_PROOF_FORMAT)
    return fail('format', `not a ${POL_PROOF_FORMAT} document`);
  const { platformId, currency, date, treeId, height, leaf, path } = input;
  if (typeof platformId !== 'string' || platformId.length === 0 || platformId.length > 100)
    return fail('format', 'platformId must be a non-empty string');
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    return fail('format', 'currency must be an ISO 4217 code');
  if (typeof date !== 'string' || !DATE.test(date))
    return fail('format', 'date must be YYYY-MM-DD');
  if (typeof treeId !== 'string') return fail('format', 'treeId must be a string');
  if (
    typeof height !== 'number' ||
    !Number.isInteger(height) ||
    height < 1 ||
    height > POL_HEIGHT_MAX
  )
    return fail('format', `height must be an integer 1..${POL_HEIGHT_MAX}`);
  const root = node(input.root);
  if (root === undefined) return fail('format', 'root must hold a 32-byte hash and 16-byte sum');
  if (!isRecord(leaf)) return fail('format', 'leaf is missing');
  const { position, customerId, balanceMinor } = leaf;
  if (
    typeof position !== 'number' ||
    !Number.isInteger(position) ||
    position < 0 ||
    position >= 2 ** height
  )
    return fail('format', 'leaf.position is outside the tree');
  if (
    typeof customerId !== 'string' ||
    customerId.length === 0 ||
    new TextEncoder().encode(customerId).length > POL_CUSTOMER_ID_BYTES_MAX
  )
    return fail('format', 'leaf.customerId must be a non-empty string');
  if (
    typeof balanceMinor !== 'string' ||
    !DECIMAL.test(balanceMinor) ||
    BigInt(balanceMinor) > POL_BALANCE_MAX
  )
    return fail('format', 'leaf.balanceMinor must be a non-negative integer string');
  const salt = typeof leaf.salt === 'string' ? fromHex(leaf.salt, 16) : undefined;
  const mask = typeof leaf.mask === 'string' ? fromHex(leaf.mask, 16) : undefined;
  if (salt === undefined || mask === undefined)
    return fail('format', 'leaf.salt and leaf.mask must be 16 bytes of lower-case hex');
  if (!Array.isArray(path) || path.length !== height)
    return fail('format', `path must list ${height} siblings`);
  const siblings = path.map(node);
  if (siblings.some((sibling) => sibling === undefined))
    return fail('format', 'every path entry must hold a 32-byte hash and 16-byte sum');
  if (expect.customerId !== undefined && expect.customerId !== customerId)
    return fail('customer', `the proof is for ${customerId}, not ${expect.customerId}`);

  const balance = BigInt(balanceMinor);
  const maskValue = u128FromBytes(mask);
  let hash = polLeafHash(customerId, salt, balance, maskValue);
  let sum = addMod128(balance, maskValue);
  siblings.forEach((sibling, level) => {
    const { hash: siblingHash, sum: siblingSum } = sibling as { hash: Uint8Array; sum: bigint };
    const right = ((position >>> level) & 1) === 1;
    hash = right
      ? polNodeHash(siblingHash, siblingSum, hash, sum)
      : polNodeHash(hash, sum, siblingHash, siblingSum);
    sum = addMod128(sum, siblingSum);
  });
  if (!bytesEqual(hash, root.hash) || sum !== root.sum)
    return fail(
      'path',
      "the path does not lead to the proof's root: balance, id, salt, mask or a sibling was changed",
    );
  const rootHash = toHex(root.hash);
  if (expect.rootHash !== undefined && expect.rootHash.toLowerCase() !== rootHash)
    return fail(
      'published-root',
      `the proof's root ${rootHash} is not the published root ${expect.rootHash}`,
    );
  return {
    ok: true,
    anchored: expect.rootHash !== undefined,
    platformId,
    treeId,
    currency,
    date,
    customerId,
    balanceMinor: balance,
    rootHash,
  };
}
