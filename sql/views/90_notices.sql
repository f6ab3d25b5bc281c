-- v_notice: what each publication tells the people who follow a region (issue 24), one row per
-- notice, read by the Atom feeds (dashboard/feeds.py) and the mail digests (pipelines/notify.py):
--
--   publication   the publication changed this region's figures (figures: how many)
--   status        a region × indicator's status differs from the publication before that
--                 recorded one (published_status): status_from → status_to
--   corrected     a published figure got another value (figure_change, old and new)
--   withdrawn     a published figure was withdrawn (figure_change, new_value null)
--   added         a new figure (figure_change, old_value null): counted by `publication`, told
--                 one by one only to the partner whose figure it is
--   held          a figure held for a steward's review (held_figure), in the first publication
--                 that showed it (held_told, carried across rebuilds, so a rebuild tells it in
--                 the same publication): told only to the partner whose figure it is
--   rejected      a steward rejected a held figure (review_decision, with the reason): told only
--                 to the partner whose figure it is, never in a public feed
--
-- The first publication compares with nothing and tells nothing. A notice's key (publication,
-- kind, region, indicator, period, partner, sector) never changes: the feeds' ids rest on it.
create view v_notice as
with figure_notices as (
    select
        c.publication,
        case when c.new_value is null then 'withdrawn'
             when c.old_value is null then 'added'
             else 'corrected' end as kind,
        c.region, c.indicator, c.period, c.partner, c.sector,
        c.old_value, c.new_value,
        null::varchar as status_from, null::varchar as status_to,
        null::integer as figures,
        c.submission_id,
        null::varchar as reason
    from figure_change as c
),

publications as (
    select
        publication, 'publication' as kind, region,
        null::varchar as indicator, null::date as period, null::varchar as partner,
        null::varchar as sector, null::decimal(18, 2) as old_value, null::decimal(18, 2) as new_value,
        null::varchar as status_from, null::varchar as status_to,
        count(*)::integer as figures,
        null::varchar as submission_id,
        null::varchar as reason
    from figure_change
    group by publication, region
),

previous as (   -- each publication with the one before it that recorded statuses
    select p.id as publication,
        (select max(q.publication) from published_status as q where q.publication < p.id) as before
    from publication as p
),

status_changes as (
    select
        n.publication, 'status' as kind, n.region, n.indicator,
        null::date as period, null::varchar as partner, null::varchar as sector,
        null::decimal(18, 2) as old_value, null::decimal(18, 2) as new_value,
        o.status as status_from, n.status as status_to,
        null::integer as figures, null::varchar as submission_id, null::varchar as reason
    from published_status as n
    join previous as v on v.publication = n.publication
    join published_status as o
        on o.publication = v.before and o.programme = n.programme
        and o.region = n.region and o.indicator = n.indicator
    where o.status <> n.status
),

rejections as (
    select
        d.publication, 'rejected' as kind, h.region, h.indicator, h.period, h.partner, h.sector,
        h.old_value, h.value as new_value,
        null::varchar as status_from, null::varchar as status_to,
        null::integer as figures, d.submission_id, d.reason
    from review_decision as d
    join held_figure as h using (submission_id, source_row)
    where d.decision = 'rejected' and d.publication is not null
),

holds as (
    select
        t.publication,
        'held' as kind, h.region, h.indicator, h.period, h.partner, h.sector,
        h.old_value, h.value as new_value,
        null::varchar as status_from, null::varchar as status_to,
        null::integer as figures, h.submission_id, null::varchar as reason
    from held_figure as h
    join held_told as t using (submission_id, source_row)
),

notices as (
    select * from figure_notices
    union all select * from publications
    union all select * from status_changes
    union all select * from holds
    union all select * from rejections
),

final as (
    select
        n.publication,
        p.published_at,
        n.kind,
        n.region,
        r.name as region_name,
        n.indicator,
        i.label_nl as indicator_nl,
        i.label_en as indicator_en,
        i.unit,
        n.period,
        n.partner,
        pa.name_nl as partner_nl,
        pa.name_en as partner_en,
        n.sector,
        n.old_value,
        n.new_value,
        n.status_from,
        sf.label_nl as status_from_nl,
        sf.label_en as status_from_en,
        n.status_to,
        st.label_nl as status_to_nl,
        st.label_en as status_to_en,
        n.figures,
        n.submission_id,
        s.file_name,
        n.reason
    from notices as n
    join publication as p on p.id = n.publication
    join region as r on r.code = n.region
    left join indicator as i on i.code = n.indicator
    left join partner as pa on pa.code = n.partner
    left join status as sf on sf.code = n.status_from
    left join status as st on st.code = n.status_to
    left join submission as s on s.id = n.submission_id
    where not p.first
)

select * from final;
