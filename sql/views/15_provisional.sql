-- Provisional figures: status, pace and projection on the last complete month ("stand per"),
-- the default as-of month that one early file cannot move, and the partners who are behind
-- (issue 10). Completeness comes from sql/views/05_completeness.sql.


-- v_progress_stand: v_progress_monthly as the dashboard and the CLI show it, per target and
-- as-of month:
--   realised and every figure derived from it (achievement, expected, gap, run-rate, required,
--     per 10,000) at the as-of month, including whatever has arrived for incomplete months;
--   stand_month   the latest month up to the as-of month (and the deadline month) in which every
--                 expected partner delivered the indicator; when that is the as-of month itself
--                 or the deadline month, the as-of month;
--   status, pace ratio, recent pace and projection at the stand month, except that 'achieved'
--     (R ≥ T with what has arrived: later months only add, though a correction or withdrawal
--     in a later publication can lower R again) and 'not_started' are taken at the as-of month;
--   provisional          realised includes an incomplete month (after the baseline month, up
--                        to the as-of month and the deadline): marked voorlopig / provisional;
--   status_provisional   the status rests on a figure that includes an incomplete month;
--   month_state          the as-of month's completeness: complete, partial, missing, or null
--                        when nobody is expected to deliver in it.
create view v_progress_stand as
with targets as (
    select programme, region, indicator, as_of_month,
        cast(date_trunc('month', baseline_date) as date) as baseline_month,
        cast(date_trunc('month', deadline) as date) as deadline_month
    from v_progress_monthly
),

incomplete as (
    select t.programme, t.region, t.indicator, t.as_of_month, count(*) as months_incomplete
    from targets as t
    join v_completeness as c
        on c.programme = t.programme and c.region = t.region and c.indicator = t.indicator
        and c.state <> 'complete'
        and c.period > t.baseline_month and c.period <= least(t.as_of_month, t.deadline_month)
    group by all
),

last_complete as (
    select t.programme, t.region, t.indicator, t.as_of_month,
        least(t.as_of_month, t.deadline_month) as last_due,
        max(m.as_of_month) as last_complete
    from targets as t
    join v_as_of_months as m
        on m.programme = t.programme and m.as_of_month <= least(t.as_of_month, t.deadline_month)
    anti join v_completeness as c
        on c.programme = t.programme and c.region = t.region and c.indicator = t.indicator
        and c.period = m.as_of_month and c.state <> 'complete'
    group by all
),

stand as (
    select t.programme, t.region, t.indicator, t.as_of_month,
        case when l.last_complete is null or l.last_complete = l.last_due then t.as_of_month
             else l.last_complete end as stand_month
    from targets as t
    left join last_complete as l using (programme, region, indicator, as_of_month)
),

final as (
    select
        r.* exclude (status, status_uncertain, pace_ratio, recent_months, recent_pace, projected,
                     projected_low, projected_high, projected_month_reached, reached_after_deadline),
        case when r.status in ('achieved', 'not_started') then r.status else s.status end as status,
        coalesce(case when r.status in ('achieved', 'not_started') then r.status_uncertain
                      else s.status_uncertain end, false) as status_uncertain,
        s.realised as stand_realised,
        s.pace_ratio, s.recent_months, s.recent_pace, s.projected, s.projected_low,
        s.projected_high, s.projected_month_reached,
        coalesce(s.reached_after_deadline, false) as reached_after_deadline,
        st.stand_month,
        coalesce(i.months_incomplete, 0) as months_incomplete,
        coalesce(i.months_incomplete, 0) > 0 as provisional,
        r.status not in ('achieved', 'not_started') and coalesce(si.months_incomplete, 0) > 0
            as status_provisional,
        c.state as month_state,
        c.partners_expected as month_partners_expected,
        c.partners_delivered as month_partners_delivered,
        c.partners_missing as month_partners_missing
    from v_progress_monthly as r
    join stand as st using (programme, region, indicator, as_of_month)
    join v_progress_monthly as s
        on s.programme = r.programme and s.region = r.region and s.indicator = r.indicator
        and s.as_of_month = st.stand_month
    left join incomplete as i
        on i.programme = r.programme and i.region = r.region and i.indicator = r.indicator
        and i.as_of_month = r.as_of_month
    left join incomplete as si
        on si.programme = r.programme and si.region = r.region and si.indicator = r.indicator
        and si.as_of_month = st.stand_month
    left join v_completeness as c
        on c.programme = r.programme and c.region = r.region and c.indicator = r.indicator
        and c.period = r.as_of_month
)

