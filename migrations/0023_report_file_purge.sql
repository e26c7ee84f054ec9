-- A stored report file (0019 goAML, 0022 CAMLMAC) names its subjects and their ID numbers and
-- lists their transactions. Once the platform's retention period has run out for the report
-- (counted from the end of a large-value report's business day, or from a suspicious
-- transaction report's filing or withdrawal; src/compliance/COMPLIANCE.md), the retention run
-- purges the file's content: the sealed XML goes, while the row, its metadata and its SHA-256
-- stay, so the audit trail still proves what was filed and when. The row records when it was
-- purged, by whom and in which run (a retention run's id, or the approval that carried it out).
-- Rules live in src/compliance/retention/report-file-retention.ts.
ALTER TABLE report_files
  ALTER COLUMN xml_sealed DROP NOT NULL,
  ADD COLUMN purged_at timestamptz,
  ADD COLUMN purged_by text CHECK (purged_by IS NULL OR length(purged_by) BETWEEN 1 AND 200),
  ADD COLUMN purge_run_id text
    CHECK (purge_run_id IS NULL OR length(purge_run_id) BETWEEN 1 AND 64),
  ADD CONSTRAINT report_files_purge_recorded
    CHECK (num_nulls(purged_at, purged_by, purge_run_id) IN (0, 3)),
  -- The content is there until the purge, and only the purge removes it.
  ADD CONSTRAINT report_files_content_until_purged
    CHECK ((xml_sealed IS NULL) = (purged_at IS NOT NULL)),
  ADD CONSTRAINT report_files_purged_after_rendering
    CHECK (purged_at IS NULL OR purged_at >= rendered_at);

-- 0022's "all of the file's columns or none" counted xml_sealed among them; it is now checked
-- on its own, since a purged file keeps the other columns.
ALTER TABLE report_camlmac_files DROP CONSTRAINT report_camlmac_files_file_or_gaps;
ALTER TABLE report_camlmac_files
  ADD CONSTRAINT report_camlmac_files_file_or_gaps CHECK (
    num_nulls(report_code, message_type, file_name, sha256, size_bytes)
      = CASE WHEN missing_fields IS NULL THEN 0 ELSE 5 END),
  ADD COLUMN purged_at timestamptz,
  ADD COLUMN purged_by text CHECK (purged_by IS NULL OR length(purged_by) BETWEEN 1 AND 200),
  ADD COLUMN purge_run_id text
    CHECK (purge_run_id IS NULL OR length(purge_run_id) BETWEEN 1 AND 64),
  ADD CONSTRAINT report_camlmac_files_purge_recorded
    CHECK (num_nulls(purged_at, purged_by, purge_run_id) IN (0, 3)),
  -- A row without a file (missing fields) has nothing to purge.
  ADD CONSTRAINT report_camlmac_files_purged_file_only
    CHECK (purged_at IS NULL OR missing_fields IS NULL),
  ADD CONSTRAINT report_camlmac_files_content_until_purged
    CHECK ((xml_sealed IS NULL) = (missing_fields IS NOT NULL OR purged_at IS NOT NULL)),
  ADD CONSTRAINT report_camlmac_files_purged_after_rendering
    CHECK (purged_at IS NULL OR purged_at >= rendered_at);

-- The tables stay append-only but for one transition, once per row: the content is cleared
-- and the purge recorded, every other column unchanged. A second purge, a purge that keeps the
-- content, a change of any other column and every DELETE are refused, as before.
CREATE FUNCTION custos_report_file_purge_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  purge_columns CONSTANT text[] := ARRAY['xml_sealed', 'purged_at', 'purged_by', 'purge_run_id'];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.purged_at IS NULL AND OLD.xml_sealed IS NOT NULL
       AND NEW.xml_sealed IS NULL AND NEW.purged_at IS NOT NULL
       AND NEW.purged_by IS NOT NULL AND NEW.purge_run_id IS NOT NULL
       AND (to_jsonb(NEW) - purge_columns) = (to_jsonb(OLD) - purge_columns) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'table % is append-only: only the retention run purges a file, once',
    TG_TABLE_NAME USING ERRCODE = '42501';
END;
$$;

DROP TRIGGER report_files_append_only ON report_files;
CREATE TRIGGER report_files_append_only BEFORE UPDATE OR DELETE ON report_files
  FOR EACH ROW EXECUTE FUNCTION custos_report_file_purge_only();
DROP TRIGGER report_camlmac_files_append_only ON report_camlmac_files;
CREATE TRIGGER report_camlmac_files_append_only BEFORE UPDATE OR DELETE ON report_camlmac_files
  FOR EACH ROW EXECUTE FUNCTION custos_report_file_purge_only();

-- The retention run looks for files still holding content, oldest report first.
CREATE INDEX report_files_unpurged ON report_files (platform_id) WHERE purged_at IS NULL;
CREATE INDEX report_camlmac_files_unpurged ON report_camlmac_files (platform_id)
  WHERE purged_at IS NULL AND xml_sealed IS NOT NULL;
