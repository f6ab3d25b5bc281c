-- A clean extract's records (extract_records.sql) counted per gemeente cell × month × figure
-- (indicator, partner, sector, and whether its status counts; cell_rules.sql), with the first
-- line (rowid + 2: intake_record is in file order): the intake_group groups.sql builds from
-- staged rows, at the grain incoming.sql and the gemeente counts read.
-- What needs the gemeente together with the month or the partner is checked here, on the few
-- groups rather than the records: the cell's own problem, its region in that month
-- (cell_region_month, for a code whose region changed in the window) and the partner's
-- regions (partner_region_problem). A group that fails is not ok, and sends the extract
-- through the staged path, which names each failing record (pipelines/extract_pass.py).
-- Reads intake_record and the cell tables.
create or replace temp table intake_group as
with grouped as (
    select cell_id, period, figure_id, count(*) as records, min(rowid) + 2 as first_row
    from intake_record
    group by cell_id, period, figure_id
),
figures as (
    select distinct figure_id, indicator, partner, partner_regions, sector, counts
    from cell_codes
),
placed as (
    select g.*, r.gemeente_code, r.problem, coalesce(r.region, rm.region) as region,
           f.indicator, f.partner, f.partner_regions, f.sector, f.counts
    from grouped as g
    join cell_region as r on r.cell_id = g.cell_id
    join figures as f on f.figure_id = g.figure_id
    left join cell_region_month as rm on rm.cell = r.cell and rm.period = g.period
),
final as (
    select
        'registry' as kind, region, gemeente_code, indicator, period, partner, sector,
        null::varchar as note,
        region is not null
            and coalesce(problem, partner_region_problem(partner_regions, region)) is null as ok,
        counts, records::double as value, false as withdraw, records,
        first_row::integer as first_row
    from placed
)
select * from final;

-- How many groups failing (0: every record of the extract is fine).
select count(*) filter (where not ok) as failing from intake_group;
