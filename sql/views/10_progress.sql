-- Progress methodology: the one definition of every progress metric.
-- Time is counted in whole months. A target with baseline date d0 and deadline d1 covers
-- the months after d0's month up to and including d1's month: for Rivierenland
-- (28-11-2005 → 28-11-2007) that is December 2005 … November 2007, 24 months. Figures
-- "as of" a month are those at the end of that month.


-- v_monthly_totals: realisations per region, indicator and month, summed over partners
-- and sectors.
create view v_monthly_totals as
select
    region,
    indicator,
    period,
    sum(value) as realised_in_month,
    count(distinct partner) as partners_reporting,
    bool_or(is_demo) as is_demo
from observation
group by all;


-- v_as_of_months: the months progress can be asked for, per programme: from the start
-- month to twelve months past the later of the programme's end and the last reported month.
create view v_as_of_months as
with bounds as (
    select
        p.code as programme,
        date_trunc('month', p.start_date) as first_month,
        date_trunc('month', greatest(p.end_date, coalesce(
            (select max(period) from observation), p.end_date))) + interval 12 month as last_month
    from programme as p
),

final as (
    select
        programme,
        cast(unnest(generate_series(cast(first_month as timestamp), cast(last_month as timestamp),
                                    interval 1 month)) as date) as as_of_month
    from bounds
)

select * from final;


-- v_target_in_force: for every target and as-of month, the version in force at the end of
-- that month (the latest version whose valid_from is on or before it). Before the first
-- version took effect, version 1 is shown so the as-of month can be compared with it.
create view v_target_in_force as
with versions as (
    select
        *,
        lead(valid_from) over (
            partition by programme, region, indicator order by version
        ) as valid_until,
        count(*) over (partition by programme, region, indicator) as version_count
    from target
),

final as (
    select
        m.as_of_month,
        last_day(m.as_of_month) as as_of_date,
        v.* exclude (valid_until)
    from v_as_of_months as m
    join versions as v
        on v.programme = m.programme
        and (v.valid_from <= last_day(m.as_of_month) or v.version = 1)
        and (v.valid_until is null or v.valid_until > last_day(m.as_of_month))
)

select * from final;


-- v_counted_months: the one definition of which months count in R (issue 23). For every
-- target version in force and as-of month (the rows of v_target_in_force): R counts the
-- months counted_from … counted_to, both included, that is every month after the baseline
-- month, up to the as-of month and no later than the deadline month (none when counted_from >
-- counted_to: before the baseline, or in its month). v_progress_monthly sums these months into
-- R, v_progress_stand counts the incomplete ones among them (provisional), v_contributions
-- splits them per partner and sector, and the region page's table per gemeente counts the
-- registry records in them: so every breakdown adds up to the card's gain R − B.
create view v_counted_months as
select
    *,
    cast(date_trunc('month', baseline_date) + interval 1 month as date) as counted_from,
    cast(least(as_of_month, date_trunc('month', deadline)) as date) as counted_to
from v_target_in_force;


