-- v_monthly_realised: realisations per target and month, summed over partners and sectors.
-- A month counts toward a target when it starts after the baseline month (what was on
-- offer at signing is the baseline) and before the deadline.
create view v_monthly_realised as
with counted as (
    select
        t.programme,
        t.region,
        t.indicator,
        o.period,
        sum(o.value) as realised_in_month,
        bool_or(o.is_demo) as is_demo,
        count(distinct o.submission_id) as submissions
    from target as t
    join observation as o
        on o.region = t.region
        and o.indicator = t.indicator
        and o.period > date_trunc('month', t.baseline_date)
        and o.period < t.deadline
    group by all
),

final as (
    select
        *,
        sum(realised_in_month) over (
            partition by programme, region, indicator order by period
        ) as realised_since_baseline
    from counted
)

select * from final;


-- v_progress: one row per target, at the last month with data.
--   realised R      = baseline B + sum of monthly realisations since the baseline
--   achievement     = R / T  (null when T = 0)
--   as_of_month     = last month with any realisation for this target
create view v_progress as
with latest as (
    select
        programme,
        region,
        indicator,
        max(period) as as_of_month,
        sum(realised_in_month) as realised_since_baseline,
        bool_or(is_demo) as observations_demo
    from v_monthly_realised
    group by all
),

final as (
    select
        t.programme,
        t.region,
        r.name as region_name,
        t.indicator,
        i.unit,
        t.baseline_value,
        t.baseline_date,
        t.target_value,
        t.deadline,
        l.as_of_month,
        coalesce(l.realised_since_baseline, 0) as realised_since_baseline,
        t.baseline_value + coalesce(l.realised_since_baseline, 0) as realised,
        (t.baseline_value + coalesce(l.realised_since_baseline, 0))
            / nullif(t.target_value, 0) as achievement,
        t.is_demo as target_is_demo,
        coalesce(l.observations_demo, false) as observations_demo,
        t.is_demo or coalesce(l.observations_demo, false) as is_demo,
        t.source
    from target as t
    join region as r on r.code = t.region
    join indicator as i on i.code = t.indicator
    left join latest as l using (programme, region, indicator)
)

select * from final;
