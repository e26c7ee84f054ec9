-- Alerts, cases, emergency incidents and notifications. Alerts from every source (monitoring
-- rules and typologies, KRIs, reconciliation, security events) are deduplicated per platform
-- and key, and grouped into one open case per platform and customer. Cases carry a state, an
-- assignee, an SLA per severity and an append-only timeline. Rules for all of it live in
-- src/cases (pure) and src/notify; this file holds the constraints the database enforces too.

-- How long a case of each severity may stay unclosed, and when (as a share of that time, in
-- basis points) a warning goes out. Defaults: critical 4 h, high 24 h, medium 72 h, low 7 d,
-- warning at 75 %.
CREATE TABLE case_sla_policies (
  severity text PRIMARY KEY CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  resolve_within_ms bigint NOT NULL CHECK (resolve_within_ms BETWEEN 60000 AND 31536000000),
  warning_basis_points integer NOT NULL CHECK (warning_basis_points BETWEEN 1 AND 9999),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO case_sla_policies (severity, resolve_within_ms, warning_basis_points, updated_by)
VALUES
  ('critical', 14400000, 7500, 'migration'),
  ('high', 86400000, 7500, 'migration'),
  ('medium', 259200000, 7500, 'migration'),
  ('low', 604800000, 7500, 'migration');

-- One case per group (a customer of a platform, or a platform-level source) while it is open.
-- customer_id carries no foreign key: alerts may name a customer that a replayed file knew
-- of, and a missing customer must not make a whole batch of alerts fail.
CREATE TABLE cases (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  group_key text NOT NULL CHECK (length(group_key) BETWEEN 1 AND 200),
  customer_id text,
  queue text NOT NULL CHECK (queue IN ('rules', 'kri', 'reconciliation', 'security')),
  state text NOT NULL CHECK (state IN ('open', 'investigating', 'escalated', 'closed')),
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  priority smallint NOT NULL CHECK (priority BETWEEN 1 AND 4),
  assignee_id text,
  alert_count integer NOT NULL CHECK (alert_count >= 1),
  opened_at timestamptz NOT NULL,
  triaged_at timestamptz,
  sla_started_at timestamptz NOT NULL,
  sla_warn_at timestamptz NOT NULL,
  sla_due_at timestamptz NOT NULL,
  sla_warned_at timestamptz,
  sla_breached_at timestamptz,
  -- The open four-eyes request to close this case, if any (approvals.action = 'case.close').
  close_approval_id text,
  disposition text CHECK (
    disposition IN ('false_positive', 'confirmed_reported', 'frozen', 'referred', 'remediated')
  ),
  close_reason text,
  closed_by text,
  close_approved_by text,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL,
  CHECK (sla_started_at <= sla_warn_at AND sla_warn_at <= sla_due_at),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
  -- PBOC Order 3 Art. 13: the reason an alert was excluded is recorded. No closure without it.
  CHECK (
    state <> 'closed'
    OR (disposition IS NOT NULL AND close_reason IS NOT NULL AND length(btrim(close_reason)) >= 10)
  ),
  CHECK (close_approved_by IS NULL OR close_approved_by <> closed_by)
);
CREATE UNIQUE INDEX cases_open_group ON cases (platform_id, group_key) WHERE state <> 'closed';
CREATE INDEX cases_platform ON cases (platform_id, id);
CREATE INDEX cases_open_sla ON cases (sla_warn_at) WHERE state <> 'closed';
CREATE INDEX cases_assignee ON cases (assignee_id) WHERE state <> 'closed';

-- Alerts. Deduplicated on (platform_id, alert_key): a repeat raises occurrences and
-- last_seen_at. No foreign keys: alerts arrive in batches from monitoring.
CREATE TABLE alerts (
  id text PRIMARY KEY,
  platform_id text NOT NULL,
  alert_key text NOT NULL CHECK (length(alert_key) BETWEEN 1 AND 200),
  source text NOT NULL
    CHECK (source IN ('rule', 'typology', 'kri', 'reconciliation', 'security')),
  rule_id text NOT NULL CHECK (length(rule_id) BETWEEN 1 AND 100),
  rule_version integer NOT NULL CHECK (rule_version >= 0),
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  customer_id text,
  score double precision NOT NULL,
  explanation jsonb NOT NULL,
  case_id text NOT NULL,
  occurrences integer NOT NULL CHECK (occurrences >= 1),
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (first_seen_at <= last_seen_at),
  UNIQUE (platform_id, alert_key)
);
CREATE INDEX alerts_case ON alerts (case_id);
CREATE INDEX alerts_platform ON alerts (platform_id, id);
CREATE INDEX alerts_rule ON alerts (rule_id);

-- The case timeline: every action, note, SLA warning and breach. Never changed.
CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (id),
  platform_id text NOT NULL,
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 50),
  actor text NOT NULL,
  detail jsonb NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);
CREATE UNIQUE INDEX case_events_sla_once ON case_events (case_id, kind)
  WHERE kind IN ('sla_warning', 'sla_breach');
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();

