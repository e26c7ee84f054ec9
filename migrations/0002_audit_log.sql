-- Tamper-evident audit log: every audit record is a leaf of one RFC 6962 Merkle tree.
--
-- Leaf hashes need the record's canonical text hashed as SHA-256(0x00 || entry), and the head
-- needs the compact range of all leaves, which plain SQL cannot fold. This migration therefore
-- runs only on a log without records (in practice: a fresh database) and refuses loudly
-- otherwise, rather than leaving rows that no leaf covers.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM audit_records) THEN
    RAISE EXCEPTION 'migration 0002_audit_log needs an empty audit_records table: existing records have no Merkle leaf; start from a fresh database'
      USING ERRCODE = '55000';
  END IF;
END
$$;

-- Position in the tree (0-based, no gaps, assigned under the head lock so that leaf order is
-- commit order) and the RFC 6962 leaf hash of `entry`.
ALTER TABLE audit_records
  ADD COLUMN leaf_index bigint NOT NULL CHECK (leaf_index >= 0),
  ADD COLUMN leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
  ADD CONSTRAINT audit_records_leaf_index_unique UNIQUE (leaf_index);

-- The one head of the log: tree size, compact range (the O(log n) peaks a writer needs to
-- append) and root. Writers lock this row, which serializes appends across processes.
CREATE TABLE audit_log_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  compact_range jsonb NOT NULL,
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_log_head (id, tree_size, compact_range, root_hash)
VALUES (true, 0, '{"size":"0","hashes":[]}', sha256(''::bytea));

-- The log's signing identity: origin line of its checkpoints and the C2SP note keys. Created
-- on first use; one row, so every process of a deployment signs with the same key.
CREATE TABLE audit_log_key (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  origin text NOT NULL,
  verifier_key text NOT NULL,
  -- NULL when the signer key is kept outside the database (CUSTOS_LOG_KEY_FILE).
  signer_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Signed checkpoints (C2SP tlog-checkpoint). Tree sizes only grow, and the log checks
-- consistency with the previous checkpoint before it signs the next.
CREATE TABLE audit_checkpoints (
  tree_size bigint PRIMARY KEY CHECK (tree_size >= 0),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  note text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Witnesses whose cosignatures the log accepts, registered by staff (tlog-cosignature keys).
CREATE TABLE audit_witnesses (
  name text PRIMARY KEY,
  verifier_key text NOT NULL UNIQUE,
  added_by text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now()
);

-- Verified witness cosignatures, one per witness and checkpoint.
CREATE TABLE audit_cosignatures (
  tree_size bigint NOT NULL REFERENCES audit_checkpoints (tree_size),
  witness_name text NOT NULL REFERENCES audit_witnesses (name),
  signature_line text NOT NULL,
  cosigned_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tree_size, witness_name)
);

CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER audit_cosignatures_append_only BEFORE UPDATE OR DELETE ON audit_cosignatures
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
