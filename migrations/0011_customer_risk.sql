-- Customer risk rating (risk-based approach, AML Law 2024 Arts. 4, 27, 29, 30): the scoring
-- model as data, every rating kept, overrides by compliance, review cadence, enhanced due
-- diligence checklists and the beneficial owners of entity customers. Rules live in
-- src/customer-risk (RISK-RATING.md); this file holds what the database enforces too.

-- Scoring models per platform, versioned; the newest version is the one in force. A platform
-- without a stored model is rated by the built-in default (DEFAULT_RISK_MODEL).
CREATE TABLE customer_risk_models (
  platform_id text NOT NULL REFERENCES platforms (id),
  version integer NOT NULL CHECK (version >= 1),
  model jsonb NOT NULL,
  note text CHECK (note IS NULL OR length(note) <= 500),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform_id, version)
);
CREATE TRIGGER customer_risk_models_append_only BEFORE UPDATE OR DELETE ON customer_risk_models
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();

-- What the risk model needs about a customer that the books and the reporting profile
-- (report_subject_profiles: occupation, nationality, residence, incorporation country,
-- business) do not hold: occupation and industry categories, products, the onboarding
-- channel and PEP status as declared or found by compliance.
CREATE TABLE customer_risk_attributes (
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  occupation_category text CHECK (occupation_category ~ '^[a-z_]{1,40}$'),
  industry_category text CHECK (industry_category ~ '^[a-z_]{1,40}$'),
  products text[] NOT NULL DEFAULT '{}' CHECK (cardinality(products) <= 20),
  onboarding_channel text NOT NULL DEFAULT 'remote'
    CHECK (onboarding_channel IN ('face_to_face', 'remote')),
  pep_status text NOT NULL DEFAULT 'none'
    CHECK (pep_status IN ('none', 'domestic', 'foreign', 'international_org', 'associate')),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform_id, customer_id)
);

-- Every rating ever given, computed or overridden. Never changed.
CREATE TABLE customer_risk_ratings (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  model_version integer NOT NULL CHECK (model_version >= 0),
  score integer NOT NULL CHECK (score >= 0),
  computed_level text NOT NULL CHECK (computed_level IN ('low', 'medium', 'high')),
  level text NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  reasons jsonb NOT NULL,
  trigger text NOT NULL
    CHECK (trigger IN ('on_demand', 'batch', 'input_changed', 'override', 'review')),
  note text CHECK (note IS NULL OR length(note) <= 500),
  rated_by text NOT NULL,
  rated_at timestamptz NOT NULL
);
CREATE INDEX customer_risk_ratings_customer ON customer_risk_ratings (customer_id, rated_at);
CREATE TRIGGER customer_risk_ratings_append_only BEFORE UPDATE OR DELETE ON customer_risk_ratings
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();

-- The rating in force per customer: the latest computation, a compliance override if any,
-- and the review clock.
CREATE TABLE customer_risk_state (
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  rating_id text NOT NULL REFERENCES customer_risk_ratings (id),
  score integer NOT NULL CHECK (score >= 0),
  computed_level text NOT NULL CHECK (computed_level IN ('low', 'medium', 'high')),
  level text NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  override_level text CHECK (override_level IN ('low', 'medium', 'high')),
  override_reason text,
  override_by text,
  override_approved_by text,
  -- The computed score when the override was set: a later rating above it lapses the override.
  override_base_score integer,
  override_approval_id text,
  rated_at timestamptz NOT NULL,
  last_reviewed_at timestamptz NOT NULL,
  next_review_date date NOT NULL,
  review_alerted_for date,
  PRIMARY KEY (platform_id, customer_id),
  CHECK ((override_level IS NULL) = (override_reason IS NULL)),
  CHECK ((override_level IS NULL) = (override_by IS NULL)),
  CHECK (override_reason IS NULL OR length(btrim(override_reason)) >= 10),
  CHECK (override_approved_by IS NULL OR override_approved_by <> override_by),
  CHECK (override_level IS NULL OR level = override_level),
  CHECK (override_level IS NOT NULL OR level = computed_level)
);
CREATE INDEX customer_risk_state_level ON customer_risk_state (platform_id, level);
CREATE INDEX customer_risk_state_review ON customer_risk_state (next_review_date);

-- Enhanced due diligence: the checklist items a customer's level requires, as recorded.
CREATE TABLE customer_edd_items (
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  item text NOT NULL CHECK (item ~ '^[a-z_]{1,40}$'),
  status text NOT NULL CHECK (status IN ('pending', 'done', 'waived')),
  note text CHECK (note IS NULL OR length(note) <= 500),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform_id, customer_id, item),
  CHECK (status = 'pending' OR (note IS NOT NULL AND length(btrim(note)) >= 3))
);

-- Beneficial owners of entity customers (AML Law Art. 29; CDD Measures 2025). The name is
-- personal data, sealed like the customers' (src/security/personal-data.ts). A natural person
-- owning 25% or more, or controlling by other means, is an ultimate beneficial owner.
CREATE TABLE customer_beneficial_owners (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  personal_data jsonb NOT NULL,
  ownership_bp integer NOT NULL CHECK (ownership_bp BETWEEN 0 AND 10000),
  control_type text NOT NULL
    CHECK (control_type IN ('ownership', 'voting_rights', 'board_control', 'senior_manager', 'other_means')),
  nationality text CHECK (nationality ~ '^[A-Z]{2}$'),
  is_ubo boolean GENERATED ALWAYS AS (ownership_bp >= 2500 OR control_type <> 'ownership') STORED,
  personal_data_key_version integer
    GENERATED ALWAYS AS ((personal_data ->> 'k')::integer) STORED,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_beneficial_owners_customer ON customer_beneficial_owners (customer_id);
CREATE INDEX customer_beneficial_owners_key_version
  ON customer_beneficial_owners (platform_id, personal_data_key_version);
