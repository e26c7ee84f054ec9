-- Custody books: platforms, principals, customers, accounts, instructions, transfers, freezes,
-- approvals and the audit record table. Money is bigint minor units with a currency code.

CREATE TABLE platforms (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Who acts: platform API clients (scoped to one platform) and staff (operators).
CREATE TABLE principals (
  id text PRIMARY KEY,
  platform_id text REFERENCES platforms (id),
  kind text NOT NULL CHECK (kind IN ('platform', 'staff')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'platform') = (platform_id IS NOT NULL))
);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  principal_id text NOT NULL REFERENCES principals (id),
  key_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE customers (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  kind text NOT NULL CHECK (kind IN ('person', 'entity')),
  external_ref text NOT NULL CHECK (length(external_ref) BETWEEN 1 AND 100),
  -- Personal data as sealed by src/security (names, ID numbers, contact, addresses).
  personal_data jsonb NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform_id, external_ref)
);

CREATE TABLE customer_bank_accounts (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  personal_data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_bank_accounts_customer ON customer_bank_accounts (customer_id);

-- Ed25519 public keys a customer registered; their signatures authorize debits.
CREATE TABLE customer_keys (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  public_key bytea NOT NULL CHECK (length(public_key) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX customer_keys_customer ON customer_keys (customer_id);

-- Balances are derived from four monotonic counters, never stored directly.
CREATE TABLE accounts (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text REFERENCES customers (id),
  type text NOT NULL
    CHECK (type IN ('customer', 'reserve', 'fees', 'custody_bank', 'clearing', 'suspense')),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  debits_pending bigint NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  debits_posted bigint NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
  credits_pending bigint NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  credits_posted bigint NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((type = 'customer') = (customer_id IS NOT NULL)),
  -- Segregation as a last line of defence: a customer's money never goes below zero.
  CHECK (type <> 'customer' OR credits_posted - debits_posted - debits_pending >= 0)
);
CREATE UNIQUE INDEX accounts_customer_currency ON accounts (customer_id, currency)
  WHERE customer_id IS NOT NULL;
CREATE UNIQUE INDEX accounts_platform_type_currency ON accounts (platform_id, type, currency)
  WHERE customer_id IS NULL;
CREATE INDEX accounts_platform ON accounts (platform_id, type);

-- A standing authorization a customer signed: payee, limits and validity window.
CREATE TABLE mandates (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  payer_account_id text NOT NULL REFERENCES accounts (id),
  payee_account_id text NOT NULL REFERENCES accounts (id),
  purpose text NOT NULL,
  per_instruction_max_minor bigint NOT NULL CHECK (per_instruction_max_minor > 0),
  per_period_max_minor bigint NOT NULL CHECK (per_period_max_minor > 0),
  period_days integer NOT NULL CHECK (period_days BETWEEN 1 AND 366),
  valid_from timestamptz NOT NULL,
  valid_until timestamptz NOT NULL CHECK (valid_until > valid_from),
  period_started_at timestamptz NOT NULL,
  period_used_minor bigint NOT NULL DEFAULT 0 CHECK (period_used_minor >= 0),
  key_id text NOT NULL REFERENCES customer_keys (id),
  signed_document jsonb NOT NULL,
  signature bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX mandates_customer ON mandates (customer_id);

-- The hot tables (instructions, transfers, audit_records) carry no foreign keys: a per-row
-- foreign-key trigger costs more than the insert itself, and every referenced row (platform,
-- accounts, mandate) was read under lock in the same transaction that writes them.
CREATE TABLE instructions (
  id text PRIMARY KEY,
  platform_id text NOT NULL,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 100),
  request_hash bytea NOT NULL,
  type text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'posted', 'voided')),
  debit_account_id text NOT NULL,
  credit_account_id text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL,
  purpose text NOT NULL,
  authorization_kind text NOT NULL CHECK (authorization_kind IN ('signature', 'mandate', 'none')),
  -- Evidence of a signature: with the instruction's own fields it rebuilds the signed document.
  auth_customer_id text,
  auth_key_id text,
  auth_nonce text,
  auth_expires_at text,
  auth_signature bytea,
  mandate_id text,
  reverses_instruction_id text REFERENCES instructions (id),
  hold_reason text,
  submitted_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (debit_account_id <> credit_account_id),
  UNIQUE (platform_id, idempotency_key)
);
-- A signed authorization is single use: its nonce may appear once per customer.
CREATE UNIQUE INDEX instructions_auth_nonce ON instructions (auth_customer_id, auth_nonce)
  WHERE auth_nonce IS NOT NULL;
-- Lists page by id (time-ordered); by account they go through the journal's indexes.
CREATE INDEX instructions_platform ON instructions (platform_id, id);
CREATE INDEX instructions_reverses ON instructions (reverses_instruction_id)
  WHERE reverses_instruction_id IS NOT NULL;

CREATE TABLE instruction_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instruction_id text NOT NULL REFERENCES instructions (id),
  event text NOT NULL,
  actor text NOT NULL,
  detail jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instruction_events_instruction ON instruction_events (instruction_id, id);

-- The journal. One row per movement of counters; never updated, never deleted.
CREATE TABLE transfers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform_id text NOT NULL,
  instruction_id text NOT NULL,
  phase text NOT NULL CHECK (phase IN ('single', 'pending', 'post_pending', 'void_pending')),
  debit_account_id text NOT NULL,
  credit_account_id text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (debit_account_id <> credit_account_id)
);
CREATE INDEX transfers_debit ON transfers (debit_account_id, id);
CREATE INDEX transfers_credit ON transfers (credit_account_id, id);
CREATE INDEX transfers_instruction ON transfers (instruction_id);

CREATE TABLE freezes (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text REFERENCES customers (id),
  account_id text REFERENCES accounts (id),
  scope text NOT NULL CHECK (scope IN ('debits', 'all')),
  reason_code text NOT NULL,
  note text,
  case_ref text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  lifted_at timestamptz,
  lifted_by text,
  lift_approved_by text,
  CHECK ((customer_id IS NULL) <> (account_id IS NULL))
);
CREATE INDEX freezes_active_customer ON freezes (customer_id) WHERE lifted_at IS NULL;
CREATE INDEX freezes_active_account ON freezes (account_id) WHERE lifted_at IS NULL;

-- Four-eyes requests: one person asks, a different person decides before expiry.
CREATE TABLE approvals (
  id text PRIMARY KEY,
  platform_id text REFERENCES platforms (id),
  action text NOT NULL,
  payload jsonb NOT NULL,
  reason text NOT NULL,
  requested_by text NOT NULL,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'approved', 'rejected', 'expired')),
  decided_by text,
  decision_reason text,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX approvals_open ON approvals (status, created_at);

CREATE TABLE security_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform_id text,
  kind text NOT NULL,
  actor text NOT NULL,
  detail jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX security_events_platform ON security_events (platform_id, id);

-- Every state change appends one record here in the transaction that makes the change.
-- `entry` is the record's RFC 8785 canonical JSON: the exact bytes the tamper-evident log
-- hashes. The other columns repeat parts of it for lookups; `entry` is authoritative.
CREATE TABLE audit_records (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform_id text,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  at timestamptz NOT NULL,
  entry text NOT NULL
);
CREATE INDEX audit_records_platform ON audit_records (platform_id, seq);
CREATE INDEX audit_records_subject ON audit_records (subject_type, subject_id);

-- Entries and audit records are immutable: the database refuses to change them.
CREATE FUNCTION custos_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON transfers
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER instruction_events_append_only BEFORE UPDATE OR DELETE ON instruction_events
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
