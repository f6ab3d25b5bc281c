-- v_registry_gemeente: registry records per gemeente under both boundary views (issue 5).
--   boundary 'signing'  the region each gemeente belonged to when the programme was signed
--                       (gemeente_region_at_signing); a gemeente created later is unassigned
--   boundary 'current'  today's boundaries: a former gemeente counts for its successor
--                       (CBS "constant boundaries", gemeente_region_current)
-- Only counts still in force (v_registry_count_in_force, below).

-- v_registry_count_in_force: the registry counts the published figures rest on. A later
-- extract replaces an earlier one's counts in its scope (sql/pipelines/gemeente_counts.sql),
-- whether its figures replaced the earlier ones or were the same (a figure sent again
-- unchanged keeps its first file); and counts break down a published figure of their
-- region, indicator, partner and month: where none is left (withdrawn), they no longer
-- count. (sql/pipelines/current_schema.sql asks a warehouse from before this view for a
-- refresh: its rule kept only the counts of the file each figure came from.)
create view v_registry_count_in_force as
select c.*
from registry_gemeente_count as c
where exists (
    select 1 from observation as o
    where o.region = c.region and o.indicator = c.indicator
        and o.partner = c.partner and o.period = c.period
);

create view v_registry_gemeente as
with at_signing as (
    select p.code as programme, 'signing' as boundary, s.region, l.gemeente_code as gemeente,
        l.indicator, l.period, l.records, l.is_demo
    from v_registry_count_in_force as l
    cross join programme as p
    left join gemeente_region_at_signing as s
        on s.gemeente = l.gemeente_code and s.programme = p.code
),

on_current as (
    select p.code as programme, 'current' as boundary, c.region, c.current_gemeente as gemeente,
        l.indicator, l.period, l.records, l.is_demo
    from v_registry_count_in_force as l
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
