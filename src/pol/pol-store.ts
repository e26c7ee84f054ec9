import { appendAuditRecords } from '../audit/audit-record-store.js';
import { assert } from '../assert.js';
import { newId, toBigInt, type Queryable } from '../store/index.js';
import type { PolEntry, PolTree } from './pol-build.js';
import { toHex } from './pol-hash.js';
import { POL_LEAF_INSERT_BATCH } from './pol-limits.js';
import type { StoredPolTree } from './pol-path.js';

/** A published root as listed to staff and the public report: no balances, no opening. */
export interface PolRootView {
  treeId: string;
  currency: string;
  date: string;
  height: number;
  customerCount: number;
  rootHash: string;
  rootMaskedSum: string;
  builtAt: string;
  builtBy: string;
}

const TREE_COLUMNS = `id, platform_id, currency, as_of::text AS as_of_day, height, customer_count,
  total_minor, root_hash, root_sum, opening, seed, chunk_level, chunk_hashes, chunk_sums,
  built_by, built_at`;

const bytes = (value: unknown): Buffer => {
  assert(value instanceof Uint8Array, 'bytea column expected');
  return Buffer.from(value);
};

function rootView(row: Record<string, unknown>): PolRootView {
  return {
    treeId: String(row.id),
    currency: String(row.currency),
    date: String(row.as_of_day),
    height: Number(row.height),
    customerCount: Number(row.customer_count),
    rootHash: toHex(bytes(row.root_hash)),
    rootMaskedSum: toHex(bytes(row.root_sum)),
    builtAt: new Date(row.built_at as string).toISOString(),
    builtBy: String(row.built_by),
  };
}

/** The stored tree with its secrets, for proofs and the regulator's opening. */
export interface LoadedPolTree extends StoredPolTree {
  view: PolRootView;
  totalMinor: bigint;
  opening: Buffer;
}

function loaded(row: Record<string, unknown>): LoadedPolTree {
  return {
    view: rootView(row),
    treeId: String(row.id),
    platformId: String(row.platform_id),
    currency: String(row.currency),
    date: String(row.as_of_day),
    height: Number(row.height),
    seed: bytes(row.seed),
    rootHash: bytes(row.root_hash),
    rootSum: bytes(row.root_sum),
    chunkLevel: Number(row.chunk_level),
    chunkNodes: { hashes: bytes(row.chunk_hashes), sums: bytes(row.chunk_sums) },
    totalMinor: toBigInt(row.total_minor),
    opening: bytes(row.opening),
  };
}

/**
 * Writes a built tree, its leaves and the audit record that publishes the root, in the
 * caller's transaction: either all of it commits or none.
 */
