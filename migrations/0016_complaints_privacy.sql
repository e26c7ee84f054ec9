-- Complaints, PIPL privacy requests and per-product risk notices (src/complaints,
-- src/privacy, src/risk-notices). Free text that is personal data is stored sealed by the
-- field encryption of src/security (arrays of enc:v1 pieces, see src/complaints/sealed-text.ts).

-- Deadlines per platform and category; a category without a row uses the built-in default.
CREATE TABLE complaint_policies (
  platform_id text NOT NULL REFERENCES platforms (id),
  category text NOT NULL CHECK (category IN ('unauthorized_transaction', 'service', 'fees',
    'privacy', 'restriction_objection', 'other')),
  acknowledge_amount integer NOT NULL CHECK (acknowledge_amount BETWEEN 1 AND 720),
  acknowledge_unit text NOT NULL CHECK (acknowledge_unit IN ('hours', 'calendar_days', 'working_days')),
  resolve_amount integer NOT NULL CHECK (resolve_amount BETWEEN 1 AND 720),
  resolve_unit text NOT NULL CHECK (resolve_unit IN ('hours', 'calendar_days', 'working_days')),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform_id, category)
);

CREATE TABLE complaints (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  category text NOT NULL CHECK (category IN ('unauthorized_transaction', 'service', 'fees',
    'privacy', 'restriction_objection', 'other')),
  channel text NOT NULL CHECK (channel IN ('portal', 'api', 'staff')),
  state text NOT NULL CHECK (state IN ('received', 'acknowledged', 'investigating', 'escalated',
    'resolved', 'rejected')),
  -- Sealed (personal data): the subject, the customer's account, the answer given.
  subject_sealed text[] NOT NULL,
  description_sealed text[] NOT NULL,
  outcome_sealed text[],
  -- Set when a privacy request erased the text (what is kept is the record of the complaint).
  text_erased_at timestamptz,
  freeze_id text REFERENCES freezes (id),
  instruction_ids text[] NOT NULL DEFAULT '{}',
  case_id text REFERENCES cases (id),
  incident_id text REFERENCES incidents (id),
  external_ref text CHECK (length(external_ref) BETWEEN 1 AND 100),
  acknowledge_due_at timestamptz NOT NULL,
  resolve_due_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  escalated_at timestamptz,
  closed_at timestamptz,
  acknowledge_alerted_at timestamptz,
  resolve_alerted_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((category = 'restriction_objection') = (freeze_id IS NOT NULL)),
  CHECK ((state IN ('resolved', 'rejected')) = (closed_at IS NOT NULL)),
  CHECK (resolve_due_at >= created_at AND acknowledge_due_at >= created_at),
  UNIQUE (platform_id, external_ref)
);
CREATE INDEX complaints_platform ON complaints (platform_id, id);
CREATE INDEX complaints_customer ON complaints (customer_id, created_at);
CREATE INDEX complaints_open ON complaints (resolve_due_at) WHERE closed_at IS NULL;

CREATE TABLE complaint_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  complaint_id text NOT NULL REFERENCES complaints (id),
  platform_id text NOT NULL,
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 50),
  actor text NOT NULL,
  detail jsonb NOT NULL,
  -- The text of an answer or escalation reason, sealed; null for events without one.
  text_sealed text[],
  at timestamptz NOT NULL
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);

CREATE TABLE complaint_attachments (
  id text PRIMARY KEY,
  complaint_id text NOT NULL REFERENCES complaints (id),
  platform_id text NOT NULL,
  file_name_sealed text[] NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 180000),
  sha256 bytea NOT NULL CHECK (length(sha256) = 32),
  content_sealed text[],
  created_at timestamptz NOT NULL,
  UNIQUE (complaint_id, sha256)
);

-- PIPL Arts. 44–47: access and copy (export), correction, deletion.
CREATE TABLE privacy_requests (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('export', 'correction', 'deletion')),
  channel text NOT NULL CHECK (channel IN ('portal', 'api', 'staff')),
  state text NOT NULL CHECK (state IN ('received', 'completed', 'refused')),
  -- A correction's requested values, sealed (JSON of personal fields).
  correction_sealed text[],
  due_at timestamptz NOT NULL,
  -- What was done: for a deletion the list of what was erased and what was kept, and why.
  answer jsonb,
  export_sha256 bytea CHECK (length(export_sha256) = 32),
  export_bytes integer,
  export_sealed text[],
  export_expires_at timestamptz,
  export_downloaded_at timestamptz,
  export_downloaded_by text,
  overdue_alerted_at timestamptz,
  requested_by text NOT NULL,
  decided_by text,
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  CHECK ((state = 'received') = (closed_at IS NULL)),
  CHECK (export_downloaded_at IS NULL OR export_sealed IS NULL)
);
CREATE INDEX privacy_requests_platform ON privacy_requests (platform_id, id);
CREATE INDEX privacy_requests_open ON privacy_requests (due_at) WHERE closed_at IS NULL;

-- Personal data kept under a legal retention period after a deletion request: only stored
-- and protected from then on (PIPL Art. 47, second paragraph).
CREATE TABLE privacy_restrictions (
  customer_id text PRIMARY KEY REFERENCES customers (id),
  platform_id text NOT NULL REFERENCES platforms (id),
  request_id text NOT NULL REFERENCES privacy_requests (id),
  since timestamptz NOT NULL
);

-- Risk disclosures per platform and product, versioned; the newest version is current.
CREATE TABLE risk_notices (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  product_code text NOT NULL CHECK (product_code ~ '^[A-Za-z0-9._-]{1,64}$'),
  version integer NOT NULL CHECK (version >= 1),
  risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
  body_en text NOT NULL CHECK (length(body_en) BETWEEN 1 AND 20000),
  title_zh text NOT NULL CHECK (length(title_zh) BETWEEN 1 AND 200),
  body_zh text NOT NULL CHECK (length(body_zh) BETWEEN 1 AND 20000),
  sha256_en bytea NOT NULL CHECK (length(sha256_en) = 32),
  sha256_zh bytea NOT NULL CHECK (length(sha256_zh) = 32),
  published_by text NOT NULL,
  published_at timestamptz NOT NULL,
  UNIQUE (platform_id, product_code, version)
);

CREATE TABLE risk_notice_acknowledgements (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  notice_id text NOT NULL REFERENCES risk_notices (id),
  product_code text NOT NULL,
  version integer NOT NULL,
  language text NOT NULL CHECK (language IN ('en', 'zh-CN')),
  channel text NOT NULL CHECK (channel IN ('portal', 'api', 'staff')),
  shown_sha256 bytea NOT NULL CHECK (length(shown_sha256) = 32),
  recorded_by text NOT NULL,
  acknowledged_at timestamptz NOT NULL,
  UNIQUE (customer_id, notice_id)
);
CREATE INDEX risk_notice_acks_customer ON risk_notice_acknowledgements (customer_id, product_code);