-- Evidence files, stored with their SHA-256 and the type their first bytes show. Limit 4 MiB.
CREATE TABLE case_evidence (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (id),
  platform_id text NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL CHECK (length(media_type) BETWEEN 1 AND 100),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 4194304),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL CHECK (octet_length(content) = size_bytes),
  description text,
  added_by text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, sha256)
);
CREATE TRIGGER case_evidence_append_only BEFORE UPDATE OR DELETE ON case_evidence
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();

-- Round-robin assignment: the last principal picked for each role.
CREATE TABLE case_assignment_cursors (
  role text PRIMARY KEY,
  last_principal_id text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Suspicious-transaction-report drafts started from a case: the case's facts as of then.
-- The compliance module renders and files them.
CREATE TABLE str_drafts (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  case_id text NOT NULL REFERENCES cases (id),
  customer_id text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'filed', 'withdrawn')),
  facts jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX str_drafts_case ON str_drafts (case_id);

-- Emergency playbooks: one per incident type, ordered steps with an owner role and a deadline
-- counted from the incident's opening.
CREATE TABLE playbooks (
  id text PRIMARY KEY,
  incident_type text NOT NULL UNIQUE CHECK (
    incident_type IN ('misappropriation', 'system_breach', 'compliance_violation',
      'withdrawal_run', 'safeguarding_shortfall')
  ),
  title text NOT NULL,
  description text NOT NULL
);
CREATE TABLE playbook_steps (
  playbook_id text NOT NULL REFERENCES playbooks (id),
  step_no integer NOT NULL CHECK (step_no BETWEEN 1 AND 50),
  title text NOT NULL,
  instructions text NOT NULL,
  owner_role text NOT NULL,
  deadline_minutes integer NOT NULL CHECK (deadline_minutes BETWEEN 1 AND 525600),
  PRIMARY KEY (playbook_id, step_no)
);

INSERT INTO playbooks (id, incident_type, title, description) VALUES
  ('pbk_misappropriation', 'misappropriation', 'Misappropriation of customer funds',
   'Customer money moved without the customer''s authorization or used for the platform''s own purposes.'),
  ('pbk_system_breach', 'system_breach', 'System breach',
   'Unauthorized access to Custos, a platform''s API keys or signing keys, or personal data.'),
  ('pbk_compliance_violation', 'compliance_violation', 'Compliance violation',
   'A reporting, screening or record-keeping duty was missed or breached.'),
  ('pbk_withdrawal_run', 'withdrawal_run', 'Withdrawal run',
   'Withdrawals far above normal that threaten the platform''s ability to pay customers out.'),
  ('pbk_safeguarding_shortfall', 'safeguarding_shortfall', 'Safeguarding shortfall',
   'The custody bank balance is below what the books owe customers plus the reserve.');

INSERT INTO playbook_steps (playbook_id, step_no, title, instructions, owner_role, deadline_minutes) VALUES
  ('pbk_misappropriation', 1, 'Freeze the affected accounts',
   'Freeze debits of every customer and platform account involved; record the case reference.', 'operator', 30),
  ('pbk_misappropriation', 2, 'Hold pending outgoing instructions',
   'Void or keep on hold every pending withdrawal and transfer from the affected accounts.', 'operator', 60),
  ('pbk_misappropriation', 3, 'Establish the amount and the path of the money',
   'From the journal and bank statements, list every movement involved and its counterparties.', 'risk_analyst', 240),
  ('pbk_misappropriation', 4, 'Report to the regulator and the custody bank',
   'Notify the PBOC branch and the custody bank in writing; decide on a suspicious transaction report.', 'compliance_officer', 1440),
  ('pbk_misappropriation', 5, 'Restore customer balances',
   'Post reversals or reserve payouts so every affected customer is made whole; four-eyes applies.', 'operator', 4320),
  ('pbk_system_breach', 1, 'Contain access',
   'Revoke the exposed API keys, sessions and signing keys; block the source addresses.', 'admin', 30),
  ('pbk_system_breach', 2, 'Preserve evidence',
   'Export the audit log checkpoint and proofs, server logs and security events for the period.', 'admin', 120),
  ('pbk_system_breach', 3, 'Report the incident',
   'Report to the provincial cyberspace administration within 4 hours (1 hour for critical information infrastructure).', 'compliance_officer', 240),
  ('pbk_system_breach', 4, 'Assess personal data exposure',
   'Decide whether customers must be informed under PIPL Art. 57 and record the decision.', 'compliance_officer', 1440),
  ('pbk_system_breach', 5, 'Verify the books',
   'Check the audit log against its witnesses and reconcile every custody account.', 'operator', 2880),
  ('pbk_compliance_violation', 1, 'Record the violation',
   'Describe the duty missed, since when, and which customers and reports it touches.', 'compliance_officer', 240),
  ('pbk_compliance_violation', 2, 'Stop further breaches',
   'Change the rule, threshold or process that let it happen.', 'risk_analyst', 1440),
  ('pbk_compliance_violation', 3, 'File late reports',
   'File every report that was due and missed, with the reason for the delay.', 'compliance_officer', 7200),
  ('pbk_compliance_violation', 4, 'Inform the regulator',
   'Tell the PBOC branch what happened and what was changed.', 'compliance_officer', 7200),
  ('pbk_withdrawal_run', 1, 'Measure liquidity',
   'Compare pending withdrawals with the custody bank balance and the reserve.', 'operator', 30),
  ('pbk_withdrawal_run', 2, 'Inform the custody bank',
   'Warn the custody bank of the expected outflows and agree on same-day settlement.', 'operator', 60),
  ('pbk_withdrawal_run', 3, 'Decide on payout order',
   'Pay withdrawals in order of submission; never favour related parties.', 'compliance_officer', 120),
  ('pbk_withdrawal_run', 4, 'Report to the regulator',
   'Notify the PBOC branch of the run, its size and the measures taken.', 'compliance_officer', 1440),
  ('pbk_safeguarding_shortfall', 1, 'Confirm the shortfall',
   'Re-run the safeguarding check with the latest statement; rule out unmatched items.', 'operator', 60),
  ('pbk_safeguarding_shortfall', 2, 'Top up the custody account',
   'Have the platform pay the shortfall into the custody account from its own funds.', 'operator', 1440),
  ('pbk_safeguarding_shortfall', 3, 'Freeze platform-side debits',
   'Freeze debits of the fee account until the shortfall is covered.', 'risk_analyst', 120),
  ('pbk_safeguarding_shortfall', 4, 'Report the breach',
   'Record the shortfall in the monthly safeguarding return and notify the regulator.', 'compliance_officer', 1440);

