-- The Vergelijken ranking: every region with a target at one programme, indicator and month,
-- its ranks from mv_ranking, and its sparkline, ready to draw (issue 15: the page only formats).
-- All regions at the common month $month (sql/views/20_ranking.sql); status_month, the month
-- α and the status rest on (sql/views/15_provisional.sql), is shown in every row
-- ("Pace and status as of").
--   trend_values, trend_open  the sparkline, from mv_trend (sql/views/25_trend.sql says which
--                 months and why); null when fewer than 2 month ends are known
--   context_per_10k   expected given context (sql/views/80_context.sql), per 10.000 inhabitants
--   context_ratio     realised per 10.000 / context_per_10k; null when the region has no figure
with final as (
    select
        k.region,
        r.name as region_name,
        i.unit,
        p.realised,
        p.target_value,
        p.achievement,
        p.gain_per_10k,
        p.pace_ratio,
        p.anticipated_ratio,
        p.status,
        p.status_uncertain,
        p.provisional,
        p.status_provisional,
        p.stand_month,
        p.status_month,
        k.rank_absolute,
        k.rank_achievement,
        k.rank_per_10k,
        k.rank_pace,
        p.is_demo,
        x.expected_per_10k as context_per_10k,
        p.realised_per_10k / x.expected_per_10k as context_ratio,
        x.no_figure as context_no_figure,
        h.trend_values,
        h.trend_open
    from mv_ranking as k
    join mv_progress_monthly as p using (programme, indicator, as_of_month, region)
    join region as r on r.code = k.region
    join indicator as i on i.code = k.indicator
    left join mv_trend as h using (programme, indicator, as_of_month, region)
    left join v_context_expected as x using (programme, indicator, region)
    where k.programme = $programme and k.indicator = $indicator and k.as_of_month = $month
)

select * from final
order by rank_achievement, region_name
