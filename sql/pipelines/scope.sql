-- What a registry extract is a complete statement for (issue 23): its scope is
--     regions × indicators × partners × months first..last
-- from its valid records, whatever their status: the regions, indicators and partners they
-- name, and every month from the first record's to the last record's (a month in between
-- without records is a month with none). A cancelled record still shows that the register
-- covers its month. Inside the scope the extract says everything: a published figure it no
-- longer supports (its records gone, or all of them of a status that does not count) is
-- withdrawn (changes.sql), and an extract's gemeente counts replace the earlier ones there
-- (gemeente_counts.sql). Outside it nothing changes. A partner file states only its own rows
-- (the revision rule), so its scope is empty. One pass over intake_group.
create or replace temp table intake_scope as
with covered as (
    select list(distinct region) as regions, list(distinct indicator) as indicators,
           list(distinct partner) as partners, min(period) as first_month,
           max(period) as last_month
    from intake_group
    where kind = 'registry' and ok
),
final as (
    select r.region, i.indicator, p.partner, c.first_month, c.last_month
    from covered as c
    cross join unnest(c.regions) as r (region)
    cross join unnest(c.indicators) as i (indicator)
    cross join unnest(c.partners) as p (partner)
)
select * from final;