CREATE TABLE incidents (
  id text PRIMARY KEY,
  platform_id text REFERENCES platforms (id),
  incident_type text NOT NULL,
  playbook_id text NOT NULL REFERENCES playbooks (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  is_drill boolean NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'closed')),
  case_id text REFERENCES cases (id),
  opened_by text NOT NULL,
  opened_at timestamptz NOT NULL,
  closed_by text,
  closed_at timestamptz,
  CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX incidents_open ON incidents (state, opened_at);

CREATE TABLE incident_steps (
  incident_id text NOT NULL REFERENCES incidents (id),
  step_no integer NOT NULL CHECK (step_no BETWEEN 1 AND 50),
  title text NOT NULL,
  owner_role text NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'done', 'skipped')),
  done_by text,
  done_at timestamptz,
  note text,
  overdue_notified_at timestamptz,
  PRIMARY KEY (incident_id, step_no),
  CHECK ((status = 'pending') = (done_at IS NULL)),
  CHECK (status <> 'skipped' OR length(btrim(coalesce(note, ''))) > 0)
);
CREATE INDEX incident_steps_pending ON incident_steps (due_at) WHERE status = 'pending';

-- The post-incident review: causes, lessons and follow-up actions. One per incident.
CREATE TABLE incident_reviews (
  incident_id text PRIMARY KEY REFERENCES incidents (id),
  causes jsonb NOT NULL,
  lessons jsonb NOT NULL,
  follow_up_actions jsonb NOT NULL,
  reviewed_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Webhook receivers. platform_id NULL means Custos staff's own receivers (every platform).
-- The signing secret is stored as given: HMAC needs it in clear at send time, so it cannot be
-- hashed. It must be sealed with the field encryption of reference/integrity.md §5 once the
-- key service exists; until then this column is as sensitive as the API keys themselves.
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  platform_id text REFERENCES platforms (id),
  url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  secret text NOT NULL CHECK (length(secret) BETWEEN 32 AND 200),
  event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 50),
  active boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE email_recipients (
  id text PRIMARY KEY,
  platform_id text REFERENCES platforms (id),
  address text NOT NULL CHECK (address ~ '^[^@\s]+@[^@\s]+$' AND length(address) <= 254),
  event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 50),
  active boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One delivery of one event to one receiver. Written in the transaction of the change that
-- caused it; a worker sends it, retries with backoff, and after attempts_max moves it to the
-- dead-letter list (status 'dead') from which a person may replay it.
CREATE TABLE notification_outbox (
  id text PRIMARY KEY,
  platform_id text,
  channel text NOT NULL CHECK (channel IN ('webhook', 'email')),
  target_id text NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  attempts_max integer NOT NULL CHECK (attempts_max BETWEEN 1 AND 50),
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_error text,
  last_status_code integer,
  replays integer NOT NULL DEFAULT 0 CHECK (replays >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  dead_lettered_at timestamptz,
  CHECK (attempts <= attempts_max),
  CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
  UNIQUE (event_id, channel, target_id)
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at)
  WHERE status IN ('pending', 'sending');
CREATE INDEX notification_outbox_dead ON notification_outbox (dead_lettered_at)
  WHERE status = 'dead';
