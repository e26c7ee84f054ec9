-- Compliance: the obligations register (statutes and rules, article by article), the controls
-- that meet them, automated control test runs with their evidence, and record retention.
-- The register's content is a data file (src/compliance/register/obligations-register.json);
-- these tables hold it so runs, owners and links can refer to it.

CREATE TABLE compliance_obligations (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{1,99}$'),
  jurisdiction text NOT NULL CHECK (jurisdiction IN ('CN', 'UK', 'US', 'EU')),
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  article text NOT NULL CHECK (length(article) BETWEEN 1 AND 100),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
  in_force_from date,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE compliance_controls (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9-]{1,39}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  -- The member of staff answerable for the control; none until one is named.
  owner_id text REFERENCES principals (id),
  frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The automated tests of a control (one or more); `kind` names the query in src/compliance.
CREATE TABLE compliance_control_tests (
  control_id text NOT NULL REFERENCES compliance_controls (id),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{1,59}$'),
  PRIMARY KEY (control_id, kind)
);

CREATE TABLE compliance_obligation_controls (
  obligation_id text NOT NULL REFERENCES compliance_obligations (id),
  control_id text NOT NULL REFERENCES compliance_controls (id),
  PRIMARY KEY (obligation_id, control_id)
);
CREATE INDEX compliance_obligation_controls_control ON compliance_obligation_controls (control_id);

-- One result of one control for one platform: the outcome and the evidence behind it (counts,
-- sample ids, the window queried). Kept as history; never changed.
CREATE TABLE compliance_control_runs (
  id text PRIMARY KEY,
  control_id text NOT NULL REFERENCES compliance_controls (id),
  platform_id text REFERENCES platforms (id),
  ran_at timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('pass', 'fail', 'error')),
  evidence jsonb NOT NULL,
  trigger text NOT NULL DEFAULT 'schedule' CHECK (trigger IN ('schedule', 'manual')),
  ran_by text NOT NULL DEFAULT 'system:compliance',
  window_start timestamptz,
  window_end timestamptz,
  CHECK (window_start IS NULL OR window_end IS NULL OR window_start <= window_end)
);
CREATE INDEX compliance_control_runs_latest
  ON compliance_control_runs (platform_id, control_id, ran_at DESC);
CREATE TRIGGER compliance_control_runs_append_only BEFORE UPDATE OR DELETE
  ON compliance_control_runs FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();

-- Retention per platform: which jurisdictions' record-keeping rules apply, and an optional
-- longer period. The period used is the longest of the statutory minimums and the override.
CREATE TABLE retention_policies (
  platform_id text PRIMARY KEY REFERENCES platforms (id),
  jurisdictions text[] NOT NULL CHECK (cardinality(jurisdictions) BETWEEN 1 AND 4
    AND jurisdictions <@ ARRAY['CN', 'UK', 'US', 'EU']::text[]),
  retention_years_override integer CHECK (retention_years_override BETWEEN 1 AND 100),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- When the business relationship ended (AML Law 2024 Art. 34 counts retention from it) and
-- when the customer's personal data was anonymized after retention ran out.
-- Customers closed before this migration get the later of their creation and their last
-- instruction as the end of the relationship.
ALTER TABLE customers
  ADD COLUMN relationship_ended_at timestamptz,
  ADD COLUMN anonymized_at timestamptz;
UPDATE customers c SET relationship_ended_at = greatest(c.created_at,
    (SELECT max(i.created_at) FROM instructions i JOIN accounts a
       ON a.id IN (i.debit_account_id, i.credit_account_id) WHERE a.customer_id = c.id))
  WHERE c.status = 'closed';
ALTER TABLE customers
  ADD CONSTRAINT customers_relationship_end CHECK (relationship_ended_at IS NULL OR status = 'closed'),
  ADD CONSTRAINT customers_anonymized_ended CHECK (anonymized_at IS NULL OR relationship_ended_at IS NOT NULL);
CREATE INDEX customers_relationship_ended ON customers (platform_id, relationship_ended_at)
  WHERE status = 'closed' AND anonymized_at IS NULL;

-- Alerts from failed control tests: a source and a work queue of their own.
ALTER TABLE alerts DROP CONSTRAINT alerts_source_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_source_check
  CHECK (source IN ('rule', 'typology', 'kri', 'reconciliation', 'security', 'compliance'));
ALTER TABLE cases DROP CONSTRAINT cases_queue_check;
ALTER TABLE cases ADD CONSTRAINT cases_queue_check
  CHECK (queue IN ('rules', 'kri', 'reconciliation', 'security', 'compliance'));
