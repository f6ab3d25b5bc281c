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
--   status_month  the month the status is taken at: the stand month, except the as-of month for
--                 'achieved' (R ≥ T with what has arrived: later months only add, though a
--                 correction or withdrawal in a later publication can lower R again) and
--                 'not_started', and when the target was amended after the stand month (the
--                 stand month was judged against another target);
--   status and everything it is decided from (pace ratio ρ, recent pace, projection and its
--     interval, anticipated progress α, the month the target is reached, uncertainty) come as one
--     block from the row of v_progress_monthly at the status month, under the same target
--     version, so status, projection and "doel bereikt in" cannot come from two months or two
--     targets (issue 23); stand_realised is R at that month, where the projection starts;
--   months_incomplete    the incomplete months (v_completeness: partial or missing) among the
--                        months R counts (v_counted_months);
--   provisional          months_incomplete > 0: R includes a month not every expected partner
--                        delivered. The one definition of a provisional figure: the cards, map,
--                        ranking, national sums, exports and the CLI all mark this flag;
--   status_provisional   the status rests on a figure that includes an incomplete month
--                        (R at the status month; never for 'achieved' or 'not_started');
--   month_state          the as-of month's completeness: complete, partial, missing, or null
--                        when nobody is expected to deliver in it.
-- progress_stand_of(monthly, completeness) computes it from any relations shaped like
-- v_progress_monthly and v_completeness, named by those arguments: the view passes the views,
-- materialize.sql passes each computed once per publish (progress_monthly_of says why).
create macro progress_stand_of(monthly, completeness) as table
with targets as materialized (
    select programme, region, indicator, as_of_month, status, version,
        cast(date_trunc('month', deadline) as date) as deadline_month
    from query_table(monthly)
),

incomplete as (
    select w.programme, w.region, w.indicator, w.as_of_month, count(*) as months_incomplete
    from v_counted_months as w
    join query_table(completeness) as c
        on c.programme = w.programme and c.region = w.region and c.indicator = w.indicator
        and c.period between w.counted_from and w.counted_to
    where c.state <> 'complete'
    group by all
),

last_complete as (
    select t.programme, t.region, t.indicator, t.as_of_month,
        least(t.as_of_month, t.deadline_month) as last_due,
        max(m.as_of_month) as last_complete
    from targets as t
    join v_as_of_months as m
        on m.programme = t.programme and m.as_of_month <= least(t.as_of_month, t.deadline_month)
    anti join query_table(completeness) as c
        on c.programme = t.programme and c.region = t.region and c.indicator = t.indicator
        and c.period = m.as_of_month and c.state <> 'complete'
    group by all
),

stand as (
    select t.programme, t.region, t.indicator, t.as_of_month, t.status, t.version,
        case when l.last_complete is null or l.last_complete = l.last_due then t.as_of_month
             else l.last_complete end as stand_month
    from targets as t
    left join last_complete as l using (programme, region, indicator, as_of_month)
),

status_months as (
    select st.programme, st.region, st.indicator, st.as_of_month, st.stand_month,
        case when st.status in ('achieved', 'not_started') or v.version <> st.version
             then st.as_of_month else st.stand_month end as status_month
    from stand as st
    left join targets as v
        on v.programme = st.programme and v.region = st.region and v.indicator = st.indicator
        and v.as_of_month = st.stand_month
),

final as (
    select
        r.* exclude (status, status_uncertain, pace_ratio, anticipated_ratio, recent_months, recent_pace,
                     projected, projected_low, projected_high, projected_month_reached,
                     reached_after_deadline),
        s.status,
        coalesce(s.status_uncertain, false) as status_uncertain,
        s.realised as stand_realised,
        s.pace_ratio, s.anticipated_ratio, s.recent_months, s.recent_pace, s.projected,
        s.projected_low, s.projected_high, s.projected_month_reached,
        coalesce(s.reached_after_deadline, false) as reached_after_deadline,
        st.stand_month,
        st.status_month,
        coalesce(i.months_incomplete, 0) as months_incomplete,
        coalesce(i.months_incomplete, 0) > 0 as provisional,
        s.status not in ('achieved', 'not_started') and coalesce(si.months_incomplete, 0) > 0
            as status_provisional,
        c.state as month_state,
        c.partners_expected as month_partners_expected,
        c.partners_delivered as month_partners_delivered,
        c.partners_missing as month_partners_missing
    from query_table(monthly) as r
    join status_months as st using (programme, region, indicator, as_of_month)
    join query_table(monthly) as s   -- the row the status block comes from
        on s.programme = r.programme and s.region = r.region and s.indicator = r.indicator
        and s.as_of_month = st.status_month
    left join incomplete as i
        on i.programme = r.programme and i.region = r.region and i.indicator = r.indicator
        and i.as_of_month = r.as_of_month
    left join incomplete as si
        on si.programme = r.programme and si.region = r.region and si.indicator = r.indicator
        and si.as_of_month = st.status_month
    left join query_table(completeness) as c
        on c.programme = r.programme and c.region = r.region and c.indicator = r.indicator
        and c.period = r.as_of_month
)

