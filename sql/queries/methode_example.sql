-- The worked example under Methode's formulas: the first real target (not demonstration data)
-- at its start, with what the progress views compute there.
--   first_month, last_month   the first and the last month counted: after d0's month, up to
--                             and including d1's month; months_total N between them
--   required_per_month        max(T − R, 0) / (N − k) at k = 0, where R = B
select
    p.region,
    r.name as region_name,
    p.indicator,
    i.unit,
    p.baseline_value,
    p.target_value,
    cast(date_trunc('month', p.baseline_date) + interval 1 month as date) as first_month,
    cast(date_trunc('month', p.deadline) as date) as last_month,
    p.months_total,
    p.required_per_month
from mv_progress_monthly as p
join region as r on r.code = p.region
join indicator as i on i.code = p.indicator
where p.version = 1 and p.as_of_month = date_trunc('month', p.baseline_date)
order by p.target_is_demo, p.region, p.indicator
limit 1
