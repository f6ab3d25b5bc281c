-- Precomputed copies of the metric views, rebuilt at every publish (pipelines/warehouse.publish).
-- The views in sql/views/ stay the one definition; the dashboard reads these tables so that a
-- callback never recomputes what a view already holds. mv_progress_monthly holds the progress
-- as shown: v_progress_stand (status on the last complete month, provisional figures marked);
-- the ranking, the sparklines (mv_trend, read by sql/queries/ranking.sql) and the national sums
-- are computed from it by the macros their views use, the
-- late partners and their counts from mv_partner_delivery alike, the gemeente shares
-- (mv_gemeente_shares, read by sql/queries/region_gemeenten.sql) from mv_registry_gemeente.
-- The contributions are not
-- copied: v_contributions per as-of month would be a large table, and the region page asks it
-- for one region and month, which DuckDB answers from the view in milliseconds.
-- The progress reads the figures' monthly totals twice and the completeness four times: each is
-- computed once here and the macros of v_progress_monthly and v_progress_stand read those
-- (progress_monthly_of, progress_stand_of: the same rows as the views, a third of the time
-- after a ten-million-record extract; docs/benchmarks.md, intake round 4).
create or replace table mv_completeness as select * from v_completeness;
create or replace temp table monthly_totals as select * from v_monthly_totals;
create or replace temp table progress_monthly as
select * from progress_monthly_of('monthly_totals', 'mv_completeness');
create or replace table mv_progress_monthly as
select * from progress_stand_of('progress_monthly', 'mv_completeness');
drop table monthly_totals;
drop table progress_monthly;
create or replace table mv_ranking as select * from ranking_of('mv_progress_monthly');
create or replace table mv_current_month as select * from v_current_month;
create or replace table mv_coverage as select * from v_coverage;
create or replace table mv_partner_delivery as select * from v_partner_delivery;
create or replace table mv_late_partners as select * from late_partners_of('mv_partner_delivery');
create or replace table mv_late_counts as select * from late_counts_of('mv_partner_delivery');
create or replace table mv_registry_gemeente as select * from v_registry_gemeente;
create or replace table mv_national as select * from national_of('mv_progress_monthly');
create or replace table mv_similar_regions as select * from v_similar_regions;
create or replace table mv_trend as select * from trend_of('mv_progress_monthly');
create or replace table mv_gemeente_shares as select * from gemeente_shares_of('mv_registry_gemeente');
