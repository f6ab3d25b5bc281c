-- Whether a served warehouse has what this code adds to and publishes with
-- (pipelines/ingest.py check_schema): the typed run records (run_file), the table macros the
-- metric tables are computed with (sql/views/15_provisional.sql, 20_ranking.sql, 25_trend.sql,
-- 55_gemeente_shares.sql, 60_national.sql; trend_of, gemeente_shares_of and their mv_trend and
-- mv_gemeente_shares are issue 27's, as are progress_monthly_of and progress_stand_of, which
-- materialize.sql computes mv_progress_monthly with: sql/views/10_progress.sql, 15_provisional.sql),
-- the views issue 23 added (v_counted_months, v_partner_delivery, and the registry counts in
-- force after an extract's re-delivery, sql/views/50_registry_gemeenten.sql; the review queue's
-- v_held, sql/views/70_review.sql), the states of files and figures issue 24 added
-- (v_submission_state, v_figure_state: sql/views/75_states.sql), the publication of each
-- review decision (review_decision.publication), the outlier rule's parameters (outlier_rule,
-- outlier_level: plausibility.sql), and the statuses per publication with the notices read
-- from them (published_status, held_told, v_notice: issue 24). A file from before any of them needs one
-- `refresh`, which rebuilds it and keeps its history.
select
    (select count(*) from duckdb_tables()
     where table_name in ('run_file', 'outlier_rule', 'outlier_level', 'published_status',
                        'held_told')) = 5
    and (select count(distinct function_name) from duckdb_functions()
         where function_name in ('ranking_of', 'national_of', 'late_partners_of', 'late_counts_of',
                                 'trend_of', 'gemeente_shares_of', 'progress_monthly_of',
                                 'progress_stand_of')
             and function_type = 'table_macro') = 8
    and (select count(*) from duckdb_views()
         where view_name in ('v_counted_months', 'v_partner_delivery', 'v_registry_count_in_force',
                             'v_held', 'v_submission_state', 'v_figure_state', 'v_notice')) = 7
    and (select count(*) from duckdb_columns()
         where table_name = 'review_decision' and column_name = 'publication') = 1 as current
