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


-- v_progress_monthly: every metric, for every target at every as-of month.
--   months: elapsed k = as-of month − baseline month (clamped to 0 … total); total N =
--     deadline month − baseline month; remaining = N − k
--   realised      R = B + Σ monthly realisations after the baseline month, up to the as-of
--                     month and no later than the deadline month (null before the baseline)
--   achievement   R / T
--   elapsed       τ = k / N
--   expected      E = B + (T − B)·τ;  gap = R − E
--   run-rate      (R − B) / k          realised per month so far
--   required      max(T − R, 0) / (N − k)   per month from now to reach T by the deadline
--   pace ratio    ρ = (R − B) / (E − B)     (null when E = B: at the start, or when T ≤ B)
--   recent pace   p = mean monthly realisation over the complete months among the last n
--                     calendar months, n the setting 'recent_pace_months' (core/settings.py;
--                     v_completeness: a month nobody or only some of the expected partners
--                     reported is left out, not taken as 0 or as a dip)
--   exactness     sums are DECIMAL and s comes from exact sums (n·Σx² − (Σx)²) / (n(n − 1)),
--                 so no figure depends on the order in which DuckDB's threads aggregate
--   projection    P = R + p·(N − k), interval P ± 1.96·(s/√n)·(N − k), s the standard
--                     deviation of those n ≥ 2 months (no interval with fewer); never below R
--   projected month T is reached = as-of month + ⌈(T − R) / p⌉ (null when p ≤ 0)
--   month reached  for an achieved target, the first as-of month under the same target version
--                 with R ≥ T (R never falls: figures are 0 or more), e.g. "Doel bereikt in feb 2007"
--   status        not_started (as-of before the baseline month) → achieved (R ≥ T, also
--                 when T ≤ B at signing) → not_started (as-of in the baseline month) →
--                 not_achieved (deadline passed) → no_data (nothing reported since the
--                 baseline) → the pace status whose min_ratio is the largest ≤ ρ (table status)
--   uncertain     the projection interval straddles T (low < T ≤ high) for a pace status
--   per 10,000    divided by the region's latest working-age population (15-74) × 10,000
create view v_progress_monthly as
with base as (
    select
        *,
        date_trunc('month', baseline_date) as baseline_month,
        date_trunc('month', deadline) as deadline_month,
        datediff('month', date_trunc('month', baseline_date), as_of_month) as months_since_baseline,
        datediff('month', date_trunc('month', baseline_date), date_trunc('month', deadline)) as months_total
    from v_target_in_force
),

realised as (
    select
        b.programme, b.region, b.indicator, b.as_of_month,
        sum(m.realised_in_month) as realised_since_baseline,
        count(*) as months_reported,
        max(m.period) as last_reported_month,
        bool_or(m.is_demo) as observations_demo
    from base as b
    join v_monthly_totals as m
        on m.region = b.region
        and m.indicator = b.indicator
        and m.period > b.baseline_month
        and m.period <= least(b.as_of_month, b.deadline_month)
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
    join v_monthly_totals as m
        on m.region = b.region
        and m.indicator = b.indicator
        and m.period > greatest(b.baseline_month, b.as_of_month - to_months(w.months))
        and m.period <= least(b.as_of_month, b.deadline_month)
    anti join v_completeness as c
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
        realised + coalesce(recent_pace, 0) * months_remaining as projected,
        case when recent_months >= 2 then 1.96 * recent_sd / sqrt(recent_months) * months_remaining
             when months_remaining = 0 then 0 end as projection_margin
    from measured
),

classified as (
    select
        p.*,
        realised - expected as gap,
        case when projection_margin is not null
            then greatest(projected - projection_margin, realised) end as projected_low,
        projected + projection_margin as projected_high,
        case
            when realised >= target_value then null
            when recent_pace > 0 then cast(as_of_month + to_months(
                cast(ceil((target_value - realised) / recent_pace) as integer)) as date)
        end as projected_month_reached,
        case
            when months_since_baseline < 0 then 'not_started'
            when realised >= target_value then 'achieved'
            when months_since_baseline = 0 then 'not_started'
            when as_of_date >= deadline then 'not_achieved'
            when months_reported = 0 then 'no_data'
            else s.code
        end as status
    from paced as p
    asof left join (select code, min_ratio from status where kind = 'pace') as s
        on p.pace_ratio >= s.min_ratio
),

final as (
    select
        programme, region, indicator, as_of_month, as_of_date,
        version, valid_from, version_count, version_count > 1 as amended, note,
        baseline_value, baseline_date, target_value, deadline, source,
        months_elapsed, months_total, months_remaining, elapsed_fraction,
        realised_since_baseline, realised, achievement, expected, gap,
        run_rate, required_per_month, pace_ratio, status,
        status in ('on_track', 'acceleration_needed', 'limited_progress', 'deterioration')
            and projected_low < target_value and projected_high >= target_value as status_uncertain,
        recent_months, recent_pace, projected, projected_low, projected_high,
        projected_month_reached,
        projected_month_reached is not null
            and projected_month_reached > deadline_month as reached_after_deadline,
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
