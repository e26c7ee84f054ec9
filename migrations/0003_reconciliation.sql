-- Reconciliation and safeguarding: custodian bank statements, matching against the journal,
-- breaks, and the daily proof that the custody account covers what the books owe customers.
-- Every row carries platform_id; amounts are bigint minor units with their currency.

-- Per-platform settings; absent rows mean the defaults in src/recon/books/recon-settings.ts.
CREATE TABLE recon_settings (
  platform_id text PRIMARY KEY REFERENCES platforms (id),
  reserve_share_basis_points integer NOT NULL CHECK (reserve_share_basis_points BETWEEN 0 AND 10000),
  break_age_days_max integer NOT NULL CHECK (break_age_days_max BETWEEN 1 AND 365),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A bank's CSV export layout, saved once and reused per file (src/recon/csv-mapping.ts).
CREATE TABLE csv_mappings (
  platform_id text NOT NULL REFERENCES platforms (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  mapping jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform_id, name)
);

-- One uploaded file. The same bytes twice are one import: the content hash is unique.
CREATE TABLE statement_imports (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  format text NOT NULL CHECK (format IN ('camt.053', 'camt.052', 'camt.054', 'mt940', 'csv')),
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  file_bytes integer NOT NULL CHECK (file_bytes > 0),
  statement_count integer NOT NULL CHECK (statement_count > 0),
  line_count integer NOT NULL CHECK (line_count >= 0),
  duplicate_line_count integer NOT NULL CHECK (duplicate_line_count >= 0),
  warnings jsonb NOT NULL,
  imported_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (duplicate_line_count <= line_count),
  UNIQUE (platform_id, content_sha256)
);
CREATE INDEX statement_imports_platform ON statement_imports (platform_id, id);

-- One statement of an import, bound to the platform's custody_bank account of its currency.
CREATE TABLE bank_statements (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  import_id text NOT NULL REFERENCES statement_imports (id),
  custody_account_id text NOT NULL REFERENCES accounts (id),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  statement_ref text NOT NULL,
  bank_account text NOT NULL,
  legal_sequence bigint CHECK (legal_sequence >= 0),
  opening_minor bigint,
  closing_minor bigint,
  closing_date date,
  entry_count integer NOT NULL CHECK (entry_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((closing_minor IS NULL) = (closing_date IS NULL))
);
CREATE INDEX bank_statements_account ON bank_statements (custody_account_id, closing_date);
CREATE INDEX bank_statements_platform ON bank_statements (platform_id, currency, closing_date);

-- Bank lines. A line delivered again (overlapping statements, MT940 and camt of one day) has
-- the same fingerprint or the same bank reference and is not stored twice.
CREATE TABLE statement_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  import_id text NOT NULL REFERENCES statement_imports (id),
  statement_id text NOT NULL REFERENCES bank_statements (id),
  custody_account_id text NOT NULL REFERENCES accounts (id),
  entry_index integer NOT NULL CHECK (entry_index >= 0),
  amount_minor bigint NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  booking_date date NOT NULL,
  value_date date,
  status text NOT NULL CHECK (status IN ('booked', 'pending', 'info')),
  reversal boolean NOT NULL,
  bank_reference text,
  references_json jsonb NOT NULL,
  match_references text[] NOT NULL,
  counterparty_name text,
  remittance_text text,
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform_id, fingerprint)
);
CREATE UNIQUE INDEX statement_lines_bank_reference ON statement_lines (custody_account_id, bank_reference)
  WHERE bank_reference IS NOT NULL;
CREATE INDEX statement_lines_account_date ON statement_lines (custody_account_id, booking_date);
CREATE INDEX statement_lines_import ON statement_lines (import_id, id);

-- Matching rules as data (src/recon/matching/match-rule.ts); none stored means the defaults.
CREATE TABLE matching_rules (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  priority integer NOT NULL CHECK (priority BETWEEN 0 AND 1000),
  kind text NOT NULL CHECK (kind IN ('reference', 'amount_date')),
  strategy text NOT NULL CHECK (strategy IN ('one_to_one', 'one_to_many', 'many_to_one')),
  amount_tolerance_minor bigint NOT NULL CHECK (amount_tolerance_minor >= 0),
  date_window_days integer NOT NULL CHECK (date_window_days BETWEEN 0 AND 31),
  counterparty text NOT NULL CHECK (counterparty IN ('ignore', 'when_present', 'required')),
  confirm text NOT NULL CHECK (confirm IN ('auto', 'suggest')),
  active boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform_id, name)
);

