-- Gate holds: why the pre-posting gates (monitoring, screening) held an instruction, and which
-- review workflows must clear before the hold may be released.

-- The rule ids of every gate that did not allow, and the gates' combined reason text.
ALTER TABLE instructions
  ADD COLUMN hold_rule_ids text[] NOT NULL DEFAULT '{}'
    CONSTRAINT instructions_hold_rule_ids_bounded CHECK (cardinality(hold_rule_ids) <= 64),
  ADD COLUMN hold_note text
    CONSTRAINT instructions_hold_note_bounded CHECK (length(hold_note) <= 500),
  -- Review workflows ('screening') that must clear before a release: voiding stays allowed.
  ADD COLUMN hold_reviews_pending text[] NOT NULL DEFAULT '{}'
    CONSTRAINT instructions_hold_reviews_pending_bounded
      CHECK (cardinality(hold_reviews_pending) <= 8);

-- Instructions still held with a screening review not cleared wait for that review; one that
-- only screening held (no review of it says another gate held too) gets screening's own code.
UPDATE instructions i SET
  hold_reviews_pending = ARRAY['screening'],
  hold_reason = CASE WHEN i.hold_reason = 'monitoring_review' AND NOT r.other_holds
    THEN 'screening_review' ELSE i.hold_reason END
FROM (
  SELECT platform_id, subject_id, bool_or(other_holds) AS other_holds
  FROM screening_reviews
  WHERE subject_kind = 'instruction'
  GROUP BY platform_id, subject_id
  HAVING bool_or(status <> 'false_positive')
) r
WHERE i.id = r.subject_id AND i.platform_id = r.platform_id AND i.status = 'pending';
