-- A clean extract's records (extract_records.sql, every one ok) counted per gemeente cell ×
-- month × figure (indicator, partner, sector, and whether its status counts; cell_rules.sql),
-- with the first line: the intake_group groups.sql builds from staged rows, at the grain
-- incoming.sql and the gemeente counts read. Reads intake_record and the cell tables.
create or replace temp table intake_group as
with grouped as (
    select cell_id, period, figure_id, count(*) as records, min(record_line) as first_row
    from intake_record
    group by cell_id, period, figure_id
),
figures as (
    select distinct figure_id, indicator, partner, sector, counts from cell_codes
),
final as (
    select
        'registry' as kind, coalesce(r.region, rm.region) as region, r.gemeente_code,
        f.indicator, g.period, f.partner, f.sector, null::varchar as note, true as ok,
        f.counts, g.records::double as value, false as withdraw, g.records,
        g.first_row::integer as first_row
    from grouped as g
    join cell_region as r on r.cell_id = g.cell_id
    join figures as f on f.figure_id = g.figure_id
    left join cell_region_month as rm on rm.cell = r.cell and rm.period = g.period
)
select * from final;
