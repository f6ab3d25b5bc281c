-- Every record of a CSV registry extract, as extract_records.sql keeps a Parquet one, but with
-- DuckDB's CSV reader typing the cells ({source}: extract_pass.TYPED_CSV_READER): each code
-- column read straight into the enum of its checked values (extract_enums.sql) and the day as
-- a DATE. Casting the text afterwards cost about twice as much CPU (docs/benchmarks.md).
-- A cell the reader cannot type raises, and the caller stages the text for the full rules
-- (pipelines/extract_pass.py), so this path only ever accepts what the rules accept:
-- * an enum takes a code exactly as its text, as try_cast does in extract_records.sql;
-- * a day is read with '%Y-%m-%d', which reads a date only where try_cast(trim(cell) as date)
--   (nl_month, cell_rules.sql) reads the same one; the reader also skips spaces around it, so
--   a line longer than the longest cell the rules allow ($max_cell_chars) raises
--   (tests/test_extract_pass.py proves the two agree, cell by cell);
-- * an empty cell is null: a failing record, except an empty sector ($no_sector, as the
--   staged path reads it); a day outside $first_day … $last_day (the window) has no month.
-- Projections only, so a record's line is its rowid + 2, as in extract_records.sql.
create or replace temp table intake_record as
with final as (
    select
        (enum_code(gemeente_code) + 1)::integer as cell_id,
        case when start_date between $first_day and $last_day
             then date_trunc('month', start_date)::date end as period,
        intake_figure($figures, $partners, $sectors, $statuses,
                      enum_code(indicator), enum_code(partner),
                      coalesce(enum_code(sector), $no_sector), enum_code(status)) as figure_id,
        case when starts_with(id, $id_prefix)
             then try_cast(substr(id, length($id_prefix) + 1) as bigint)
        end as id_number
    from {source}
)
select * from final;