select * from final;

create view v_progress_stand as
select * from progress_stand_of('v_progress_monthly', 'v_completeness');


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


-- v_partner_delivery: the one definition of a partner behind (issue 23). Per programme, region
-- and partner with a reporting obligation (v_obligation), how its deliveries stand:
--   due month       v_due_month; an obligation is due up to the earlier of that month and
--                   its last month (an obligation that starts later is not due yet)
--   months_behind   due month − the last month delivered (per indicator; the largest here)
--   behind_since    the first month after the last one delivered (per indicator; the earliest)
--   behind          months_behind > 0: not every indicator it owes is delivered up to the due
--                   month. "Partners behind" on every page, in `regiomonitor progress` and in
--                   the reminder list are these region × partner pairs; v_late_counts counts them
--                   and the distinct partners among them
--   months_missing  months up to the due month with at least one expected indicator missing,
--                   gaps earlier in the series included
--   last_reported   the latest month it reported for the region, any indicator (may lie after
--                   the due month); last_received_at and files: its latest file, and how many
create view v_partner_delivery as
with due as (
    select due_month from v_due_month
),

per_obligation as (
    select
        o.programme, o.region, o.partner, o.indicator, o.first_month,
        least(o.last_month, d.due_month) as due_month,
        coalesce(o.first_month <= d.due_month, false) as is_due,
        max(x.period) as last_delivered
    from v_obligation as o
    cross join due as d
    left join (select distinct region, partner, indicator, period from observation) as x
        on x.region = o.region and x.partner = o.partner and x.indicator = o.indicator
        and x.period between o.first_month and least(o.last_month, d.due_month)
    group by all
),

behind as (
    select
        *,
        case when is_due then datediff('month', coalesce(last_delivered,
                                                         cast(first_month - interval 1 month as date)),
                                       due_month) else 0 end as months_behind,
        cast(coalesce(last_delivered + interval 1 month, first_month) as date) as behind_since
    from per_obligation
),

missing as (
    select programme, region, partner, count(distinct period) as months_missing
    from (select programme, region, period, unnest(partners_missing) as partner from v_completeness)
    where period <= (select due_month from due)
    group by all
),

files as (
    select o.region, o.partner, max(o.period) as last_reported, max(s.received_at) as last_received_at,
        count(distinct s.id) as files
    from observation as o
    join submission as s on s.id = o.submission_id
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
        max(due_month) filter (where is_due) as due_month
    from behind
    group by all
),

final as (
    select
        p.programme, p.region, p.partner, p.months_behind, p.behind_since, p.last_delivered,
        p.indicators_behind, p.due_month,
        coalesce(m.months_missing, 0) as months_missing,
        p.months_behind > 0 as behind,
        f.last_reported, f.last_received_at, coalesce(f.files, 0) as files
    from per_partner as p
    left join missing as m using (programme, region, partner)
    left join files as f using (region, partner)
)

select * from final;


-- v_late_partners: the pairs of v_partner_delivery that are behind or miss earlier months, for
-- the region page's "Late deliveries", the CLI and the stewards' reminder list.
-- v_late_counts: the counts the Data page says, per programme:
--   pairs             region × partner pairs with a reporting obligation
--   pairs_behind      pairs behind (months_behind > 0)
--   partners_behind   distinct partners among them (one partner behind in three regions: 1)
--   pairs_gaps_only   pairs up to date that still miss earlier months (months_missing > 0)
--   pairs_listed      pairs_behind + pairs_gaps_only: the rows of v_late_partners
-- late_partners_of(delivery) and late_counts_of(delivery) read any relation shaped like
-- v_partner_delivery, named by `delivery`, as ranking_of (20_ranking.sql) does: the views read
-- the view, materialize.sql reads mv_partner_delivery instead of computing it three times.
create macro late_partners_of(delivery) as table
select programme, region, partner, behind, months_behind, behind_since, last_delivered,
    indicators_behind, due_month, months_missing
from query_table(delivery)
where behind or months_missing > 0;

create macro late_counts_of(delivery) as table
select
    programme,
    (select due_month from v_due_month) as due_month,
    count(*) as pairs,
    count(*) filter (where behind) as pairs_behind,
    count(distinct partner) filter (where behind) as partners_behind,
    count(*) filter (where not behind and months_missing > 0) as pairs_gaps_only,
    count(*) filter (where behind or months_missing > 0) as pairs_listed
from query_table(delivery)
group by programme;

create view v_late_partners as
select * from late_partners_of('v_partner_delivery');

create view v_late_counts as
select * from late_counts_of('v_partner_delivery');
