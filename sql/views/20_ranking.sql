-- v_ranking: regions ranked per programme, indicator and as-of month. Ties share a rank and
-- the next rank is skipped (1, 1, 3), as in a sports table; regions without a figure come last.
-- One reference month (issue 23): every region is compared at the same as-of month. R, R / T
-- and the gain per 10,000 are the figures at the end of that month (v_progress_stand: marked
-- provisional where a month in them is incomplete); ρ and the status rest on each region's own
-- last complete month (stand_month), as on the region's page, and the row carries that month
-- so the page can name it (Vergelijken's column "Pace and status as of"; the map's status).
--   rank_absolute     by realised R, highest first
--   rank_per_10k      by the gain since the baseline per 10,000 inhabitants aged 15-74
--   rank_pace         by the pace ratio ρ (at each region's stand_month)
--   rank_achievement  by R / T
-- ranking_of(stand) ranks any relation shaped like v_progress_stand, named by `stand`: v_ranking
-- ranks the view; materialize.sql ranks mv_progress_monthly, the view computed once per publish,
-- instead of computing it again (0,15 of a publish's 0,6 s; docs/benchmarks.md).
create macro ranking_of(stand) as table
select
    programme,
    indicator,
    as_of_month,
    region,
    realised,
    gain_per_10k,
    pace_ratio,
    achievement,
    status,
    provisional,
    stand_month,
    rank() over (partition by programme, indicator, as_of_month
                 order by realised desc nulls last) as rank_absolute,
    rank() over (partition by programme, indicator, as_of_month
                 order by gain_per_10k desc nulls last) as rank_per_10k,
    rank() over (partition by programme, indicator, as_of_month
                 order by pace_ratio desc nulls last) as rank_pace,
    rank() over (partition by programme, indicator, as_of_month
                 order by achievement desc nulls last) as rank_achievement,
    count(*) over (partition by programme, indicator, as_of_month) as regions_ranked
from query_table(stand);

create view v_ranking as
select * from ranking_of('v_progress_stand');
