-- Field-level envelope encryption of personal data (src/security/field-encryption).
--
-- Each platform has versioned data keys, each wrapped by the master key (which never enters
-- the database). Exactly one version is active (used for writing); earlier versions stay
-- decrypt_only until `custos keys rotate` has re-encrypted every row under the active one,
-- then become retired and their wrapped key is erased.
CREATE TABLE data_keys (
  platform_id text NOT NULL REFERENCES platforms (id),
  version integer NOT NULL CHECK (version BETWEEN 1 AND 1000000000),
  wrapped_key bytea CHECK (length(wrapped_key) BETWEEN 1 AND 8192),
  master_key_id text NOT NULL CHECK (length(master_key_id) BETWEEN 1 AND 200),
  status text NOT NULL CHECK (status IN ('active', 'decrypt_only', 'retired')),
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  PRIMARY KEY (platform_id, version),
  CHECK ((status = 'retired') = (wrapped_key IS NULL)),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);
CREATE UNIQUE INDEX data_keys_one_active ON data_keys (platform_id) WHERE status = 'active';

-- The root of a platform's blind index keys. It does not rotate with the data keys: index
-- values must stay stable for lookups to work. Master key rotation rewraps it.
CREATE TABLE blind_index_keys (
  platform_id text PRIMARY KEY REFERENCES platforms (id),
  wrapped_key bytea NOT NULL CHECK (length(wrapped_key) BETWEEN 1 AND 8192),
  master_key_id text NOT NULL CHECK (length(master_key_id) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Derived from the sealed personal data, so they can never disagree with it: the key version
-- (NULL for rows still in clear, version 0) and the truncated blind indexes.
ALTER TABLE customers
  ADD COLUMN personal_data_key_version integer
    GENERATED ALWAYS AS ((personal_data ->> 'k')::integer) STORED,
  ADD COLUMN id_number_index integer
    GENERATED ALWAYS AS ((personal_data -> 'idx' ->> 'idNumber')::integer) STORED,
  ADD COLUMN phone_index integer
    GENERATED ALWAYS AS ((personal_data -> 'idx' ->> 'phone')::integer) STORED;
CREATE INDEX customers_id_number_index ON customers (platform_id, id_number_index)
  WHERE id_number_index IS NOT NULL;
CREATE INDEX customers_phone_index ON customers (platform_id, phone_index)
  WHERE phone_index IS NOT NULL;
CREATE INDEX customers_personal_data_key_version
  ON customers (platform_id, personal_data_key_version);

ALTER TABLE customer_bank_accounts
  ADD COLUMN personal_data_key_version integer
    GENERATED ALWAYS AS ((personal_data ->> 'k')::integer) STORED,
  ADD COLUMN account_number_index integer
    GENERATED ALWAYS AS ((personal_data -> 'idx' ->> 'accountNumber')::integer) STORED;
CREATE INDEX customer_bank_accounts_account_number_index
  ON customer_bank_accounts (platform_id, account_number_index)
  WHERE account_number_index IS NOT NULL;
CREATE INDEX customer_bank_accounts_personal_data_key_version
  ON customer_bank_accounts (platform_id, personal_data_key_version);
