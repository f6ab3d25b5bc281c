-- The files behind a region's figures: every observation keeps its submission id.
select
    s.id,
    s.file_name,
    s.received_at,
    s.status,
    s.is_demo,
    count(*) as rows_for_region,
    string_agg(distinct o.indicator, ', ' order by o.indicator) as indicators
from observation as o
join submission as s on s.id = o.submission_id
where o.region = $region
group by all
order by s.file_name
