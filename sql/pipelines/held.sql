-- The flagged figures of a submission (changes.sql review is not null): waiting for a
-- steward, or as a steward decided. Their warning is in submission_warning.
-- Parameters: $submission_id, $is_demo. Reads intake_change.
insert into held_figure
select $submission_id, source_row, region, indicator, period, partner, sector, new_value, note,
       $is_demo, old_value, review
from intake_change
where review is not null;

-- Figures a steward approved at ingest (--approve-warnings): the decision is kept, so a
-- rebuild approves them again. Parameters also: $steward, $decided_at.
insert into review_decision
select $submission_id, c.source_row, 'approved', $steward,
       'ingest --approve-warnings', $decided_at, null as publication
from intake_change as c
where c.review = 'approved'
    and not exists (select 1 from review_decision as d
                    where d.submission_id = $submission_id and d.source_row = c.source_row);
