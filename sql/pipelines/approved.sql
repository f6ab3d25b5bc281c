-- Held figures of one submission that a steward approves, as the changes they make now
-- (the shape of changes.sql's intake_change, so the one writer applies them): each replaces
-- the figure with its region × indicator × month × partner × sector. Parameters:
-- $submission_id, $rows (the held rows approved).
create or replace temp table intake_change as
with approved as (
    select h.*, o.value as current_value
    from held_figure as h
    left join observation as o using (region, indicator, period, partner, sector)
    where h.submission_id = $submission_id and list_contains($rows, h.source_row)
),
final as (
    select region, indicator, period, partner, sector, source_row,
           current_value as old_value, value as new_value, false as withdraw, note,
           'approved' as review,
           case when current_value is null then 'added'
                when current_value = value then 'unchanged'
                else 'replaced' end as change
    from approved
)
select * from final;
