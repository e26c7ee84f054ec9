-- Quantitative risk models (frequency × severity per risk, Monte Carlo of the annual loss) and
-- liquidity stress tests against the books. Methods: src/risk-models/RISK-MODELS.md.

-- The model of one risk: expert parameters as entered, and the effective model (expert, or
-- fitted from the risk's loss events where there were enough), with the fit's report.
CREATE TABLE risk_model_params (
  platform_id text NOT NULL REFERENCES platforms (id),
  risk_id text NOT NULL REFERENCES risks (id),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  expert_model jsonb,
  model jsonb NOT NULL,
  frequency_source text NOT NULL CHECK (frequency_source IN ('expert', 'fitted')),
  severity_source text NOT NULL CHECK (severity_source IN ('expert', 'fitted')),
  fit_report jsonb,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform_id, risk_id),
  -- A fitted part needs a fit report; an all-expert model needs expert parameters.
  CHECK ((frequency_source = 'expert' AND severity_source = 'expert') OR fit_report IS NOT NULL),
  CHECK (frequency_source = 'fitted' OR severity_source = 'fitted' OR expert_model IS NOT NULL)
);

-- One Monte Carlo run: its inputs (models, trials, seed, reserve) and its figures, so any run
-- can be repeated and compared. Figures are minor units, rounded from float64.
CREATE TABLE monte_carlo_runs (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  trials integer NOT NULL CHECK (trials > 0),
  seed bigint NOT NULL CHECK (seed >= 0),
  workers integer NOT NULL CHECK (workers >= 0),
  inputs jsonb NOT NULL,
  reserve_minor bigint,
  expected_loss_minor bigint NOT NULL CHECK (expected_loss_minor >= 0),
  var_99_minor bigint NOT NULL,
  var_999_minor bigint NOT NULL,
  es_99_minor bigint NOT NULL,
  es_999_minor bigint NOT NULL,
  reserve_exceedance_probability double precision
    CHECK (reserve_exceedance_probability BETWEEN 0 AND 1),
  results jsonb NOT NULL,
  elapsed_ms integer NOT NULL CHECK (elapsed_ms >= 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (var_999_minor >= var_99_minor),
  CHECK (es_99_minor >= var_99_minor AND es_999_minor >= var_999_minor)
);
CREATE INDEX monte_carlo_runs_platform ON monte_carlo_runs (platform_id, id);

-- Expected inflows and outflows by date that the books do not hold: loan instalments due,
-- committed disbursements, other known payments. Stress tests read them.
CREATE TABLE liquidity_flows (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  due_on date NOT NULL,
  kind text NOT NULL
    CHECK (kind IN ('loan_repayment', 'loan_disbursement', 'other_inflow', 'other_outflow')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  note text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX liquidity_flows_platform ON liquidity_flows (platform_id, currency, due_on);

-- Saved stress scenarios: a named list of shocks, versioned on every change.
CREATE TABLE stress_scenarios (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  definition jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform_id, name)
);

-- One run of a scenario (saved or built in) against the books of a day, per currency.
CREATE TABLE stress_runs (
  id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  scenario_ref text NOT NULL,
  scenario_version integer,
  scenario jsonb NOT NULL,
  as_of date NOT NULL,
  results jsonb NOT NULL,
  survives boolean NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stress_runs_platform ON stress_runs (platform_id, id);
