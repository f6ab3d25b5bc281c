-- The one staging relation every input lands in, partner file or registry extract: one row
-- per data row, the raw cell text and where it came from. Nothing is typed or checked yet;
-- sql/pipelines/checked.sql does that once for both kinds.
-- A column the input does not have is null; an empty cell is ''. Which column of each kind of
-- input feeds which field (the column coordinate of a reason) is data/reference/intake_columns.csv.
create or replace temp table staged (
    kind varchar not null check (kind in ('submission', 'registry')),
    sheet varchar,              -- the XLSX sheet read; null for CSV and Parquet
    source_row integer,         -- the row as Excel shows it; null for an extract: its rowid + 2
    record_id varchar,          -- registry: the record's id
    region_text varchar,        -- partner: regio (code or name); registry: gemeente_code
    indicator_text varchar,
    period_text varchar,        -- partner: periode; registry: start_date
    value_text varchar,         -- partner: waarde; registry: none (a record counts one)
    partner_text varchar,
    sector_text varchar,
    status_text varchar,        -- registry: the record's status
    note_text varchar           -- partner: opmerking
);
