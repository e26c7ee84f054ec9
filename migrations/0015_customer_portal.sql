-- Customer portal: customers as principals (passkey sign-in, portal sessions), their passkey
-- credentials, enrolment links, one-time WebAuthn challenges, payment requests that wait for
-- the customer's passkey, and the stored evidence of each passkey authorization.

-- A customer is a principal of kind and role 'customer', bound to one platform.
ALTER TABLE principals DROP CONSTRAINT principals_kind_check;
ALTER TABLE principals
  ADD CONSTRAINT principals_kind_check CHECK (kind IN ('platform', 'staff', 'customer'));
ALTER TABLE principals DROP CONSTRAINT principals_check;
ALTER TABLE principals
  ADD CONSTRAINT principals_platform_matches_kind
    CHECK ((kind IN ('platform', 'customer')) = (platform_id IS NOT NULL));
ALTER TABLE principals DROP CONSTRAINT principals_role_known;
ALTER TABLE principals
  ADD CONSTRAINT principals_role_known CHECK (role IN
    ('admin', 'operator', 'risk_analyst', 'compliance_officer', 'auditor', 'regulator', 'platform',
     'customer'));
ALTER TABLE principals
  ADD CONSTRAINT principals_customer_role_matches_kind CHECK ((kind = 'customer') = (role = 'customer'));

-- Which customer a customer principal is: one principal per customer.
CREATE TABLE customer_principals (
  principal_id text PRIMARY KEY REFERENCES principals (id),
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL UNIQUE REFERENCES customers (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Passkeys (WebAuthn credentials). The id is the credential id (base64url); the public key is
-- the COSE key from the attestation; the signature counter only ever grows.
CREATE TABLE passkey_credentials (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 16 AND 1400),
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  principal_id text NOT NULL REFERENCES principals (id),
  public_key bytea NOT NULL CHECK (length(public_key) BETWEEN 16 AND 2048),
  sign_count bigint NOT NULL DEFAULT 0 CHECK (sign_count >= 0),
  transports text[] NOT NULL DEFAULT '{}',
  device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX passkey_credentials_customer ON passkey_credentials (customer_id)
  WHERE revoked_at IS NULL;

-- One-time enrolment links a platform gives its customer; only the token's SHA-256 is kept.
CREATE TABLE passkey_enrolments (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  token_hash bytea NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  credential_id text REFERENCES passkey_credentials (id),
  CHECK ((used_at IS NULL) = (credential_id IS NULL))
);

-- Challenges the server issued for registration or sign-in; each is used once.
CREATE TABLE webauthn_challenges (
  challenge bytea PRIMARY KEY CHECK (length(challenge) = 32),
  purpose text NOT NULL CHECK (purpose IN ('registration', 'sign_in')),
  enrolment_id text REFERENCES passkey_enrolments (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CHECK ((purpose = 'registration') = (enrolment_id IS NOT NULL))
);
CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges (expires_at);

-- A customer debit the platform submitted for the customer to authorize with a passkey.
-- Nothing moves until the customer does; the instruction it becomes carries the same nonce,
-- so (auth_customer_id, auth_nonce) on instructions makes the authorization single use.
CREATE TABLE payment_requests (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 100),
  request_hash bytea NOT NULL,
  type text NOT NULL CHECK (type IN ('withdrawal', 'transfer', 'fee')),
  payer_account_id text NOT NULL REFERENCES accounts (id),
  payee_account_id text REFERENCES accounts (id),
  bank_account_id text,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  purpose text NOT NULL,
  nonce text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  UNIQUE (platform_id, idempotency_key),
  UNIQUE (customer_id, nonce)
);
CREATE INDEX payment_requests_customer ON payment_requests (customer_id, created_at);

ALTER TABLE instructions DROP CONSTRAINT instructions_authorization_kind_check;
ALTER TABLE instructions
  ADD CONSTRAINT instructions_authorization_kind_check
    CHECK (authorization_kind IN ('signature', 'mandate', 'none', 'passkey'));

-- The signed WebAuthn assertion behind a passkey-authorized instruction, kept so anyone can
-- re-verify it later against the credential's public key.
CREATE TABLE passkey_authorizations (
  instruction_id text PRIMARY KEY REFERENCES instructions (id),
  platform_id text NOT NULL,
  customer_id text NOT NULL,
  credential_id text NOT NULL REFERENCES passkey_credentials (id),
  payment_request_id text REFERENCES payment_requests (id),
  nonce text NOT NULL,
  expires_at text NOT NULL,
  challenge bytea NOT NULL CHECK (length(challenge) = 32),
  authenticator_data bytea NOT NULL,
  client_data_json bytea NOT NULL,
  signature bytea NOT NULL,
  user_handle text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER passkey_authorizations_append_only BEFORE UPDATE OR DELETE ON passkey_authorizations
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