CREATE TABLE match_runs (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  as_of date NOT NULL,
  rules jsonb NOT NULL,
  bank_item_count integer NOT NULL CHECK (bank_item_count >= 0),
  book_item_count integer NOT NULL CHECK (book_item_count >= 0),
  match_count integer NOT NULL CHECK (match_count >= 0),
  break_count integer NOT NULL CHECK (break_count >= 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX match_runs_platform ON match_runs (platform_id, id);

CREATE TABLE matches (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  run_id text REFERENCES match_runs (id),
  rule_name text NOT NULL,
  strategy text NOT NULL
    CHECK (strategy IN ('one_to_one', 'one_to_many', 'many_to_one', 'manual', 'adjustment')),
  state text NOT NULL CHECK (state IN ('suggested', 'confirmed', 'rejected')),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  bank_sum_minor bigint NOT NULL,
  book_sum_minor bigint NOT NULL,
  difference_minor bigint NOT NULL CHECK (difference_minor = bank_sum_minor - book_sum_minor),
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'suggested') = (decided_by IS NULL))
);
CREATE INDEX matches_platform ON matches (platform_id, state, id);

-- The items of live matches. Exclusive by construction: a bank line or a journal entry is in
-- at most one match (rejecting a suggestion deletes its items, freeing them).
CREATE TABLE match_items (
  match_id text NOT NULL REFERENCES matches (id),
  platform_id text NOT NULL REFERENCES platforms (id),
  side text NOT NULL CHECK (side IN ('bank', 'book')),
  item_id bigint NOT NULL,
  amount_minor bigint NOT NULL,
  PRIMARY KEY (side, item_id)
);
CREATE INDEX match_items_match ON match_items (match_id);

-- An item neither side could explain. At most one unresolved break per item.
CREATE TABLE breaks (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  run_id text REFERENCES match_runs (id),
  side text NOT NULL CHECK (side IN ('bank', 'book')),
  item_id bigint NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount_minor bigint NOT NULL,
  item_date date NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'escalated', 'awaiting_approval', 'resolved')),
  owner text NOT NULL,
  resolution text CHECK (resolution IN ('matched', 'linked', 'adjusted', 'suspense')),
  resolution_ref text,
  approval_id text,
  note text,
  opened_at timestamptz NOT NULL DEFAULT now(),
  escalated_at timestamptz,
  resolved_at timestamptz,
  resolved_by text,
  CHECK ((state = 'resolved') = (resolution IS NOT NULL)),
  CHECK ((state = 'awaiting_approval') <= (approval_id IS NOT NULL))
);
CREATE UNIQUE INDEX breaks_unresolved_item ON breaks (side, item_id) WHERE state <> 'resolved';
CREATE INDEX breaks_platform ON breaks (platform_id, state, item_date);

-- One safeguarding check per currency: the bank against what the books owe.
CREATE TABLE safeguarding_checks (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  as_of date NOT NULL,
  status text NOT NULL CHECK (status IN ('ok', 'shortfall', 'excess', 'no_statement')),
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  bank_closing_minor bigint,
  bank_closing_date date,
  customer_liabilities_minor bigint NOT NULL CHECK (customer_liabilities_minor >= 0),
  reserve_minor bigint NOT NULL,
  required_minor bigint NOT NULL,
  unmatched_book_minor bigint NOT NULL,
  unmatched_bank_minor bigint NOT NULL,
  adjusted_bank_minor bigint,
  drift_minor bigint,
  reserve_required_minor bigint NOT NULL CHECK (reserve_required_minor >= 0),
  reserve_adequate boolean NOT NULL,
  breakdown jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (required_minor = customer_liabilities_minor + reserve_minor),
  CHECK ((status = 'no_statement') = (bank_closing_minor IS NULL)),
  CHECK (status <> 'shortfall' OR severity = 'critical')
);
CREATE INDEX safeguarding_checks_platform ON safeguarding_checks (platform_id, as_of, id);
