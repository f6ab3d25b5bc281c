-- The real targets (not demonstration data), every version, with their sources: Methode's
-- list of sources.
select
    t.region,
    r.name as region_name,
    t.indicator,
    i.unit,
    t.version,
    t.baseline_value,
    t.baseline_date,
    t.target_value,
    t.deadline,
    t.source
from target as t
join region as r on r.code = t.region
join indicator as i on i.code = t.indicator
where not t.is_demo
order by t.programme, t.region, t.indicator, t.version
