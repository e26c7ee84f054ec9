-- Regulatory reports: large-value transaction reports (PBOC Order [2016] No. 3 Art. 5) built by a
-- daily batch, and suspicious transaction reports edited by compliance officers. Both are
-- versioned, submitted only after a second person approves (approvals.action = 'report.submit'),
-- and exported as goAML XML. Rules live in src/reports; this file holds what the database
-- enforces too.

-- Exchange rates to CNY for converting foreign-currency amounts against the thresholds.
-- effective_date NULL is the currency's default, used when no dated rate is on or before the
-- business day. The defaults below are indicative only: replace them with the PBOC central
-- parity of each day (PUT /v1/reports/fx-rates/:currency).
CREATE TABLE report_fx_rates (
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$' AND currency <> 'CNY'),
  effective_date date,
  cny_per_unit_micros bigint NOT NULL CHECK (cny_per_unit_micros BETWEEN 1 AND 1000000000000),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX report_fx_rates_dated ON report_fx_rates (currency, effective_date)
  WHERE effective_date IS NOT NULL;
CREATE UNIQUE INDEX report_fx_rates_default ON report_fx_rates (currency)
  WHERE effective_date IS NULL;
INSERT INTO report_fx_rates (currency, effective_date, cny_per_unit_micros, updated_by) VALUES
  ('USD', NULL, 7100000, 'migration'),
  ('EUR', NULL, 7750000, 'migration'),
  ('GBP', NULL, 9100000, 'migration'),
  ('HKD', NULL, 910000, 'migration'),
  ('JPY', NULL, 47000, 'migration');

-- The working-day calendar: Monday to Friday are working days unless listed as 'holiday';
-- Saturdays and Sundays are not unless listed as 'workday' (the make-up days of PRC holidays).
CREATE TABLE report_calendar_days (
  day date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  note text CHECK (note IS NULL OR length(note) <= 200),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Who files: the custodian as the FIU knows it (goAML reporting entity), per platform.
CREATE TABLE report_entities (
  platform_id text PRIMARY KEY REFERENCES platforms (id),
  rentity_id integer NOT NULL CHECK (rentity_id >= 1),
  rentity_branch text NOT NULL CHECK (length(rentity_branch) BETWEEN 1 AND 255),
  reporting_user_code text NOT NULL CHECK (length(reporting_user_code) BETWEEN 4 AND 50),
  institution_name text NOT NULL CHECK (length(institution_name) BETWEEN 1 AND 255),
  institution_code text NOT NULL CHECK (length(institution_code) BETWEEN 1 AND 50),
  address text NOT NULL CHECK (length(address) BETWEEN 1 AND 100),
  city text NOT NULL CHECK (length(city) BETWEEN 1 AND 255),
  country_code text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
  -- FIU code lists (funds, transmode, contact and communication types): the XSD carries only
  -- placeholders, each FIU publishes its own.
  codes jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What goAML needs about a reported customer beyond the sealed personal data (name, ID
-- number and phone stay in customers.personal_data): occupation, nationality, residence, and
-- for entities their registration facts and legal representative.
CREATE TABLE report_subject_profiles (
  platform_id text NOT NULL REFERENCES platforms (id),
  customer_id text NOT NULL REFERENCES customers (id),
  profile jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform_id, customer_id)
);

CREATE TABLE reports (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  kind text NOT NULL CHECK (kind IN ('lvtr', 'str')),
  purpose text NOT NULL CHECK (purpose IN ('new', 'correction', 'deletion')),
  original_report_id text REFERENCES reports (id),
  status text NOT NULL CHECK (status IN ('draft', 'approved', 'submitted')),
  -- LVTR: the CST calendar day the batch covers.
  business_date date,
  str_draft_id text REFERENCES str_drafts (id),
  case_id text,
  current_version integer NOT NULL CHECK (current_version >= 1),
  -- The last working day on which the report is on time.
  deadline_date date NOT NULL,
  submit_approval_id text,
  submit_requested_by text,
  approved_by text,
  approved_version integer,
  approved_at timestamptz,
  submitted_by text,
  submitted_at timestamptz,
  fiu_ref_number text CHECK (fiu_ref_number IS NULL OR length(fiu_ref_number) BETWEEN 1 AND 255),
  overdue_alerted_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((purpose = 'new') = (original_report_id IS NULL)),
  CHECK ((kind = 'lvtr') = (business_date IS NOT NULL)),
  CHECK (status = 'draft' OR (approved_by IS NOT NULL AND approved_version IS NOT NULL)),
  CHECK (status <> 'submitted' OR submitted_at IS NOT NULL),
  -- Four-eyes: the person who asked for submission never approves it.
  CHECK (approved_by IS NULL OR approved_by <> submit_requested_by),
  CHECK (approved_version IS NULL OR approved_version <= current_version)
);
CREATE UNIQUE INDEX reports_lvtr_day ON reports (platform_id, business_date)
  WHERE kind = 'lvtr' AND purpose = 'new';
CREATE UNIQUE INDEX reports_str_draft ON reports (str_draft_id) WHERE str_draft_id IS NOT NULL;
CREATE INDEX reports_platform ON reports (platform_id, id);
CREATE INDEX reports_unsubmitted ON reports (deadline_date) WHERE status <> 'submitted';

-- Every edit is a new version; versions are never changed.
CREATE TABLE report_versions (
  report_id text NOT NULL REFERENCES reports (id),
  version integer NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  note text CHECK (note IS NULL OR length(note) <= 500),
  edited_by text NOT NULL,
  edited_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, version)
);
CREATE TRIGGER report_versions_append_only BEFORE UPDATE OR DELETE ON report_versions
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();

-- The daily batch reads a day of postings; the journal grows in time order, so a BRIN index
-- finds the day's pages at almost no cost to inserts.
CREATE INDEX transfers_created_brin ON transfers USING brin (created_at);
