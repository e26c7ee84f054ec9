-- Proof of liabilities: one masked sum tree per platform, currency and build (src/pol/POL.md).
-- The tree's seed regenerates every leaf's salt and mask; the nodes 10 levels above the
-- leaves (1,024 leaves per chunk) and the leaves' balances are kept, so a proof rebuilds one
-- chunk, never the whole tree. Trees and leaves are immutable once written.
CREATE TABLE pol_trees (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  as_of date NOT NULL,
  height integer NOT NULL CHECK (height BETWEEN 4 AND 22),
  customer_count integer NOT NULL CHECK (customer_count BETWEEN 1 AND 4194304),
  total_minor bigint NOT NULL CHECK (total_minor >= 0),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  root_sum bytea NOT NULL CHECK (length(root_sum) = 16),
  -- Sum of the leaf masks mod 2^128: root_sum = total_minor + opening (mod 2^128).
  opening bytea NOT NULL CHECK (length(opening) = 16),
  seed bytea NOT NULL CHECK (length(seed) = 32),
  chunk_level integer NOT NULL CHECK (chunk_level BETWEEN 4 AND 10),
  chunk_hashes bytea NOT NULL,
  chunk_sums bytea NOT NULL,
  built_by text NOT NULL,
  built_at timestamptz NOT NULL,
  CHECK (length(chunk_hashes) = 32 * (1 << (height - chunk_level))),
  CHECK (length(chunk_sums) = 16 * (1 << (height - chunk_level)))
);
CREATE INDEX pol_trees_platform ON pol_trees (platform_id, currency, as_of, built_at);

CREATE TABLE pol_leaves (
  tree_id text NOT NULL REFERENCES pol_trees (id),
  position integer NOT NULL CHECK (position >= 0),
  customer_id text NOT NULL REFERENCES customers (id),
  balance_minor bigint NOT NULL CHECK (balance_minor >= 0),
  PRIMARY KEY (tree_id, position),
  UNIQUE (tree_id, customer_id)
);

CREATE INDEX pol_leaves_customer ON pol_leaves (customer_id);

CREATE TRIGGER pol_trees_append_only BEFORE UPDATE OR DELETE ON pol_trees
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER pol_leaves_append_only BEFORE UPDATE OR DELETE ON pol_leaves
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
