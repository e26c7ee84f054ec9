-- Sanctions and watchlist screening (src/screening, described in src/screening/SCREENING.md).
--
-- Lists are shared by every platform. Each import of a list is a new version identified by
-- the SHA-256 of its files; the current version of a list is its highest. Entries of every
-- version are kept, so a past screening can be explained against the list it ran on.
CREATE TABLE screening_list_versions (
  id text PRIMARY KEY,
  list_kind text NOT NULL CHECK (list_kind IN ('un', 'ofac', 'opensanctions', 'internal')),
  list_name text NOT NULL CHECK (list_name ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
  version integer NOT NULL CHECK (version >= 1),
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  entry_count integer NOT NULL CHECK (entry_count >= 1),
  name_count integer NOT NULL CHECK (name_count >= entry_count),
  source_date text CHECK (length(source_date) <= 64),
  licence text CHECK (length(licence) <= 500),
  warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (list_kind, list_name, version)
);

CREATE TABLE screening_entries (
  list_version_id text NOT NULL REFERENCES screening_list_versions (id),
  entry_key text NOT NULL CHECK (length(entry_key) BETWEEN 3 AND 300),
  entry_type text NOT NULL
    CHECK (entry_type IN ('individual', 'entity', 'vessel', 'aircraft', 'unknown')),
  reference text NOT NULL,
  -- [{name, quality}], [{year, month, day, toYear}], ["IR", …], ["SDGT", …]
  names jsonb NOT NULL,
  dobs jsonb NOT NULL,
  countries jsonb NOT NULL,
  programmes jsonb NOT NULL,
  remarks text,
  PRIMARY KEY (list_version_id, entry_key)
);

-- The latest screening of each party (a customer, or the holder of a bank account).
CREATE TABLE screening_results (
  platform_id text NOT NULL REFERENCES platforms (id),
  party_kind text NOT NULL CHECK (party_kind IN ('customer', 'bank_account')),
  party_id text NOT NULL,
  customer_id text NOT NULL,
  lists_fingerprint text NOT NULL,
  best_score double precision NOT NULL CHECK (best_score BETWEEN 0 AND 1),
  hit_count integer NOT NULL CHECK (hit_count >= 0),
  -- Hits at or above the threshold: entry, score and explanation; the party's own name
  -- tokens appear masked (the name itself stays sealed in personal_data).
  hits jsonb NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('onboarding', 'rescreen', 'manual')),
  screened_at timestamptz NOT NULL,
  PRIMARY KEY (platform_id, party_kind, party_id)
);
CREATE INDEX screening_results_hits ON screening_results (platform_id) WHERE hit_count > 0;

-- One review per (subject, list entry): a customer's hit, or an instruction held because a
-- party to it matched. Strong hits released as false positives need a second person.
CREATE TABLE screening_reviews (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  subject_kind text NOT NULL CHECK (subject_kind IN ('customer', 'instruction')),
  subject_id text NOT NULL,
  party_kind text NOT NULL CHECK (party_kind IN ('customer', 'bank_account')),
  party_id text NOT NULL,
  customer_id text,
  entry_key text NOT NULL,
  list_version_id text NOT NULL REFERENCES screening_list_versions (id),
  entry_name text NOT NULL,
  score double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
  explanation jsonb NOT NULL,
  -- The instruction was held by monitoring too: clearing the screening does not release it.
  other_holds boolean NOT NULL DEFAULT false,
  status text NOT NULL
    CHECK (status IN ('open', 'release_proposed', 'true_match', 'false_positive')),
  alert_key text NOT NULL,
  proposed_by text,
  proposed_at timestamptz,
  proposal_reason text CHECK (length(proposal_reason) <= 1000),
  decided_by text,
  decided_at timestamptz,
  decision_reason text CHECK (length(decision_reason) <= 1000),
  instruction_released boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('true_match', 'false_positive')) = (decided_by IS NOT NULL)),
  CHECK ((status = 'release_proposed') <= (proposed_by IS NOT NULL)),
  CHECK (decided_by IS NULL OR proposed_by IS NULL OR status <> 'false_positive'
         OR decided_by <> proposed_by)
);
CREATE UNIQUE INDEX screening_reviews_one_open
  ON screening_reviews (platform_id, subject_kind, subject_id, entry_key)
  WHERE status IN ('open', 'release_proposed');
CREATE INDEX screening_reviews_platform ON screening_reviews (platform_id, status, id);

-- A false positive, remembered per party and entry so it does not fire again while the
-- party's name stays the same (name_fingerprint: SHA-256 of the normalized name).
CREATE TABLE screening_whitelist (
  platform_id text NOT NULL REFERENCES platforms (id),
  party_kind text NOT NULL CHECK (party_kind IN ('customer', 'bank_account')),
  party_id text NOT NULL,
  entry_key text NOT NULL,
  name_fingerprint text NOT NULL CHECK (name_fingerprint ~ '^[0-9a-f]{64}$'),
  review_id text NOT NULL REFERENCES screening_reviews (id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform_id, party_kind, party_id, entry_key)
);

-- Rescreening every party after a list changes, with progress.
CREATE TABLE screening_rescreen_runs (
  id text PRIMARY KEY,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  lists_fingerprint text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  parties_total integer NOT NULL CHECK (parties_total >= 0),
  parties_done integer NOT NULL CHECK (parties_done >= 0),
  parties_hit integer NOT NULL DEFAULT 0 CHECK (parties_hit >= 0),
  reviews_opened integer NOT NULL DEFAULT 0 CHECK (reviews_opened >= 0),
  error text CHECK (length(error) <= 2000),
  started_by text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK ((status = 'running') = (finished_at IS NULL))
);
