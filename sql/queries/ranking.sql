-- The Vergelijken ranking: every region with a target at one programme, indicator and month,
-- its ranks from mv_ranking, and its realised figures so far for the sparkline (with, per month,
-- whether every expected partner delivered).
with history as (
    select region, list(realised order by as_of_month) as realised_series,
        list(coalesce(month_state, 'complete') = 'complete' order by as_of_month) as complete_series
    from mv_progress_monthly
    where programme = $programme and indicator = $indicator and as_of_month <= $month
        and realised is not null
    group by region
)

select
    k.region,
    r.name as region_name,
    i.unit,
    p.realised,
    p.target_value,
    p.achievement,
    p.gain_per_10k,
    p.pace_ratio,
    p.status,
    p.status_uncertain,
    p.provisional,
    p.status_provisional,
    p.stand_month,
    k.rank_absolute,
    k.rank_achievement,
    k.rank_per_10k,
    k.rank_pace,
    p.is_demo,
    h.realised_series,
    h.complete_series
from mv_ranking as k
join mv_progress_monthly as p using (programme, indicator, as_of_month, region)
join region as r on r.code = k.region
join indicator as i on i.code = k.indicator
left join history as h using (region)
where k.programme = $programme and k.indicator = $indicator and k.as_of_month = $month
order by k.rank_achievement, r.name
