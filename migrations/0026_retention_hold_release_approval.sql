-- Releasing a retention hold lets the daily job destroy what the hold kept, so a release needs
-- a second person (four eyes, as retention.execute does): one person asks
-- (`retention.hold_release`), another with compliance.write approves, and the release is
-- recorded in the deciding transaction under the requester's name with the approval's id.
-- Releases recorded before this migration keep a null approval.
ALTER TABLE retention_holds ADD COLUMN release_approval_id text REFERENCES approvals (id);
ALTER TABLE retention_holds ADD CONSTRAINT retention_holds_release_approval_released
  CHECK (release_approval_id IS NULL OR released_at IS NOT NULL);

-- The one change a hold allows is still its release, once; from now on only through a
-- `retention.hold_release` request for this very hold, asked by the person the release names.
CREATE OR REPLACE FUNCTION custos_retention_hold_release_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  release_columns CONSTANT text[] :=
    ARRAY['released_by', 'released_at', 'release_reason', 'release_approval_id'];
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.released_at IS NULL AND NEW.released_at IS NOT NULL
     AND (to_jsonb(NEW) - release_columns) = (to_jsonb(OLD) - release_columns) THEN
    IF NEW.release_approval_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM approvals a
      WHERE a.id = NEW.release_approval_id AND a.action = 'retention.hold_release'
        AND a.platform_id = NEW.platform_id AND a.payload ->> 'holdId' = NEW.id
        AND a.requested_by = NEW.released_by AND a.status = 'open'
    ) THEN
      RAISE EXCEPTION 'a retention hold is released only by an approved release request'
        USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'table % keeps every hold: only a release is recorded, once', TG_TABLE_NAME
    USING ERRCODE = '42501';
END;
$$;

-- Open release requests by hold, for the one-request-at-a-time check and the hold list.
CREATE INDEX approvals_open_hold_release ON approvals ((payload ->> 'holdId'))
  WHERE action = 'retention.hold_release' AND status = 'open';
