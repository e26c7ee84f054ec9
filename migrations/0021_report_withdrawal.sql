-- Withdrawing a suspicious transaction report that was started by mistake: a draft, or one whose
-- submission request still awaits approval. A withdrawn report is kept as a record (who, when,
-- why) and is final; it is never filed, never overdue, and no longer the open follow-up of its
-- original, so a new correction or deletion can be started. An approved or submitted report is
-- never withdrawn (a submitted one is withdrawn at the FIU by a deletion follow-up), and a
-- large-value report is never withdrawn (its day is re-run instead). Rules live in
-- src/reports/report-withdrawal.ts.
ALTER TABLE reports
  ADD COLUMN withdrawn_by text,
  ADD COLUMN withdrawn_at timestamptz,
  ADD COLUMN withdrawal_reason text;

ALTER TABLE reports DROP CONSTRAINT reports_status_check;
ALTER TABLE reports
  ADD CONSTRAINT reports_status_check
    CHECK (status IN ('draft', 'approved', 'submitted', 'withdrawn'));

-- Before: CHECK (status = 'draft' OR approved), unnamed in 0008. A withdrawn report was never
-- approved, so it is allowed no approval, and required to have none.
ALTER TABLE reports DROP CONSTRAINT reports_check2;
ALTER TABLE reports
  ADD CONSTRAINT reports_approved_past_draft
    CHECK (status IN ('draft', 'withdrawn')
           OR (approved_by IS NOT NULL AND approved_version IS NOT NULL)),
  ADD CONSTRAINT reports_withdrawn_never_approved
    CHECK (status <> 'withdrawn' OR (approved_by IS NULL AND approved_file_id IS NULL
                                     AND submitted_at IS NULL)),
  ADD CONSTRAINT reports_withdrawn_str_only CHECK (status <> 'withdrawn' OR kind = 'str'),
  ADD CONSTRAINT reports_withdrawal_recorded
    CHECK ((status = 'withdrawn') = (withdrawn_by IS NOT NULL)
           AND (withdrawn_by IS NULL) = (withdrawn_at IS NULL)
           AND (withdrawn_by IS NULL) = (withdrawal_reason IS NULL)),
  ADD CONSTRAINT reports_withdrawal_reason_length
    CHECK (withdrawal_reason IS NULL OR length(withdrawal_reason) BETWEEN 1 AND 500);

-- A withdrawn report is a record: it is neither changed nor deleted.
CREATE FUNCTION custos_refuse_withdrawn_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report % is withdrawn and kept as it is', OLD.id USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER reports_withdrawn_final BEFORE UPDATE OR DELETE ON reports
  FOR EACH ROW WHEN (OLD.status = 'withdrawn')
  EXECUTE FUNCTION custos_refuse_withdrawn_report_change();

-- One open follow-up of a report at a time (0019): a withdrawn one is no longer open.
DROP INDEX reports_open_follow_up;
CREATE UNIQUE INDEX reports_open_follow_up ON reports (original_report_id)
  WHERE original_report_id IS NOT NULL AND status NOT IN ('submitted', 'withdrawn')
    AND NOT follow_up_exempt;

-- One report per case STR draft (0008), not counting withdrawn ones: a report started from a
-- draft by mistake and withdrawn leaves the draft free for another.
DROP INDEX reports_str_draft;
CREATE UNIQUE INDEX reports_str_draft ON reports (str_draft_id)
  WHERE str_draft_id IS NOT NULL AND status <> 'withdrawn';

-- The overdue sweep reads the reports still to be filed; a withdrawn one is not.
DROP INDEX reports_unsubmitted;
CREATE INDEX reports_unfiled ON reports (deadline_date) WHERE status IN ('draft', 'approved');
