-- Every record of a registry extract, read straight from the file in one pass ({source}: the
-- reader of stage_extract.sql numbering the lines, from a fixed list in pipelines/extract_pass.py),
-- kept as its line and the numbers of its checked cells: no text is stored.
-- `ok`: every cell is one of the values cell_rules.sql checked (extract_values.sql) and no rule
-- of cell_rules.sql or of the row (partner_region_problem, a missing id) failed.
-- `id_number`: the id without its $id_prefix as an integer, for the duplicate check
-- (extract_ids.sql); null when the id has another form. Parameters: $path, $id_prefix.
create or replace temp table intake_record as
with source as (
    select
        record_line,
        coalesce(id::varchar, '') as record_id,
        coalesce(gemeente_code::varchar, '') as region_text,
        coalesce(indicator::varchar, '') as indicator_text,
        coalesce(start_date::varchar, '') as period_text,
        coalesce(partner::varchar, '') as partner_text,
        coalesce(sector::varchar, '') as sector_text,
        coalesce(status::varchar, '') as status_text
    from {source}
),
looked_up as (
    select
        s.record_line,
        s.record_id,
        r.cell_id,
        p.period,
        c.codes_id,
        c.figure_id,
        coalesce(r.region, rm.region) as region,
        coalesce(r.problem, p.problem, c.indicator_problem, c.partner_problem, c.sector_problem,
                 c.status_problem,
                 partner_region_problem(c.partner_regions, coalesce(r.region, rm.region)))
            as problem
    from source as s
    left join cell_region as r on r.cell = s.region_text
    left join cell_period as p on p.cell = s.period_text
    left join cell_region_month as rm on rm.cell = s.region_text and rm.period = p.period
    left join cell_codes as c
        on c.indicator_text = s.indicator_text and c.partner_text = s.partner_text
        and c.sector_text = s.sector_text and c.status_text = s.status_text
),
final as (
    select
        case when starts_with(record_id, $id_prefix)
             then try_cast(substr(record_id, length($id_prefix) + 1) as bigint) end as id_number,
        record_line::integer as record_line,
        cell_id,
        period,
        figure_id,
        record_id <> '' and problem is null and region is not null and cell_id is not null
            and period is not null and codes_id is not null as ok
    from looked_up
)
select * from final;
