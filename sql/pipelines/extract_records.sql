-- Every record of a Parquet registry extract, read straight from the file ({source}: the plain
-- reader of stage_extract.sql, from a fixed list in pipelines/staging.py; a CSV is read with its
-- cells typed, extract_records_csv.sql) and kept as small integers,
-- no text. Projections only, no join and no window: DuckDB then keeps file order on every
-- core, so a record's line is its rowid + 2 (header = line 1), as in the staged path
-- (extract_groups.sql reads it; duckdb.org/docs/2.0/sql/dialect/order_preservation).
-- Each cell is cast to the enum of its checked values (extract_enums.sql): null when the
-- text is not one of them, i.e. unforeseen or failing a rule, which sends the extract
-- through the staged path (extract_verdict.sql).
-- `cell_id`: the gemeente cell (cell_region); `period`: the month of the day, $months indexed
-- by the day's code; `figure_id`: $figures indexed by the number of the four codes'
-- combination ($partners, $sectors, $statuses: the sizes of their enums);
-- `id_number`: the id without its $id_prefix as an integer, for the duplicate check
-- (extract_ids.sql); null when the id is missing or has another form. Parameter: $path.
create or replace temp table intake_record as
with final as (
    select
        (enum_code(try_cast(gemeente_code::varchar as intake_gemeente)) + 1)::integer as cell_id,
        $months[enum_code(try_cast(start_date::varchar as intake_day)) + 1] as period,
        intake_figure($figures, $partners, $sectors, $statuses,
                      enum_code(try_cast(indicator::varchar as intake_indicator)),
                      enum_code(try_cast(partner::varchar as intake_partner)),
                      enum_code(try_cast(coalesce(sector::varchar, '') as intake_sector)),
                      enum_code(try_cast(status::varchar as intake_status))) as figure_id,
        case when starts_with(id::varchar, $id_prefix)
             then try_cast(substr(id::varchar, length($id_prefix) + 1) as bigint)
        end as id_number
    from {source}
)
select * from final;
