-- The checked cell values of a clean extract (extract_values.sql, typed by cell_rules.sql) as
-- ENUM types, so that reading a record is projections only (extract_records.sql): a text
-- cast to one of them is its number, and a text not in it is null. A cast is no join, and
-- only a plain read keeps file order in DuckDB, so a record's line is its rowid
-- (duckdb.org/docs/2.0/sql/dialect/order_preservation) and the read runs on every core.
-- Which values are fine is cell_rules.sql's to say; no rule is restated here:
-- * intake_gemeente: every region cell in cell_id order (code + 1 = cell_id); what depends on
--   the region and the month or the partner is checked on the groups (extract_groups.sql);
-- * intake_day: the days whose cell has no problem (cell_period), in order;
-- * intake_indicator, _partner, _sector, _status: the texts of each code whose own problem is
--   null (cell_codes); their combination is mapped to its figure below.
-- Temp types: they live with the connection, never in the warehouse file, and
-- pipelines/extract_pass.py drops them after the pass (extract_cleanup.sql).
create or replace temp type intake_gemeente as enum (
    select cell from cell_region order by cell_id);
create or replace temp type intake_day as enum (
    select cell from cell_period where problem is null order by cell);
create or replace temp type intake_indicator as enum (
    select distinct indicator_text from cell_codes where indicator_problem is null order by 1);
create or replace temp type intake_partner as enum (
    select distinct partner_text from cell_codes where partner_problem is null order by 1);
create or replace temp type intake_sector as enum (
    select distinct sector_text from cell_codes where sector_problem is null order by 1);
create or replace temp type intake_status as enum (
    select distinct status_text from cell_codes where status_problem is null order by 1);

-- The figure of a record's four codes (enum codes, 0-based) in the list above, for both
-- readers (extract_records.sql, extract_records_csv.sql): null for a combination with a problem.
create or replace temp macro intake_figure(figures, partners, sectors, statuses,
                                           indicator, partner, sector, status) as (
    figures[((indicator * partners + partner) * sectors + sector) * statuses + status + 1]
);

-- What extract_records.sql indexes with the codes (1-based lists): the month of each day, and
-- the figure of each combination of the four codes, numbered
-- ((indicator × partners + partner) × sectors + sector) × statuses + status: null for a
-- combination cell_codes found a problem in (or does not hold). For a CSV, read with its
-- cells typed (extract_records_csv.sql): the first and last day of the window (cell_period's
-- first_month … last_month), the code of the empty sector (the reader reads
-- an empty cell as null) and the longest cell the rules allow (cell_problem's too_long).
with sizes as (
    select length(enum_range(null::intake_partner)) as partners,
           length(enum_range(null::intake_sector)) as sectors,
           length(enum_range(null::intake_status)) as statuses,
           length(enum_range(null::intake_indicator)) * partners * sectors * statuses
               as combinations
),
combination as (
    select ((enum_code(try_cast(c.indicator_text as intake_indicator)) * z.partners
             + enum_code(try_cast(c.partner_text as intake_partner))) * z.sectors
            + enum_code(try_cast(c.sector_text as intake_sector))) * z.statuses
           + enum_code(try_cast(c.status_text as intake_status)) as position,
           c.figure_id
    from cell_codes as c
    cross join sizes as z
    where coalesce(c.indicator_problem, c.partner_problem, c.sector_problem,
                   c.status_problem) is null
),
positions as (
    select unnest(range(combinations)) as position from sizes
),
figures as (
    select list(c.figure_id order by p.position) as figures
    from positions as p
    left join combination as c on c.position = p.position
),
months as (
    select list(period order by enum_code(cell::intake_day)) as months
    from cell_period
    where problem is null
),
final as (
    select m.months, f.figures, z.partners, z.sectors, z.statuses,
           w.first_month as first_day,
           (w.last_month + interval 1 month - interval 1 day)::date as last_day,
           enum_code(''::intake_sector) as no_sector,
           w.max_cell_chars
    from months as m
    cross join figures as f
    cross join sizes as z
    cross join intake_setting as w
)
select * from final;
