-- Access control: people who sign in, their sessions, roles, regulators' supervision scope,
-- API key rotation with overlap, and one four-eyes mechanism for every sensitive action.

-- Roles are a closed set (src/security/permissions.ts).
ALTER TABLE principals
  ADD CONSTRAINT principals_role_known CHECK (role IN
    ('admin', 'operator', 'risk_analyst', 'compliance_officer', 'auditor', 'regulator', 'platform')),
  ADD CONSTRAINT principals_role_matches_kind CHECK ((kind = 'platform') = (role = 'platform'));

-- Staff who sign in to the console: a login name, an argon2id password hash and a TOTP
-- secret (sealed with the master key). Service accounts (CLI, automation) use API keys only.
ALTER TABLE principals
  ADD COLUMN login text UNIQUE CHECK (login ~ '^[a-z0-9._-]{3,64}$'),
  ADD COLUMN password_hash text,
  ADD COLUMN password_changed_at timestamptz,
  ADD COLUMN totp_secret text,
  ADD COLUMN totp_enrolled_at timestamptz,
  ADD COLUMN totp_last_step bigint,
  ADD COLUMN failed_signins integer NOT NULL DEFAULT 0,
  ADD COLUMN locked_until timestamptz,
  ADD COLUMN disabled_at timestamptz,
  -- A new member of staff, or a new role, takes effect when a second admin approves it.
  ADD COLUMN activated_at timestamptz;
UPDATE principals SET activated_at = created_at;

-- A regulator reads only the platforms it supervises.
CREATE TABLE principal_platforms (
  principal_id text NOT NULL REFERENCES principals (id),
  platform_id text NOT NULL REFERENCES platforms (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal_id, platform_id)
);

-- Console sessions. Only the SHA-256 of the cookie value is stored.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  principal_id text NOT NULL REFERENCES principals (id),
  token_hash bytea NOT NULL UNIQUE,
  -- 'totp_enrolment' sessions may only finish enrolling a second factor.
  stage text NOT NULL CHECK (stage IN ('active', 'totp_enrolment')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_principal ON sessions (principal_id) WHERE revoked_at IS NULL;

-- API keys: a label, an expiry (the old key's overlap after a rotation), and activation: a
-- rotated key is created inactive and becomes usable when a second person approves.
ALTER TABLE api_keys
  ADD COLUMN label text NOT NULL DEFAULT 'default' CHECK (length(label) BETWEEN 1 AND 100),
  ADD COLUMN expires_at timestamptz,
  ADD COLUMN activated_at timestamptz;
UPDATE api_keys SET activated_at = created_at;
CREATE INDEX api_keys_principal ON api_keys (principal_id);

-- Approvals name the permission a decider needs; requests of any action share one table.
ALTER TABLE approvals ADD COLUMN decider_permission text;
CREATE INDEX approvals_action_open ON approvals (action) WHERE status = 'open';
