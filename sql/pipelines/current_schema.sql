-- Whether a served warehouse has what this code adds to and publishes with
-- (pipelines/ingest.py check_schema): the typed run records (run_file), the table macros the
-- metric tables are computed with (sql/views/20_ranking.sql, 60_national.sql) and the outlier
-- rule's parameters (outlier_rule, outlier_level: plausibility.sql). A file from before any of
-- them needs one `refresh`, which rebuilds it and keeps its history.
select
    (select count(*) from duckdb_tables()
     where table_name in ('run_file', 'outlier_rule', 'outlier_level')) = 3
    and (select count(distinct function_name) from duckdb_functions()
         where function_name in ('ranking_of', 'national_of')
             and function_type = 'table_macro') = 2 as current
