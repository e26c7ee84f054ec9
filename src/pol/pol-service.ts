import { randomBytes } from 'node:crypto';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { toBigInt, type Database, type Queryable } from '../store/index.js';
import { buildPolTree, type PolEntry } from './pol-build.js';
import { toHex, u128FromBytes } from './pol-hash.js';
import { POL_SUM_MODULUS } from './pol-limits.js';
import { chunkLeavesFrom, polProofFromChunk } from './pol-path.js';
import type { PolProof } from './pol-proof.js';
import {
  findCustomerLeaf,
  insertPolTree,
  latestSafeguardingCheck,
  loadLeafRange,
  loadPolTree,
  type PolRootView,
} from './pol-store.js';

/**
 * Every customer account's posted balance (credits − debits posted) per currency, in one
 * statement so all currencies come from the same snapshot of the books. Ordered by id in
 * byte order, which makes the seeded placement reproducible.
 */
export async function readCustomerBalances(
  db: Queryable,
  platformId: string,
): Promise<Map<string, PolEntry[]>> {
  const rows = await db.query(
    `SELECT currency, customer_id, credits_posted - debits_posted AS balance_minor
     FROM accounts WHERE platform_id = $1 AND type = 'customer'
     ORDER BY currency, customer_id COLLATE "C"`,
    [platformId],
  );
  const byCurrency = new Map<string, PolEntry[]>();
  for (const row of rows) {
    const currency = String(row.currency);
    let entries = byCurrency.get(currency);
    if (entries === undefined) byCurrency.set(currency, (entries = []));
    entries.push({
      customerId: String(row.customer_id),
      balanceMinor: toBigInt(row.balance_minor),
    });
  }
  return byCurrency;
}

export interface PolBuildRequest {
  actor: string;
  nowMs: number;
  workers?: number;
  onProgress?: (message: string) => void;
}

/**
 * Builds and publishes one tree per currency of the platform's customer accounts: a fresh
 * random seed each time (so two rounds cannot be compared leaf by leaf), the tree built
 * outside any transaction, then tree, leaves and the audit record that publishes the root
 * written in one transaction per currency.
 */
export async function buildPlatformTrees(
  db: Database,
  platformId: string,
  request: PolBuildRequest,
): Promise<PolRootView[]> {
  const progress = request.onProgress ?? (() => undefined);
  const date = new Date(request.nowMs).toISOString().slice(0, 10);
  const balances = await readCustomerBalances(db, platformId);
  const roots: PolRootView[] = [];
  for (const [currency, entries] of balances) {
    progress(`${platformId} ${currency}: ${entries.length} customers`);
    const seed = randomBytes(32);
    const tree = await buildPolTree(entries, seed, {
      workers: request.workers ?? 1,
      onProgress: (message) => progress(`${platformId} ${currency}: ${message}`),
    });
    const root = await db.transaction((tx) =>
      insertPolTree(tx, {
        platformId,
        currency,
        date,
        seed,
        entries,
        tree,
        actor: request.actor,
        nowMs: request.nowMs,
      }),
    );
    progress(`${platformId} ${currency}: root ${root.rootHash} published`);
    roots.push(root);
  }
  return roots;
}

/**
 * A customer's inclusion proof from the platform's newest tree of the currency (of `date`,
 * when given), or why there is none: the tree is chosen first, so a customer that tree left
 * out is told so instead of getting a proof from an older tree. Rebuilds the customer's chunk
 * of 1,024 leaves only. Callers check that the asker may see this customer.
 */
export async function proofForCustomer(
  db: Queryable,
  platformId: string,
  customerId: string,
  date?: string,
  currency?: string,
): Promise<{ ok: true; proof: PolProof } | { ok: false; reason: string }> {
  const found = await findCustomerLeaf(db, platformId, customerId, {
    ...(date === undefined ? {} : { date }),
    ...(currency === undefined ? {} : { currency }),
  });
  if (!found.found) return { ok: false, reason: found.reason };
  const { tree, position } = found;
  const chunkSize = 2 ** tree.chunkLevel;
  const chunkIndex = Math.floor(position / chunkSize);
  const rows = await loadLeafRange(
    db,
    tree.treeId,
    chunkIndex * chunkSize,
    chunkIndex * chunkSize + chunkSize - 1,
  );
  return {
    ok: true,
    proof: polProofFromChunk(tree, position, chunkLeavesFrom(tree.chunkLevel, chunkIndex, rows)),
  };
}

