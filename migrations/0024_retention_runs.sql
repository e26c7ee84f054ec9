-- What each retention execution carried out, for the compliance officer and the auditor: the
-- daily job (trigger 'scheduled', id rtn_…) and every approved request (trigger 'approval',
-- id = the approval's). A run is recorded only when it anonymized or purged something, in the
-- same transaction as that work: the daily job works in bounded batches, each adding its
-- customers and files to the run's row as it commits, so the row never claims work that was
-- rolled back. Customers are named by id with the date they fell due (no personal data: that is
-- what the run destroyed); purged files name their run in their own rows (purge_run_id, 0023).
-- Rules live in src/compliance/retention/retention-run-log.ts.
CREATE TABLE retention_runs (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  platform_id text NOT NULL REFERENCES platforms (id),
  trigger text NOT NULL CHECK (trigger IN ('scheduled', 'approval')),
  actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
  approval_id text CHECK (approval_id IS NULL OR length(approval_id) BETWEEN 1 AND 64),
  approved_by text CHECK (approved_by IS NULL OR length(approved_by) BETWEEN 1 AND 200),
  retention_years integer NOT NULL CHECK (retention_years BETWEEN 1 AND 100),
  ran_at timestamptz NOT NULL,
  customers jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(customers) = 'array'),
  -- Files are counted here as well as named in their rows: a run that purged files only
  -- must still show that it did something.
  report_files_purged integer NOT NULL DEFAULT 0 CHECK (report_files_purged >= 0),
  CONSTRAINT retention_runs_approval_named
    CHECK ((trigger = 'approval') = (approval_id IS NOT NULL AND approved_by IS NOT NULL)),
  CONSTRAINT retention_runs_did_something
    CHECK (jsonb_array_length(customers) + report_files_purged > 0)
);
CREATE INDEX retention_runs_platform ON retention_runs (platform_id, ran_at DESC, id DESC);

-- A run's row only grows: its batches add customers and files, nothing else changes, and no
-- run is deleted.
CREATE FUNCTION custos_retention_run_grows_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  growing_columns CONSTANT text[] := ARRAY['customers', 'report_files_purged'];
BEGIN
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - growing_columns) = (to_jsonb(OLD) - growing_columns)
     AND NEW.report_files_purged >= OLD.report_files_purged
     AND NEW.customers @> OLD.customers THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'table % only grows: a retention run adds what it did', TG_TABLE_NAME
    USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER retention_runs_grow_only BEFORE UPDATE OR DELETE ON retention_runs
  FOR EACH ROW EXECUTE FUNCTION custos_retention_run_grows_only();

-- A run's files are found by the run named in their rows.
CREATE INDEX report_files_purge_run ON report_files (purge_run_id)
  WHERE purge_run_id IS NOT NULL;
CREATE INDEX report_camlmac_files_purge_run ON report_camlmac_files (purge_run_id)
  WHERE purge_run_id IS NOT NULL;
