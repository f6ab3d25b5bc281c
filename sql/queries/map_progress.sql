-- Map, legend and table on the Kaart page: every region at one programme, indicator and
-- as-of month, with its progress if it has a target. The same common month as the ranking
-- (sql/views/20_ranking.sql): figures at the end of $month, status at status_month.
select
    r.code as region,
    r.name as region_name,
    i.unit,
    p.realised,
    p.target_value,
    p.achievement,
    p.status,
    coalesce(p.status_uncertain, false) as status_uncertain,
    p.pace_ratio,
    p.gain_per_10k,
    p.realised_per_10k,
    p.last_reported_month,
    coalesce(p.provisional, false) as provisional,
    count(*) filter (where p.provisional) over () as regions_provisional,   -- the legend's count
    coalesce(p.status_provisional, false) as status_provisional,
    p.stand_month,
    p.status_month,
    coalesce(p.is_demo, false) as is_demo
from region as r
cross join (select unit from indicator where code = $indicator) as i
left join mv_progress_monthly as p
    on p.region = r.code
    and p.programme = $programme
    and p.indicator = $indicator
    and p.as_of_month = $month
order by r.name
