-- The review queue (sql/views/70_review.sql v_held), oldest file first: each held figure with
-- the figure published now that it would replace, its warning, and when a later file changed
-- that figure since (overtaken: no decision is taken on it) that file and the current value.
-- $region: one region, or null for every region. Read by `regiomonitor review list` and
-- `review approve/reject` (pipelines/review.py), the Data and region pages and /beheer.
select
    h.submission_id || ':' || h.source_row as id,
    h.file_name,
    h.received_at,
    h.source_row,
    h.region,
    h.indicator,
    h.period,
    p.name_nl as partner_name,
    h.sector,
    h.current_value as old_value,
    h.held_value as new_value,
    w.reason_nl,
    w.reason_en,
    h.overtaken,
    h.later_file,
    p.name_en as partner_name_en   -- the partner by name on an English page
from v_held as h
left join submission_warning as w
    on w.submission_id = h.submission_id and w.source_row = h.source_row
join partner as p on p.code = h.partner
where $region is null or h.region = $region
order by h.received_at, h.file_name, h.source_row
