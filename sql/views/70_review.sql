-- The review queue (issue 23): every held figure still waiting for a steward, with the figure
-- published now for its region × indicator × month × partner × sector, and whether a later
-- file has changed that figure since it was held.
--
--   later file    a submission loaded after the held one (received later; on the same second,
--                 later by file name: the order every load and `refresh` replays files in)
--   overtaken     a later file set, replaced or withdrew the figure of the same cell: it is the
--                 current figure's file, or it replaced a figure of that cell (observation_revision).
--                 Approving would put an older figure over a newer one, and a `refresh` (which
--                 replays files and decisions in the order they happened) could not agree with
--                 both; so neither approving nor rejecting is taken (pipelines/review.py) and the
--                 queue shows the conflict: held value, current value, and the later file.
--   later_id, later_file   the newest such file, when overtaken
--
-- Read by sql/queries/held_waiting.sql (the CLI's `review list`, /beheer, the Data and region
-- pages) and sql/queries/submission.sql (an upload's state).
create view v_held as
with waiting as (
    select h.*, s.file_name, s.received_at
    from held_figure as h
    join submission as s on s.id = h.submission_id
    where h.status = 'waiting'
),

touched as (   -- every file that set or withdrew a figure of a waiting one's cell, as far as the
               -- warehouse knows (only those cells: the whole union took 25 ms on the demo
               -- warehouse with nothing waiting, on every region page)
    select region, indicator, period, partner, sector, submission_id
    from observation semi join waiting using (region, indicator, period, partner, sector)
    union
    select region, indicator, period, partner, sector, replaced_by
    from observation_revision semi join waiting using (region, indicator, period, partner, sector)
),

later as (
    select w.submission_id, w.source_row, s.id as later_id, s.file_name as later_file,
        s.received_at as later_received_at
    from waiting as w
    join touched as t using (region, indicator, period, partner, sector)
    join submission as s on s.id = t.submission_id
    where s.received_at > w.received_at
        or (s.received_at = w.received_at and s.file_name > w.file_name)
),

newest_later as (
    select submission_id, source_row,
        arg_max(later_id, (later_received_at, later_file)) as later_id,
        arg_max(later_file, (later_received_at, later_file)) as later_file
    from later
    group by submission_id, source_row
),

final as (
    select
        w.submission_id,
        w.source_row,
        w.file_name,
        w.received_at,
        w.region,
        w.indicator,
        w.period,
        w.partner,
        w.sector,
        w.value as held_value,
        o.value as current_value,
        o.submission_id as current_submission_id,
        n.later_id is not null as overtaken,
        n.later_id,
        n.later_file
    from waiting as w
    left join observation as o using (region, indicator, period, partner, sector)
    left join newest_later as n
        on n.submission_id = w.submission_id and n.source_row = w.source_row
)
select * from final;