select * from final;


-- v_current_month: the month the dashboard shows by default, per programme: the latest month
-- that is complete (every expected partner delivered every indicator) for at least the share
-- of regions in setting 'default_month_complete_share' (core/settings.py), among the
-- regions expected to deliver that month; the programme's start month when no month is.
-- One early file for one region cannot move it. regions_complete / regions_expected say why.
create view v_current_month as
with region_months as (
    select programme, region, period, bool_and(state = 'complete') as complete
    from v_completeness
    group by all
),

shares as (
    select programme, period,
        count(*) filter (where complete) as regions_complete,
        count(*) as regions_expected
    from region_months
    group by all
),

required as (
    select value as share from setting where name = 'default_month_complete_share'
),

chosen as (
    select s.programme, max(s.period) as period
    from shares as s, required as q
    where s.regions_complete >= q.share * s.regions_expected
    group by all
),

final as (
    select
        p.code as programme,
        coalesce(c.period, cast(date_trunc('month', p.start_date) as date)) as as_of_month,
        s.regions_complete,
        s.regions_expected,
        (select share from required) as share_required
    from programme as p
    left join chosen as c on c.programme = p.code
    left join shares as s on s.programme = p.code and s.period = c.period
)

select * from final;


-- v_progress: v_progress_stand at each programme's current month, with region and indicator
-- names for display.
create view v_progress as
select
    p.*,
    r.name as region_name,
    i.unit
from v_progress_stand as p
join v_current_month as c using (programme, as_of_month)
join region as r on r.code = p.region
join indicator as i on i.code = p.indicator;


-- v_due_month: the latest month reported on by at least the share in setting
-- 'due_month_reported_share' of the regions with reporting obligations. Partners that have not
-- delivered it are behind; one region reporting ahead makes no one late.
create view v_due_month as
with reported as (
    select period, count(distinct region) as regions from observation group by period
),

final as (
    select max(period) as due_month
    from reported
    where regions >= (select value from setting where name = 'due_month_reported_share')
                     * (select count(distinct region) from v_obligation)
)

select * from final;


-- v_late_partners: per programme, region and partner, who is behind and since when, for the
-- region page and the stewards' reminder list.
--   due month       v_due_month; an obligation is due up to the earlier of that month and
--                   its last month
--   months_behind   due month − the last month delivered (per indicator; the largest here)
--   behind_since    the first month after the last one delivered (per indicator; the earliest)
--   months_missing  months up to the due month with at least one expected indicator missing,
--                   gaps earlier in the series included
create view v_late_partners as
with due as (
    select due_month from v_due_month
),

per_obligation as (
    select
        o.programme, o.region, o.partner, o.indicator, o.first_month,
        least(o.last_month, d.due_month) as due_month,
        max(x.period) as last_delivered
    from v_obligation as o
    cross join due as d
    left join (select distinct region, partner, indicator, period from observation) as x
        on x.region = o.region and x.partner = o.partner and x.indicator = o.indicator
        and x.period between o.first_month and least(o.last_month, d.due_month)
    where o.first_month <= d.due_month
    group by all
),

behind as (
    select
        *,
        datediff('month', coalesce(last_delivered, cast(first_month - interval 1 month as date)),
                 due_month) as months_behind,
        cast(coalesce(last_delivered + interval 1 month, first_month) as date) as behind_since
    from per_obligation
),

missing as (
    select programme, region, partner, count(distinct period) as months_missing
    from (select programme, region, period, unnest(partners_missing) as partner from v_completeness)
    where period <= (select due_month from due)
    group by all
),

per_partner as (
    select
        programme, region, partner,
        max(months_behind) as months_behind,
        min(behind_since) filter (where months_behind > 0) as behind_since,
        max(last_delivered) as last_delivered,
        coalesce(list(indicator order by indicator) filter (where months_behind > 0), [])
            as indicators_behind,
        max(due_month) as due_month
    from behind
    group by all
),

final as (
    select p.*, coalesce(m.months_missing, 0) as months_missing
    from per_partner as p
    left join missing as m using (programme, region, partner)
    where p.months_behind > 0 or coalesce(m.months_missing, 0) > 0
)

select * from final;