export async function insertPolTree(
  tx: Queryable,
  input: {
    platformId: string;
    currency: string;
    date: string;
    seed: Uint8Array;
    entries: readonly PolEntry[];
    tree: PolTree;
    actor: string;
    nowMs: number;
  },
): Promise<PolRootView> {
  const { tree, entries } = input;
  assert(tree.positions.length === entries.length, 'one position per customer');
  const id = newId('pol', input.nowMs);
  const builtAt = new Date(input.nowMs).toISOString();
  const opening = Buffer.alloc(16);
  let rest = tree.opening;
  for (let index = 15; index >= 0; index -= 1) {
    opening[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  await tx.query(
    `INSERT INTO pol_trees (id, platform_id, currency, as_of, height, customer_count, total_minor,
       root_hash, root_sum, opening, seed, chunk_level, chunk_hashes, chunk_sums, built_by, built_at)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      id,
      input.platformId,
      input.currency,
      input.date,
      tree.height,
      tree.customerCount,
      tree.totalMinor.toString(),
      tree.rootHash,
      tree.rootSum,
      opening,
      Buffer.from(input.seed),
      tree.chunkLevel,
      tree.chunkNodes.hashes,
      tree.chunkNodes.sums,
      input.actor,
      builtAt,
    ],
  );
  for (let from = 0; from < entries.length; from += POL_LEAF_INSERT_BATCH) {
    const batch = entries.slice(from, from + POL_LEAF_INSERT_BATCH);
    await tx.query(
      `INSERT INTO pol_leaves (tree_id, position, customer_id, balance_minor)
       SELECT $1, p, c, b FROM unnest($2::int[], $3::text[], $4::bigint[]) AS u(p, c, b)`,
      [
        id,
        batch.map((_, index) => tree.positions[from + index] as number),
        batch.map((entry) => entry.customerId),
        batch.map((entry) => entry.balanceMinor.toString()),
      ],
    );
  }
  const view: PolRootView = {
    treeId: id,
    currency: input.currency,
    date: input.date,
    height: tree.height,
    customerCount: tree.customerCount,
    rootHash: toHex(tree.rootHash),
    rootMaskedSum: toHex(tree.rootSum),
    builtAt,
    builtBy: input.actor,
  };
  await appendAuditRecords(tx, [
    {
      platformId: input.platformId,
      actor: input.actor,
      action: 'pol.root_published',
      subjectType: 'pol_tree',
      subjectId: id,
      payload: {
        currency: view.currency,
        date: view.date,
        height: view.height,
        customerCount: view.customerCount,
        rootHash: view.rootHash,
        rootMaskedSum: view.rootMaskedSum,
      },
      atMs: input.nowMs,
    },
  ]);
  return view;
}

/** Published roots, newest first. */
export async function listPolRoots(
  db: Queryable,
  platformId: string,
  filter: { currency?: string; limit: number },
): Promise<PolRootView[]> {
  const rows = await db.query(
    `SELECT ${TREE_COLUMNS} FROM pol_trees
     WHERE platform_id = $1 AND ($2::text IS NULL OR currency = $2)
     ORDER BY as_of DESC, built_at DESC, id DESC LIMIT $3`,
    [platformId, filter.currency ?? null, filter.limit],
  );
  return rows.map(rootView);
}

export async function loadPolTree(
  db: Queryable,
  platformId: string,
  treeId: string,
): Promise<LoadedPolTree | undefined> {
  const rows = await db.query(
    `SELECT ${TREE_COLUMNS} FROM pol_trees WHERE platform_id = $1 AND id = $2`,
    [platformId, treeId],
  );
  return rows[0] === undefined ? undefined : loaded(rows[0]);
}

/** Where a customer's leaf sits, or why there is none to prove. */
export type CustomerLeafLookup =
  { found: true; tree: LoadedPolTree; position: number } | { found: false; reason: string };

/**
 * The customer's leaf in the platform's newest tree of a currency (of `date`, when given).
 * The tree is chosen first and the leaf looked up in it: a customer the newest tree left
 * out gets "not included", never a proof from an older tree. Without a currency, the newest
 * tree of every currency is searched and the newest of those holding the customer wins.
 */
export async function findCustomerLeaf(
  db: Queryable,
  platformId: string,
  customerId: string,
  filter: { date?: string; currency?: string },
): Promise<CustomerLeafLookup> {
  const treeColumns = TREE_COLUMNS.replace(/(^|,\s*)(\w+)/g, '$1t.$2');
  const rows = await db.query(
    `WITH newest AS (
       SELECT DISTINCT ON (currency) id FROM pol_trees
       WHERE platform_id = $1 AND ($3::date IS NULL OR as_of = $3::date)
         AND ($4::text IS NULL OR currency = $4)
       ORDER BY currency, as_of DESC, built_at DESC, id DESC)
     SELECT ${treeColumns}, l.position
     FROM newest n JOIN pol_trees t ON t.id = n.id
       LEFT JOIN pol_leaves l ON l.tree_id = t.id AND l.customer_id = $2
     ORDER BY (l.position IS NULL), t.as_of DESC, t.built_at DESC, t.id DESC`,
    [platformId, customerId, filter.date ?? null, filter.currency ?? null],
  );
  const first = rows[0];
  if (first === undefined) {
    const scope = [filter.currency, filter.date === undefined ? undefined : `of ${filter.date}`]
      .filter((part) => part !== undefined)
      .join(' ');
    return {
      found: false,
      reason: `no proof-of-liabilities tree${scope === '' ? '' : ` ${scope}`} on platform ${platformId}`,
    };
  }
  if (first.position === null) {
    const trees = rows.map((row) => `${String(row.id)} of ${String(row.as_of_day)}`).join(', ');
    return {
      found: false,
      reason: `customer ${customerId} not included in tree ${trees}`,
    };
  }
  return { found: true, tree: loaded(first), position: Number(first.position) };
}

/** Stored leaves with positions in [from, to], for one chunk. */
export async function loadLeafRange(
  db: Queryable,
  treeId: string,
  from: number,
  to: number,
): Promise<{ position: number; customerId: string; balanceMinor: bigint }[]> {
  const rows = await db.query(
    `SELECT position, customer_id, balance_minor FROM pol_leaves
     WHERE tree_id = $1 AND position BETWEEN $2 AND $3 ORDER BY position`,
    [treeId, from, to],
  );
  return rows.map((row) => ({
    position: Number(row.position),
    customerId: String(row.customer_id),
    balanceMinor: toBigInt(row.balance_minor),
  }));
}

/** The newest safeguarding check of one currency on or before a date, or undefined. */
export async function latestSafeguardingCheck(
  db: Queryable,
  platformId: string,
  currency: string,
  onOrBefore: string,
): Promise<{ asOf: string; status: string; customerLiabilitiesMinor: bigint } | undefined> {
  const [row] = await db.query(
    `SELECT as_of::text AS as_of_day, status, customer_liabilities_minor FROM safeguarding_checks
     WHERE platform_id = $1 AND currency = $2 AND as_of <= $3::date
     ORDER BY as_of DESC, id DESC LIMIT 1`,
    [platformId, currency, onOrBefore],
  );
  return row === undefined
    ? undefined
    : {
        asOf: String(row.as_of_day),
        status: String(row.status),
        customerLiabilitiesMinor: toBigInt(row.customer_liabilities_minor),
      };
}
