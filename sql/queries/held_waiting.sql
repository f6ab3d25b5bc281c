-- Figures waiting for a steward's review (held_figure), oldest file first, each with the
-- published figure it would replace now and its warning. $region: one region, or null for every region.
-- Read by `regiomonitor review list` (pipelines/review.py), the Data page and /beheer.
select
    h.submission_id || ':' || h.source_row as id,
    s.file_name,
    s.received_at,
    h.source_row,
    h.region,
    h.indicator,
    h.period,
    p.name_nl as partner_name,
    h.sector,
    o.value as old_value,
    h.value as new_value,
    w.reason_nl,
    w.reason_en
from held_figure as h
join submission as s on s.id = h.submission_id
left join submission_warning as w
    on w.submission_id = h.submission_id and w.source_row = h.source_row
join partner as p on p.code = h.partner
left join observation as o using (region, indicator, period, partner, sector)
where h.status = 'waiting' and ($region is null or h.region = $region)
order by s.received_at, h.submission_id, h.source_row
