-- v_registry_gemeente: registry records per gemeente under both boundary views (issue 5).
--   boundary 'signing'  the region each gemeente belonged to when the programme was signed
--                       (gemeente_region_at_signing); a gemeente created later is unassigned
--   boundary 'current'  today's boundaries: a former gemeente counts for its successor
--                       (CBS "constant boundaries", gemeente_region_current)
-- Only counts still in force: a registry file whose figures a later file revised (same
-- region, partner and month) no longer counts for those months.
create view v_registry_gemeente as
with live as (
    select c.*
    from registry_gemeente_count as c
    where exists (
        select 1 from observation as o
        where o.submission_id = c.submission_id and o.region = c.region
            and o.partner = c.partner and o.period = c.period
    )
),

at_signing as (
    select p.code as programme, 'signing' as boundary, s.region, l.gemeente_code as gemeente,
        l.indicator, l.period, l.records, l.is_demo
    from live as l
    cross join programme as p
    left join gemeente_region_at_signing as s
        on s.gemeente = l.gemeente_code and s.programme = p.code
),

on_current as (
    select p.code as programme, 'current' as boundary, c.region, c.current_gemeente as gemeente,
        l.indicator, l.period, l.records, l.is_demo
    from live as l
    cross join programme as p
    left join gemeente_region_current as c on c.gemeente = l.gemeente_code
),

final as (
    select u.programme, u.boundary, u.region, u.gemeente,
        any_value(g.name) as gemeente_name, u.indicator, u.period,
        sum(u.records) as records, bool_or(u.is_demo) as is_demo
    from (select * from at_signing union all select * from on_current) as u
    left join gemeente_region as g on g.code = u.gemeente
    group by u.programme, u.boundary, u.region, u.gemeente, u.indicator, u.period
)

select * from final;
