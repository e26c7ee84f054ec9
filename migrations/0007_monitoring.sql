-- Monitoring: rule and typology definitions as versioned data per platform, the position of
-- the evaluator in the committed event feed (the audit log, in leaf order), engine snapshots
-- for restarts, and key risk indicators with their readings.

-- One row per version of a rule or typology of a platform. A draft becomes active through a
-- four-eyes approval (action rule.activate); activating retires the previous active version.
CREATE TABLE monitoring_rules (
  platform_id text NOT NULL REFERENCES platforms (id),
  rule_id text NOT NULL CHECK (rule_id ~ '^[a-z0-9_.-]{1,100}$'),
  version integer NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('rule', 'typology')),
  status text NOT NULL CHECK (status IN ('draft', 'pending_activation', 'active', 'retired')),
  definition jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  activation_approval_id text,
  activated_by text,
  activated_at timestamptz,
  retired_at timestamptz,
  PRIMARY KEY (platform_id, rule_id, version)
);
CREATE UNIQUE INDEX monitoring_rules_one_active
  ON monitoring_rules (platform_id, rule_id) WHERE status = 'active';

-- How far the evaluator has read the committed feed, and the alerts it wrote up to there: the
-- position and the alerts of a batch of events commit in one transaction.
CREATE TABLE monitoring_cursor (
  consumer text PRIMARY KEY CHECK (length(consumer) BETWEEN 1 AND 100),
  leaf_index bigint NOT NULL CHECK (leaf_index >= -1),
  events bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The engine's windowed state at a feed position, so a restart restores it and replays only
-- the events after it. Older snapshots are deleted when a newer one is written.
CREATE TABLE monitoring_snapshots (
  consumer text NOT NULL,
  leaf_index bigint NOT NULL,
  pack_fingerprint text NOT NULL,
  snapshot text NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, leaf_index)
);

-- Key risk indicators: thresholds per platform (defaults in code), readings on a schedule.
CREATE TABLE kri_readings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  kri_id text NOT NULL CHECK (length(kri_id) BETWEEN 1 AND 100),
  value double precision NOT NULL,
  status text NOT NULL CHECK (status IN ('green', 'amber', 'red')),
  detail jsonb NOT NULL,
  read_at timestamptz NOT NULL
);
CREATE INDEX kri_readings_platform ON kri_readings (platform_id, kri_id, read_at DESC);

CREATE TABLE kri_thresholds (
  platform_id text NOT NULL REFERENCES platforms (id),
  kri_id text NOT NULL,
  amber_at double precision NOT NULL,
  red_at double precision NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform_id, kri_id)
);

-- Context a platform sends with an instruction (device, client address, cash, cross-border),
-- for monitoring. Device and address are stored only as keyed hashes: rules compare them for
-- equality, and the clear values (personal data) never reach the database.
ALTER TABLE instructions ADD COLUMN channel jsonb;

-- Small secrets Custos generates for itself, sealed under the master key.
CREATE TABLE sealed_secrets (
  name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
  sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
