-- What a registry extract is a complete statement for (issue 23): its scope is
--     regions × indicators × partners × months first..last
-- from its valid records, whatever their status: the regions, indicators and partners they
-- name, and every month from the first record's to the last record's (a month in between
-- without records is a month with none). A cancelled record still shows that the register
-- covers its month. Inside the scope the extract says everything: a published figure it no
-- longer supports (its records gone, or all of them of a status that does not count) is
-- withdrawn (changes.sql), and an extract's gemeente counts replace the earlier ones there
-- (gemeente_counts.sql). Outside it nothing changes. A partner file states only its own rows
-- (the revision rule), so its scope is empty. Reads intake_group.
create or replace temp table intake_scope as
with records as (
    select region, indicator, partner, period
    from intake_group
    where kind = 'registry' and ok
),
months as (
    select min(period) as first_month, max(period) as last_month from records
),
final as (
    select r.region, i.indicator, p.partner, m.first_month, m.last_month
    from (select distinct region from records) as r
    cross join (select distinct indicator from records) as i
    cross join (select distinct partner from records) as p
    cross join months as m
)
select * from final;

-- The figures in scope whose records all have a status that does not count, with the first
-- of those records: each such figure is withdrawn, and its line points at that record.
create or replace temp table intake_cancelled as
select region, indicator, period, partner, sector, min(first_row)::integer as source_row
from intake_group
where kind = 'registry' and ok
group by region, indicator, period, partner, sector
having not bool_or(counts);
