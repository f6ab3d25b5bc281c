-- The checked rows with the duplicate rule applied and whether each row is fine (ok).
-- A later row with the identity of an earlier one is rejected, naming the first: for a
-- registry record on its id column, for a partner row as a whole. A missing id counts as a
-- repeated one. A view, read once into intake_group (groups.sql) and, only when some row
-- fails, once more for the reasons (problems.sql); the checked rows are never stored.
create or replace temp view checked as
with marked as (
    select
        r.*,
        d.first_row as duplicate_of,
        case when r.record_id = ''
                  or r.record_id is not null and r.source_row > d.first_row
             then 'duplicate_id' end as id_problem,
        case when r.record_id is null and r.source_row > d.first_row
             then 'duplicate_key' end as row_problem
    from checked_rows as r
    left join intake_duplicate as d on d.identity = r.identity
),
final as (
    select
        *,
        coalesce(id_problem, region_problem, indicator_problem, period_problem, value_problem,
                 partner_problem, sector_problem, status_problem, note_problem, row_problem)
            is null as ok
    from marked
)
select * from final
