-- Completeness: who is expected to deliver what, and what has arrived (issue 10).
-- A month a partner has not delivered is "missing", never a zero: the progress views compute
-- status, pace and projection on the last complete month and mark anything later provisional
-- (sql/views/15_provisional.sql).


-- v_obligation: the reporting obligations in force, per programme, region, partner and indicator:
-- every row of the register (table reporting_obligation, data/reference/obligations.csv) and,
-- where the register names none, the default rule: a partner that has delivered an indicator
-- for a region is expected to deliver it every month from its first delivered month until the
-- target's deadline month (the programme's end month when the region has no target for it).
create view v_obligation as
with deadlines as (
    select programme, region, indicator, cast(date_trunc('month', max(deadline)) as date) as deadline_month
    from target
    group by all
),

delivered as (
    select p.code as programme, o.region, o.partner, o.indicator, min(o.period) as first_month
    from observation as o
    join programme as p
        on o.period between date_trunc('month', p.start_date) and date_trunc('month', p.end_date)
    group by all
),

registered as (
    select r.programme, r.region, r.partner, r.indicator, r.first_month,
        coalesce(r.last_month, d.deadline_month, cast(date_trunc('month', p.end_date) as date)) as last_month,
        'register' as source
    from reporting_obligation as r
    join programme as p on p.code = r.programme
    left join deadlines as d using (programme, region, indicator)
),

defaulted as (
    select x.programme, x.region, x.partner, x.indicator, x.first_month,
        coalesce(d.deadline_month, cast(date_trunc('month', p.end_date) as date)) as last_month,
        'default' as source
    from delivered as x
    join programme as p on p.code = x.programme
    left join deadlines as d using (programme, region, indicator)
    anti join reporting_obligation as r using (programme, region, partner, indicator)
),

final as (
    select * from registered
    union all
    select * from defaulted
)

select * from final;


-- v_completeness: per programme, region, indicator and month in which anyone is expected to
-- deliver: how many partners were expected (n) and how many delivered (k), and the state:
--   complete  k = n        partial  0 < k < n        missing  k = 0
-- A month without a row here has no obligation: nothing is owed, so it counts as complete.
create view v_completeness as
with expected as (
    select programme, region, indicator, partner,
        cast(unnest(generate_series(cast(first_month as timestamp), cast(last_month as timestamp),
                                    interval 1 month)) as date) as period
    from v_obligation
),

delivered as (
    select distinct region, indicator, partner, period from observation
),

counted as (
    select
        e.programme, e.region, e.indicator, e.period,
        count(*) as partners_expected,
        count(d.partner) as partners_delivered,
        coalesce(list(e.partner order by e.partner) filter (where d.partner is null), [])
            as partners_missing
    from expected as e
    left join delivered as d using (region, indicator, partner, period)
    group by all
),

final as (
    select
        *,
        case when partners_delivered = partners_expected then 'complete'
             when partners_delivered = 0 then 'missing'
             else 'partial' end as state
    from counted
)

select * from final;
