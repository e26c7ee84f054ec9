-- A retention hold keeps records past their retention period while an investigation, a
-- regulator's request or litigation needs them (AML Law 2024 Art. 34 sets a minimum, not a
-- deadline; PIPL Art. 19 allows longer where another law requires it). While a hold on a
-- customer is active, the customer's personal data is not anonymized; while a hold on a report
-- is active, its stored files are not purged. A customer with a case that is not closed is held
-- the same way without a row here (src/compliance/retention/retention-holds.ts).
--
-- Holds are never deleted: a release is recorded on the row, once, with who and why, so the
-- record shows when each subject was held and by whose decision.
CREATE TABLE retention_holds (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  platform_id text NOT NULL REFERENCES platforms (id),
  subject_type text NOT NULL CHECK (subject_type IN ('customer', 'report')),
  subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 64),
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 10 AND 500),
  placed_by text NOT NULL CHECK (length(placed_by) BETWEEN 1 AND 200),
  placed_at timestamptz NOT NULL,
  released_by text CHECK (released_by IS NULL OR length(released_by) BETWEEN 1 AND 200),
  released_at timestamptz,
  release_reason text
    CHECK (release_reason IS NULL OR length(btrim(release_reason)) BETWEEN 10 AND 500),
  CONSTRAINT retention_holds_release_recorded
    CHECK (num_nulls(released_by, released_at, release_reason) IN (0, 3)),
  CONSTRAINT retention_holds_released_after_placed
    CHECK (released_at IS NULL OR released_at >= placed_at)
);
-- One active hold per subject: a second would only hide which decision keeps it.
CREATE UNIQUE INDEX retention_holds_active
  ON retention_holds (platform_id, subject_type, subject_id) WHERE released_at IS NULL;
CREATE INDEX retention_holds_platform ON retention_holds (platform_id, placed_at DESC, id DESC);

-- The one change a hold allows: its release, once, every other column unchanged.
CREATE FUNCTION custos_retention_hold_release_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  release_columns CONSTANT text[] := ARRAY['released_by', 'released_at', 'release_reason'];
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.released_at IS NULL AND NEW.released_at IS NOT NULL
     AND (to_jsonb(NEW) - release_columns) = (to_jsonb(OLD) - release_columns) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'table % keeps every hold: only a release is recorded, once', TG_TABLE_NAME
    USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER retention_holds_release_only BEFORE UPDATE OR DELETE ON retention_holds
  FOR EACH ROW EXECUTE FUNCTION custos_retention_hold_release_only();

-- Open cases by customer, for the hold an open investigation puts on its subject.
CREATE INDEX cases_customer_unclosed ON cases (customer_id) WHERE state <> 'closed';
