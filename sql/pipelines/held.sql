-- The flagged figures of a submission (changes.sql review is not null) with their warning:
-- waiting for a steward, or as a steward decided. Parameters: $submission_id, $is_demo.
-- Reads intake_change and intake_flagged (plausibility.sql) and the reason table.
insert into held_figure
select $submission_id, c.source_row, c.region, c.indicator, c.period, c.partner, c.sector,
       c.new_value, c.note, $is_demo, c.old_value,
       replace(replace(r.reason_nl, '{1}', f.plausibility_factor::varchar), '{2}',
               f.usual_value::double::varchar),
       replace(replace(r.reason_en, '{1}', f.plausibility_factor::varchar), '{2}',
               f.usual_value::double::varchar),
       c.review
from intake_change as c
join intake_flagged as f using (region, indicator, period, partner, sector)
join reason as r on r.code = 'implausible'
where c.review is not null;

-- Figures a steward approved at ingest (--approve-warnings): the decision is kept, so a
-- rebuild approves them again. Parameters also: $steward, $decided_at.
insert into review_decision
select $submission_id, c.source_row, 'approved', $steward,
       'ingest --approve-warnings', $decided_at
from intake_change as c
where c.review = 'approved'
    and not exists (select 1 from review_decision as d
                    where d.submission_id = $submission_id and d.source_row = c.source_row);
