-- For an extract refused past its ceiling (pipelines/validation.py `reasons`), the records
-- problems.sql still has to name: for each kind of reason in each column, the first $per_kind
-- by line (`min(x, n)`: the n smallest, a bounded list per group), found in one scan of the
-- checked rows, so that problems.sql unpivots a few thousand records instead of every failing
-- one (ten million failing records filled the 2 GB of spill: docs/benchmarks.md). A grouping
-- set's group of records without that column's problem adds at most $per_kind records more.
-- Empty when $per_kind is null (every failing record is named, as before).
create or replace temp table intake_first_failing as
with firsts as (
    select min(source_row, $per_kind) as source_rows
    from checked
    where $per_kind is not null and not ok
    group by grouping sets ((id_problem), (region_problem), (indicator_problem), (period_problem),
                            (value_problem), (partner_problem), (sector_problem), (status_problem),
                            (note_problem), (row_problem))
)
select distinct unnest(source_rows) as source_row from firsts;

-- Every failing cell, counted without its text: what problems.sql's unpivot would hold (it
-- leaves out the nulls).
select count(id_problem) + count(region_problem) + count(indicator_problem)
       + count(period_problem) + count(value_problem) + count(partner_problem)
       + count(sector_problem) + count(status_problem) + count(note_problem)
       + count(row_problem) as cells_failing
from checked
where $per_kind is not null and not ok;
