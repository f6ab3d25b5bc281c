-- Regions of similar size (v_similar_regions) with their % of target per indicator at one
-- programme and as-of month, for the region page's comparison set; the region itself first.
with chosen as (
    select $region as region, 0 as nearness
    union all
    select similar_region, nearness from mv_similar_regions where region = $region
)

select c.nearness, c.region, r.name as region_name, p.indicator, p.achievement, p.status,
    p.population_15_74
from chosen as c
join region as r on r.code = c.region
left join mv_progress_monthly as p
    on p.region = c.region and p.programme = $programme and p.as_of_month = $month
order by c.nearness, p.indicator
