-- v_contributions: who delivers a region's realisations. Per target, partner and sector, the
-- sum of realisations after the baseline month up to the deadline month, and its share of
-- the region's total for that indicator.
create view v_contributions as
with counted as (
    select
        t.programme,
        t.region,
        t.indicator,
        o.partner,
        o.sector,
        sum(o.value) as realised,
        count(distinct o.submission_id) as submissions,
        bool_or(o.is_demo) as is_demo
    from (select distinct programme, region, indicator, baseline_date, deadline
          from target where version = 1) as t
    join observation as o
        on o.region = t.region
        and o.indicator = t.indicator
        and o.period > date_trunc('month', t.baseline_date)
        and o.period <= date_trunc('month', t.deadline)
    group by all
),

final as (
    select
        *,
        realised / nullif(sum(realised) over (partition by programme, region, indicator), 0) as share
    from counted
)

select * from final;


-- v_coverage: which months each partner reported for a region (any indicator), over the
-- programme's months up to the last month anyone reported; reported = false marks a gap.
create view v_coverage as
with partners as (
    select distinct region, partner from observation
),

months as (
    select m.programme, m.as_of_month as period
    from v_as_of_months as m
    join programme as p on p.code = m.programme
    where m.as_of_month > date_trunc('month', p.start_date)
        and m.as_of_month <= (select max(period) from observation)
),

reported as (
    select region, partner, period, count(*) as rows_reported
    from observation
    group by all
),

final as (
    select
        m.programme,
        p.region,
        p.partner,
        m.period,
        coalesce(r.rows_reported, 0) as rows_reported,
        r.rows_reported is not null as reported
    from months as m
    cross join partners as p
    left join reported as r using (region, partner, period)
)

select * from final;


-- v_freshness: per region and partner, the last month reported, when its latest file came
-- in, and how many months it lags behind the due month (v_due_month; never below 0, so a
-- partner reporting ahead is not behind and one early file makes no one late).
create view v_freshness as
with latest as (
    select
        o.region,
        o.partner,
        max(o.period) as last_period,
        max(s.received_at) as last_received_at,
        count(distinct s.id) as submissions
    from observation as o
    join submission as s on s.id = o.submission_id
    group by all
),

final as (
    select
        *,
        greatest(datediff('month', last_period, (select due_month from v_due_month)), 0)
            as months_behind
    from latest
)

select * from final;
