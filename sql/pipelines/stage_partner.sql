-- A partner's CSV or XLSX into the staging relation: one row per data row, every cell as the
-- text pipelines/staging.py read (its row number as Excel shows it). Each column comes as one
-- list parameter, zipped by unnest: one statement, whatever the number of rows.
-- Parameters: $sheet, $source_row and one list per field of
-- data/reference/intake_columns.csv (kind 'submission'); a column the file leaves out is ''.
insert into staged by name
select
    'submission' as kind,
    $sheet as sheet,
    unnest($source_row) as source_row,
    unnest($region_text) as region_text,
    unnest($indicator_text) as indicator_text,
    unnest($period_text) as period_text,
    unnest($value_text) as value_text,
    unnest($partner_text) as partner_text,
    unnest($sector_text) as sector_text,
    unnest($note_text) as note_text
