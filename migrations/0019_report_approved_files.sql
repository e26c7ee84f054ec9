-- The file a report's approver approves is the file that is exported and filed, byte for byte.
-- Asking for submission renders the goAML XML once (report date = the moment of the request)
-- and stores it here, sealed like other personal data (it names subjects and their ID
-- numbers); its SHA-256 is in the approval's payload. Approving promotes that very file to
-- `reports.approved_file_id`, and the export of the approved version returns its bytes: later
-- changes to customers, reporting profiles or exchange rates never reach a filed report.
-- Rules live in src/reports/report-files.ts.
CREATE TABLE report_files (
  -- One file per submission request.
  approval_id text PRIMARY KEY,
  platform_id text NOT NULL REFERENCES platforms (id),
  report_id text NOT NULL REFERENCES reports (id),
  version integer NOT NULL,
  report_code text NOT NULL CHECK (report_code IN ('STR', 'CTR')),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes integer NOT NULL CHECK (size_bytes >= 1),
  -- The XML, cut into pieces each sealed at its own place (src/complaints/sealed-text.ts).
  xml_sealed text[] NOT NULL CHECK (cardinality(xml_sealed) >= 1),
  rendered_by text NOT NULL,
  rendered_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (report_id, version) REFERENCES report_versions (report_id, version)
);
CREATE INDEX report_files_report ON report_files (report_id);
CREATE TRIGGER report_files_append_only BEFORE UPDATE OR DELETE ON report_files
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();

-- Reports approved before this migration have no stored file: their export is rendered again
-- from the approved version, as before.
ALTER TABLE reports ADD COLUMN approved_file_id text REFERENCES report_files (approval_id);
ALTER TABLE reports ADD CONSTRAINT reports_approved_file_when_approved
  CHECK (approved_file_id IS NULL OR status <> 'draft');

-- One follow-up (correction or deletion) of a report at a time: a new one only once the
-- previous one is submitted. Follow-ups already open side by side before this migration are
-- exempt (all but the oldest of each original), so the index can be built over existing rows.
ALTER TABLE reports ADD COLUMN follow_up_exempt boolean NOT NULL DEFAULT false;
UPDATE reports r SET follow_up_exempt = true
WHERE r.original_report_id IS NOT NULL AND r.status <> 'submitted'
  AND EXISTS (SELECT 1 FROM reports o
              WHERE o.original_report_id = r.original_report_id AND o.status <> 'submitted'
                AND (o.created_at, o.id) < (r.created_at, r.id));
CREATE UNIQUE INDEX reports_open_follow_up ON reports (original_report_id)
  WHERE original_report_id IS NOT NULL AND status <> 'submitted' AND NOT follow_up_exempt;

-- The legal representative's name of an entity subject is personal data: sealed here, no
-- longer in `profile`. Rows written before this migration keep it in clear in `profile` until
-- their profile is saved again (sealing needs the platform's data key, which SQL has not);
-- reads take either form.
ALTER TABLE report_subject_profiles ADD COLUMN representative_name_sealed text[];
