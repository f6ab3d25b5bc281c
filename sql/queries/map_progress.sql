-- Map and table on the Kaart page: every region, with its progress on one indicator if it has a target.
select
    r.code as region,
    r.name as region_name,
    p.unit,
    p.realised,
    p.target_value,
    p.achievement,
    p.status,
    p.status_uncertain,
    p.pace_ratio,
    p.last_reported_month,
    coalesce(p.is_demo, false) as is_demo
from region as r
left join v_progress as p
    on p.region = r.code and p.programme = $programme and p.indicator = $indicator
order by r.name
