-- Large-value report parts: one report may list at most 20,000 transactions (goAML transaction
-- elements; src/reports/report-limits.ts), so a busier day is filed as several reports, each a
-- numbered part of the day. Reports made before this migration are part 1 of their day.
ALTER TABLE reports ADD COLUMN lvtr_part integer;

UPDATE reports SET lvtr_part = 1 WHERE kind = 'lvtr' AND purpose = 'new';

ALTER TABLE reports
  ADD CONSTRAINT reports_lvtr_part_valid
    CHECK (lvtr_part IS NULL OR (kind = 'lvtr' AND lvtr_part >= 1)),
  ADD CONSTRAINT reports_lvtr_new_has_part
    CHECK (kind <> 'lvtr' OR purpose <> 'new' OR lvtr_part IS NOT NULL);

-- One report per platform, day and part (before: one per platform and day).
DROP INDEX reports_lvtr_day;
CREATE UNIQUE INDEX reports_lvtr_day_part ON reports (platform_id, business_date, lvtr_part)
  WHERE kind = 'lvtr' AND purpose = 'new';
