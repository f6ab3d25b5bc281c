-- v_ranking: regions ranked per programme, indicator and as-of month. Ties share a rank and
-- the next rank is skipped (1, 1, 3), as in a sports table; regions without a figure come last.
--   rank_absolute     by realised R, highest first
--   rank_per_10k      by the gain since the baseline per 10,000 inhabitants aged 15-74
--   rank_pace         by the pace ratio ρ
--   rank_achievement  by R / T
create view v_ranking as
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
from v_progress_stand;
