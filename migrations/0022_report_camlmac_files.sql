-- The CAMLMAC file of a report gets the guarantee the goAML file has had since 0019: the file the
-- approver approves is the file exported and filed, byte for byte. Asking for submission renders
-- the CAMLMAC message (HVTR or BSTR) once, beside the goAML file, dated the same, and stores it
-- here sealed; its SHA-256 is in the approval's payload and the audit trail. Approving a request
-- promotes both files: `reports.approved_file_id` names the request, and its row here is the
-- approved CAMLMAC file.
--
-- A version goAML can file but CAMLMAC cannot (a mandatory CAMLMAC field is missing, e.g. an
-- entity subject without a beneficial owner) is not refused: a platform that files in goAML
-- only must not be held up by CAMLMAC's extra fields. The request then stores, instead of a
-- file, the CAMLMAC fields that were missing; the approval's payload names them, and no CAMLMAC
-- file can be exported for that request (nothing in CAMLMAC was approved). Every request since
-- this migration has exactly one row here; a request made before has none, and the CAMLMAC
-- export of a report approved under it is rendered from the approved version, as before.
--
-- A separate table rather than a `format` column on report_files: report_files.approval_id is
-- the primary key that `reports.approved_file_id` references, and widening that key would mean
-- rebuilding the foreign key and a populated, append-only table. Keyed by the same request id,
-- a CAMLMAC row needs no pointer of its own from `reports`.
-- Rules live in src/reports/camlmac/camlmac-files.ts.
CREATE TABLE report_camlmac_files (
  -- One row per submission request, whose goAML file is stored first.
  approval_id text PRIMARY KEY REFERENCES report_files (approval_id),
  platform_id text NOT NULL REFERENCES platforms (id),
  report_id text NOT NULL REFERENCES reports (id),
  version integer NOT NULL,
  -- The file: all of these, or none of them.
  report_code text CHECK (report_code IN ('HVTR', 'BSTR')),
  message_type text CHECK (message_type ~ '^[NCD]B[HS]$'),
  file_name text CHECK (length(file_name) BETWEEN 1 AND 255),
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes integer CHECK (size_bytes >= 1),
  -- The XML, cut into pieces each sealed at its own place (src/complaints/sealed-text.ts).
  xml_sealed text[] CHECK (cardinality(xml_sealed) >= 1),
  -- No file: the mandatory CAMLMAC fields that were missing (names such as
  -- `customer[cus_…].controller (a beneficial owner)`, never their values), the first 200.
  missing_fields text[] CHECK (cardinality(missing_fields) BETWEEN 1 AND 200),
  rendered_by text NOT NULL,
  rendered_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (report_id, version) REFERENCES report_versions (report_id, version),
  CONSTRAINT report_camlmac_files_file_or_gaps CHECK (
    num_nulls(report_code, message_type, file_name, sha256, size_bytes, xml_sealed)
      = CASE WHEN missing_fields IS NULL THEN 0 ELSE 6 END)
);
CREATE INDEX report_camlmac_files_report ON report_camlmac_files (report_id);
CREATE TRIGGER report_camlmac_files_append_only BEFORE UPDATE OR DELETE ON report_camlmac_files
  FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