/** What the regulator receives when a tree's total is opened. */
export interface PolOpening {
  treeId: string;
  currency: string;
  date: string;
  customerCount: number;
  totalMinor: bigint;
  opening: string;
  rootMaskedSum: string;
  /**
   * The published root sum equals the stored leaves' balances plus the masks the seed gives
   * them (mod 2^128), and the stored total and opening are those two sums.
   */
  openingMatches: boolean;
  /** The stored leaves, placed by the stored seed, rebuild the published root hash. */
  rebuildMatches: boolean;
  safeguarding: {
    asOf: string;
    status: string;
    customerLiabilitiesMinor: bigint;
    differenceMinor: bigint;
  } | null;
}

/**
 * Opens a tree's total for the regulator: a full rebuild from the stored leaves and seed on
 * `workers` threads, checking that the leaves reproduce the published root hash and placement
 * (`rebuildMatches`) and that their balances and masks add up to the published root sum
 * (`openingMatches`); then the comparison with the customer liabilities of the newest
 * safeguarding check of the same currency on or before the tree's date. The opening is
 * recorded in the audit log.
 */
export async function openPolTotal(
  db: Database,
  platformId: string,
  treeId: string,
  request: { actor: string; nowMs: number; workers?: number },
): Promise<PolOpening | undefined> {
  const tree = await loadPolTree(db, platformId, treeId);
  if (tree === undefined) return undefined;
  const leafRows = await db.query(
    `SELECT customer_id, balance_minor, position FROM pol_leaves WHERE tree_id = $1
     ORDER BY customer_id COLLATE "C"`,
    [treeId],
  );
  const entries = leafRows.map((row) => ({
    customerId: String(row.customer_id),
    balanceMinor: toBigInt(row.balance_minor),
  }));
  const rebuilt = await buildPolTree(entries, tree.seed, { workers: request.workers ?? 1 });
  const positionsMatch = leafRows.every(
    (row, index) => Number(row.position) === rebuilt.positions[index],
  );
  const opening = u128FromBytes(tree.opening);
  const rootSum = u128FromBytes(tree.rootSum);
  const check = await latestSafeguardingCheck(db, platformId, tree.currency, tree.date);
  const result: PolOpening = {
    treeId,
    currency: tree.currency,
    date: tree.date,
    customerCount: entries.length,
    totalMinor: tree.totalMinor,
    opening: toHex(tree.opening),
    rootMaskedSum: toHex(tree.rootSum),
    openingMatches:
      (rebuilt.totalMinor + rebuilt.opening) % POL_SUM_MODULUS === rootSum &&
      rebuilt.totalMinor === tree.totalMinor &&
      rebuilt.opening === opening &&
      entries.length === tree.view.customerCount,
    rebuildMatches:
      positionsMatch &&
      rebuilt.height === tree.height &&
      rebuilt.rootHash.equals(tree.rootHash) &&
      Buffer.from(rebuilt.rootSum).equals(tree.rootSum),
    safeguarding:
      check === undefined
        ? null
        : {
            asOf: check.asOf,
            status: check.status,
            customerLiabilitiesMinor: check.customerLiabilitiesMinor,
            differenceMinor: tree.totalMinor - check.customerLiabilitiesMinor,
          },
  };
  await db.transaction((tx) =>
    appendAuditRecords(tx, [
      {
        platformId,
        actor: request.actor,
        action: 'pol.total_opened',
        subjectType: 'pol_tree',
        subjectId: treeId,
        payload: { openingMatches: result.openingMatches, rebuildMatches: result.rebuildMatches },
        atMs: request.nowMs,
      },
    ]),
  );
  return result;
}
