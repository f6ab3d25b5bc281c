-- v_trend: the Vergelijken sparkline of every region, per programme, indicator and as-of month
-- (issue 27: computed once per publish, not in every ranking request).
--   trend_values  realised R at the last 13 month ends up to the as-of month M (twelve months
--                 of change, and the month before, where the line starts); month ends whose R
--                 is null (before the baseline) are left out; no row when fewer than 2 month
--                 ends are known up to M
--   trend_open    the 0-based positions in trend_values of month ends whose deliveries were
--                 not complete (month_state partial or missing): drawn as open markers, a gap
--                 and never a dip; [] when every month was complete
-- Each known month end carries the line that ends there (a window of 13 known month ends); an
-- as-of month takes the line of its last known month end at or before it (asof join), so a
-- month whose R is null still shows the line up to the last known one.
-- trend_of(stand) reads any relation shaped like v_progress_stand, named by `stand`:
-- materialize.sql reads mv_progress_monthly, computed once per publish, as ranking_of does.
create macro trend_of(stand) as table
with known as (
    select programme, indicator, region, as_of_month,
        list(cast(realised as double)) over line as trend_values,
        list(coalesce(month_state, 'complete') = 'complete') over line as complete
    from query_table(stand)
    where realised is not null
    window line as (partition by programme, indicator, region order by as_of_month
                    rows between 12 preceding and current row)
),

asked as (
    select distinct programme, indicator, region, as_of_month from query_table(stand)
),

final as (
    select a.programme, a.indicator, a.as_of_month, a.region, k.trend_values,
        list_filter(range(len(k.complete)), lambda i: not k.complete[i + 1]) as trend_open
    from asked as a
    asof join known as k
        on a.programme = k.programme and a.indicator = k.indicator and a.region = k.region
        and a.as_of_month >= k.as_of_month
    where len(k.trend_values) >= 2
)

select * from final;

create view v_trend as
select * from trend_of('v_progress_stand');
