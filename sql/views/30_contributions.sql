-- v_contributions: who delivers a region's realisations, per target, as-of month, partner and
-- sector: the sum of the partner's realisations over the months R counts at that as-of month
-- (v_counted_months: after the baseline month, up to the as-of month and no later than the
-- deadline month), and its share of the region's gain for that indicator. Issue 23: the
-- partners' rows of one as-of month add up to v_progress_monthly.realised_since_baseline, the
-- gain R − B on the card of that month, never to months the card does not count.
--   realised   Σ value over the counted months
--   share      realised / Σ realised of all partners and sectors (null when that is 0)
create view v_contributions as
with counted as (
    select
        w.programme,
        w.region,
        w.indicator,
        w.as_of_month,
        o.partner,
        o.sector,
        sum(o.value) as realised,
        bool_or(o.is_demo) as is_demo
    from v_counted_months as w
    join observation as o
        on o.region = w.region and o.indicator = w.indicator
        and o.period between w.counted_from and w.counted_to
    group by all
),

final as (
    select
        *,
        realised / nullif(sum(realised) over (partition by programme, region, indicator, as_of_month), 0)
            as share
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