-- v_progress_monthly: every metric, for every target at every as-of month.
--   months: elapsed k = as-of month − baseline month (clamped to 0 … total); total N =
--     deadline month − baseline month; remaining = N − k
--   realised      R = B + Σ monthly realisations over v_counted_months: after the baseline
--                     month, up to the as-of month and no later than the deadline month (null
--                     before the baseline)
--   achievement   R / T
--   elapsed       τ = k / N
--   expected      E = B + (T − B)·τ;  gap = R − E
--   run-rate      (R − B) / k          realised per month so far
--   required      max(T − R, 0) / (N − k)   per month from now to reach T by the deadline
--   pace ratio    ρ = (R − B) / (E − B)     (null when E = B: at the start, or when T ≤ B);
--                 the straight path so far, shown beside the status but not deciding it
--   recent pace   p = mean monthly realisation over the n complete months among the last m
--                     calendar months, m the setting 'recent_pace_months' (6, core/settings.py;
--                     v_completeness: a month nobody or only some of the expected partners
--                     reported is left out, not taken as 0 or as a dip);
--                     null when n = 0: there is no pace, and no projection
--   exactness     sums are DECIMAL and s comes from exact sums (n·Σx² − (Σx)²) / (n(n − 1)),
--                 so no figure depends on the order in which DuckDB's threads aggregate
--   projection    P = R + p·(N − k) (P = R once the deadline month is reached), interval
--                     P ± 1.96·(s/√n)·(N − k), s the standard deviation of those n ≥ 2 months
--                     (no interval with fewer); its low end never below R. P and the interval
--                     are rounded to whole units (counts, euros), as every page shows them, so
--                     the status is judged on the projection the reader sees: a shown 1.030
--                     against a target of 1.030 is on track, never "acceleration needed".
--   anticipated   α = (P − B) / (T − B): the gain the projection reaches by the deadline over
--                     the gain the target asks (UN ESCAP's anticipated progress: anticipated
--                     over required progress). α ≥ 1 ⇔ P ≥ T: the projection reaches the target.
--   month T is reached, projected = as-of month + m, m = ⌈(T − R) / p⌉ (null when p ≤ 0,
--                 unknown, or more than 1200 months away: "not at this pace"). m ≤ N − k ⇔ P ≥ T, so the month falls by the deadline month exactly
--                 when α ≥ 1; m is held to that side (least(m, N − k) when α ≥ 1, else at least
--                 N − k + 1) so a double's rounding at P = T cannot put the two apart.
--                 reached_after_deadline = that month is after the deadline month.
--   month reached  for an achieved target, the first as-of month under the same target version
--                 with R ≥ T (R never falls: figures are 0 or more), e.g. "Doel bereikt in feb 2007"
--   status        one rule, the first that holds:
--                   not_started    as-of before the baseline month
--                   achieved       R ≥ T (also when T ≤ B at signing)
--                   not_started    as-of in the baseline month
--                   not_achieved   the deadline has passed (as-of month's last day ≥ deadline)
--                   no_data        n = 0: nothing complete among the last m months (nothing
--                                  reported since the start, or only incomplete months): no pace
--                   else the band of α: the status of kind 'pace' whose min_ratio is the largest
--                     ≤ α (table status, data/reference/statuses.csv: on_track from α = 1, the
--                     schema allows no other value, acceleration_needed from 0.60 as Open SDG,
--                     limited_progress from 0, deterioration below). So a card is on track
--                     exactly when its projection reaches the target by the deadline, and "doel
--                     bereikt in" then falls by the deadline; any other band has P < T and a
--                     month after the deadline (or none: "not at this pace").
--   uncertain     for a band of α: the projection has no interval (n < 2) or its interval
--                 straddles T (low < T ≤ high), i.e. the band could be on the other side of
--                 "reaches the target"; never for the rule statuses
--   per 10,000    divided by the region's latest working-age population (15-74) × 10,000
-- progress_monthly_of(monthly_totals, completeness) computes it from any relations shaped like
-- v_monthly_totals and v_completeness, named by those arguments: the view passes the views, and
-- materialize.sql passes each computed once per publish. Inlined, the views were computed again
-- for every use (v_progress_stand reads this view three times and v_completeness three more):
-- ten aggregates over every figure, most of the publish's time after a large extract
-- (docs/benchmarks.md, intake round 4).
create macro progress_monthly_of(monthly_totals, completeness) as table
with base as (
    select
        *,
        date_trunc('month', baseline_date) as baseline_month,
        date_trunc('month', deadline) as deadline_month,
        datediff('month', date_trunc('month', baseline_date), as_of_month) as months_since_baseline,
        datediff('month', date_trunc('month', baseline_date), date_trunc('month', deadline)) as months_total
    from v_counted_months
),

realised as (
    select
        b.programme, b.region, b.indicator, b.as_of_month,
        sum(m.realised_in_month) as realised_since_baseline,
        count(*) as months_reported,
        max(m.period) as last_reported_month,
        bool_or(m.is_demo) as observations_demo
    from base as b
    join query_table(monthly_totals) as m
        on m.region = b.region
        and m.indicator = b.indicator
        and m.period between b.counted_from and b.counted_to
    group by all
),

recent_window as (
    select cast(value as integer) as months from setting where name = 'recent_pace_months'
),

recent as (
    select
        b.programme, b.region, b.indicator, b.as_of_month,
        count(*) as recent_months,
        sum(m.realised_in_month) as recent_sum,
        sum(m.realised_in_month * m.realised_in_month) as recent_sum_squares
    from base as b
    cross join recent_window as w
    join query_table(monthly_totals) as m
        on m.region = b.region
        and m.indicator = b.indicator
        and m.period > greatest(b.baseline_month, b.as_of_month - to_months(w.months))
        and m.period <= least(b.as_of_month, b.deadline_month)
    anti join query_table(completeness) as c
        on c.programme = b.programme and c.region = m.region and c.indicator = m.indicator
        and c.period = m.period and c.state <> 'complete'
    group by all
),

population_latest as (
    select region, arg_max(population_15_74, year) as population_15_74,
        arg_max(is_demo, year) as population_is_demo
    from population
    group by region
),

measured as (
    select
        b.*,
        least(greatest(b.months_since_baseline, 0), b.months_total) as months_elapsed,
        b.months_total - least(greatest(b.months_since_baseline, 0), b.months_total) as months_remaining,
        coalesce(r.realised_since_baseline, 0) as realised_since_baseline,
        coalesce(r.months_reported, 0) as months_reported,
        r.last_reported_month,
        case when b.months_since_baseline >= 0
            then b.baseline_value + coalesce(r.realised_since_baseline, 0) end as realised,
        coalesce(r.observations_demo, false) as observations_demo,
        coalesce(x.recent_months, 0) as recent_months,
        cast(x.recent_sum as double) / x.recent_months as recent_pace,
        case when x.recent_months >= 2 then sqrt(greatest(cast(
            x.recent_months * x.recent_sum_squares - x.recent_sum * x.recent_sum as double)
            / (x.recent_months * (x.recent_months - 1)), 0)) end as recent_sd,
        p.population_15_74,
        p.population_is_demo
    from base as b
    left join realised as r using (programme, region, indicator, as_of_month)
    left join recent as x using (programme, region, indicator, as_of_month)
    left join population_latest as p using (region)
),

paced as (
    select
        *,
        months_elapsed / months_total as elapsed_fraction,
        baseline_value + (target_value - baseline_value) * months_elapsed / months_total as expected,
        realised / nullif(target_value, 0) as achievement,
        (realised - baseline_value) / nullif(months_elapsed, 0) as run_rate,
        greatest(target_value - realised, 0) / nullif(months_remaining, 0) as required_per_month,
        (realised - baseline_value)
            / nullif((target_value - baseline_value) * months_elapsed / months_total, 0) as pace_ratio,
        round(realised + case when months_remaining = 0 then 0 else recent_pace * months_remaining end)
            as projected,
        case when recent_months >= 2 then 1.96 * recent_sd / sqrt(recent_months) * months_remaining
             when months_remaining = 0 then 0 end as projection_margin,
        case when (target_value - realised) / nullif(recent_pace, 0) <= 1200
            then cast(ceil((target_value - realised) / recent_pace) as integer) end as months_to_target
    from measured
),

anticipated as (
    select
        *,
        (projected - baseline_value) / nullif(target_value - baseline_value, 0) as anticipated_ratio
    from paced
),

classified as (
    select
        a.*,
        realised - expected as gap,
        case when projection_margin is not null
            then round(greatest(projected - projection_margin, realised)) end as projected_low,
        round(projected + projection_margin) as projected_high,
        case when realised < target_value and recent_pace > 0 and months_to_target is not null then
            case when anticipated_ratio >= 1 then least(months_to_target, months_remaining)
                 else greatest(months_to_target, months_remaining + 1) end
        end as months_to_reach,
        case
            when months_since_baseline < 0 then 'not_started'
            when realised >= target_value then 'achieved'
            when months_since_baseline = 0 then 'not_started'
            when as_of_date >= deadline then 'not_achieved'
            when recent_months = 0 then 'no_data'
            else s.code
        end as status
    from anticipated as a
    asof left join (select code, min_ratio from status where kind = 'pace') as s
        on a.anticipated_ratio >= s.min_ratio
),

final as (
    select
        programme, region, indicator, as_of_month, as_of_date,
        version, valid_from, version_count, version_count > 1 as amended, note,
        baseline_value, baseline_date, target_value, deadline, source,
        months_elapsed, months_total, months_remaining, elapsed_fraction,
        realised_since_baseline, realised, achievement, expected, gap,
        run_rate, required_per_month, pace_ratio, anticipated_ratio, status,
        status in (select code from status where kind = 'pace')
            and (projection_margin is null
                 or (projected_low < target_value and projected_high >= target_value)) as status_uncertain,
        recent_months, recent_pace, projected, projected_low, projected_high,
        cast(as_of_month + to_months(months_to_reach) as date) as projected_month_reached,
        coalesce(months_to_reach > months_remaining, false) as reached_after_deadline,
        case when status = 'achieved' then min(as_of_month) filter (where realised >= target_value)
            over (partition by programme, region, indicator, version) end as month_reached,
        months_reported, last_reported_month,
        population_15_74,
        realised / population_15_74 * 10000 as realised_per_10k,
        (realised - baseline_value) / population_15_74 * 10000 as gain_per_10k,
        target_value / population_15_74 * 10000 as target_per_10k,
        is_demo as target_is_demo,
        observations_demo,
        is_demo or observations_demo or coalesce(population_is_demo, false) as is_demo
    from classified
)

select * from final;

create view v_progress_monthly as
select * from progress_monthly_of('v_monthly_totals', 'v_completeness');
