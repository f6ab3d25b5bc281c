-- The failing records' lines and reasons. Parameter $failing (does extract_groups count any
-- failing record?): when false the filter is constant and DuckDB skips the scan entirely.
create or replace temp table extract_problem as
select source_row, problem from extract_checked where $failing and problem is not null
