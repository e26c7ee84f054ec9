-- Risk register (seed chapter 2): risks per platform with owner, 5×5 inherent and residual
-- assessment, linked compliance controls, appetite and tolerance, treatment and review dates;
-- every assessment kept. Loss events (incidents and near misses) with recoveries, linked to
-- risks, cases and incidents. Partners (banks, payment channels, guarantors, technology
-- providers) with due diligence, qualifications and their expiry, and review schedules.

CREATE TABLE risks (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9-]{1,31}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) <= 4000),
  category text NOT NULL CHECK (category IN ('misappropriation', 'operational', 'compliance',
    'technical', 'partner', 'liquidity', 'credit')),
  cause text NOT NULL CHECK (length(cause) BETWEEN 1 AND 2000),
  consequence text NOT NULL CHECK (length(consequence) BETWEEN 1 AND 2000),
  owner_id text NOT NULL REFERENCES principals (id),
  inherent_likelihood smallint NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 5),
  inherent_impact smallint NOT NULL CHECK (inherent_impact BETWEEN 1 AND 5),
  residual_likelihood smallint NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),
  residual_impact smallint NOT NULL CHECK (residual_impact BETWEEN 1 AND 5),
  appetite_score smallint NOT NULL CHECK (appetite_score BETWEEN 1 AND 25),
  tolerance_score smallint NOT NULL CHECK (tolerance_score BETWEEN 1 AND 25),
  treatment text NOT NULL CHECK (treatment IN ('avoid', 'reduce', 'transfer', 'accept')),
  treatment_plan text NOT NULL CHECK (length(treatment_plan) <= 2000),
  -- Insurance or a guarantee that carries part of the impact (treatment 'transfer').
  transfer_cover text CHECK (length(transfer_cover) BETWEEN 1 AND 500),
  review_cadence_days integer NOT NULL CHECK (review_cadence_days BETWEEN 7 AND 730),
  next_review_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'retired')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (platform_id, code),
  CHECK (appetite_score <= tolerance_score),
  CHECK (residual_likelihood * residual_impact <= inherent_likelihood * inherent_impact),
  CHECK ((treatment = 'transfer') OR transfer_cover IS NULL)
);
CREATE INDEX risks_owner ON risks (owner_id, next_review_on);
CREATE INDEX risks_review ON risks (platform_id, status, next_review_on);

-- A compliance control that mitigates a risk: preventive controls lower likelihood, detective
-- and corrective ones lower impact, by their effectiveness (src/risk-register/RISK-REGISTER.md).
CREATE TABLE risk_controls (
  risk_id text NOT NULL REFERENCES risks (id),
  control_id text NOT NULL REFERENCES compliance_controls (id),
  control_kind text NOT NULL CHECK (control_kind IN ('preventive', 'detective', 'corrective')),
  declared_effectiveness text NOT NULL CHECK (declared_effectiveness IN
    ('effective', 'partially_effective', 'ineffective', 'not_tested')),
  linked_by text NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (risk_id, control_id)
);
CREATE INDEX risk_controls_control ON risk_controls (control_id);

-- Every assessment: the scores before and after controls, and the control basis used.
CREATE TABLE risk_assessments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  risk_id text NOT NULL REFERENCES risks (id),
  platform_id text NOT NULL REFERENCES platforms (id),
  reason text NOT NULL CHECK (reason IN ('created', 'assessed', 'controls_changed',
    'control_results', 'treatment_changed')),
  inherent_likelihood smallint NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 5),
  inherent_impact smallint NOT NULL CHECK (inherent_impact BETWEEN 1 AND 5),
  residual_likelihood smallint NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),
  residual_impact smallint NOT NULL CHECK (residual_impact BETWEEN 1 AND 5),
  tolerance_status text NOT NULL CHECK (tolerance_status IN
    ('within_appetite', 'above_appetite', 'above_tolerance')),
  control_basis jsonb NOT NULL,
  note text CHECK (length(note) <= 2000),
  assessed_by text NOT NULL,
  assessed_at timestamptz NOT NULL
);
CREATE INDEX risk_assessments_risk ON risk_assessments (risk_id, id DESC);
CREATE TRIGGER risk_assessments_append_only BEFORE UPDATE OR DELETE ON risk_assessments
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();

-- Review reminders sent to an owner: one per subject and due date.
CREATE TABLE risk_review_reminders (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  subject_type text NOT NULL CHECK (subject_type IN ('risk', 'partner', 'qualification')),
  subject_id text NOT NULL,
  owner_id text NOT NULL REFERENCES principals (id),
  due_on date NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (subject_type, subject_id, due_on)
);
CREATE INDEX risk_review_reminders_owner ON risk_review_reminders (owner_id, due_on);

