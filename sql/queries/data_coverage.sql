-- The coverage grid: per region and month, how many of its partners reported.
select region, r.name as region_name, period,
    count(*) filter (where reported) as partners_reported,
    count(*) as partners
from mv_coverage as c
join region as r on r.code = c.region
where c.programme = $programme
group by all
order by r.name, period