CREATE TABLE loss_events (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) <= 4000),
  kind text NOT NULL CHECK (kind IN ('loss', 'near_miss')),
  cause_category text NOT NULL CHECK (cause_category IN ('misappropriation', 'operational',
    'compliance', 'technical', 'partner', 'liquidity', 'credit')),
  cause text NOT NULL CHECK (length(cause) BETWEEN 1 AND 2000),
  occurred_on date NOT NULL,
  discovered_on date NOT NULL,
  booked_on date,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  gross_loss_minor bigint NOT NULL CHECK (gross_loss_minor >= 0),
  -- What a near miss would have cost; zero for a loss.
  potential_loss_minor bigint NOT NULL CHECK (potential_loss_minor >= 0),
  recovery_insurance_minor bigint NOT NULL CHECK (recovery_insurance_minor >= 0),
  recovery_guarantee_minor bigint NOT NULL CHECK (recovery_guarantee_minor >= 0),
  recovery_other_minor bigint NOT NULL CHECK (recovery_other_minor >= 0),
  net_loss_minor bigint NOT NULL CHECK (net_loss_minor >= 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (discovered_on >= occurred_on),
  CHECK (booked_on IS NULL OR booked_on >= discovered_on),
  CHECK (kind = 'loss' OR gross_loss_minor = 0),
  CHECK (kind = 'near_miss' OR potential_loss_minor = 0),
  CHECK (net_loss_minor = gross_loss_minor - recovery_insurance_minor
    - recovery_guarantee_minor - recovery_other_minor)
);
CREATE INDEX loss_events_platform ON loss_events (platform_id, occurred_on DESC, id DESC);

CREATE TABLE loss_event_links (
  loss_event_id text NOT NULL REFERENCES loss_events (id),
  target_type text NOT NULL CHECK (target_type IN ('risk', 'case', 'incident')),
  target_id text NOT NULL,
  PRIMARY KEY (loss_event_id, target_type, target_id)
);
CREATE INDEX loss_event_links_target ON loss_event_links (target_type, target_id);

CREATE TABLE partners (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('bank', 'payment_channel', 'guarantor',
    'technology_provider', 'other')),
  services text NOT NULL CHECK (length(services) <= 2000),
  owner_id text NOT NULL REFERENCES principals (id),
  rating text CHECK (rating IN ('A', 'B', 'C', 'D', 'E')),
  review_cadence_days integer NOT NULL CHECK (review_cadence_days BETWEEN 7 AND 730),
  next_review_on date NOT NULL,
  last_reviewed_on date,
  status text NOT NULL CHECK (status IN ('active', 'terminated')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (platform_id, name)
);
CREATE INDEX partners_owner ON partners (owner_id, next_review_on);

CREATE TABLE partner_due_diligence (
  id text PRIMARY KEY,
  partner_id text NOT NULL REFERENCES partners (id),
  platform_id text NOT NULL REFERENCES platforms (id),
  reviewed_on date NOT NULL,
  reviewer_id text NOT NULL REFERENCES principals (id),
  scope text NOT NULL CHECK (scope IN ('onboarding', 'periodic', 'event_driven')),
  findings text NOT NULL CHECK (length(findings) BETWEEN 1 AND 4000),
  rating text NOT NULL CHECK (rating IN ('A', 'B', 'C', 'D', 'E')),
  next_review_on date NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (next_review_on > reviewed_on)
);
CREATE INDEX partner_due_diligence_partner ON partner_due_diligence (partner_id, reviewed_on DESC);

CREATE TABLE partner_qualifications (
  id text PRIMARY KEY,
  partner_id text NOT NULL REFERENCES partners (id),
  platform_id text NOT NULL REFERENCES platforms (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 200),
  reference text NOT NULL CHECK (length(reference) <= 200),
  valid_from date NOT NULL,
  expires_on date,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (expires_on IS NULL OR expires_on > valid_from)
);
CREATE INDEX partner_qualifications_expiry ON partner_qualifications (platform_id, expires_on);

CREATE TABLE partner_risks (
  partner_id text NOT NULL REFERENCES partners (id),
  risk_id text NOT NULL REFERENCES risks (id),
  PRIMARY KEY (partner_id, risk_id)
);
CREATE INDEX partner_risks_risk ON partner_risks (risk_id);

