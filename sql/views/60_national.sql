-- The national picture (issue 15): per programme, indicator and as-of month, all regions with
-- a target together, the median region, and the programme's frame (sql/schema.sql,
-- programme_frame) where it is known.
--   realised_total, target_total   the sum over the regions with a target
--   achievement_total              realised_total / target_total ("Nederland"): one population,
--                                  the same regions' realised over their own targets
--   median_achievement             the median region's R / T ("mediaan")
--   national_goal, first_regions_goal   the programme's national goal and what its first
--                                  covenant regions promised together, each with its source:
--                                  context only. Never divided into the regions' figures: the
--                                  national goal covers the whole programme (sector agreements
--                                  too), and the regions' sums may be demonstration data
--   provisional / is_demo          any region's figure is provisional / demonstration data
-- national_of(stand) sums any relation shaped like v_progress_stand, named by `stand`, as
-- ranking_of (20_ranking.sql) ranks it: v_national over the view, materialize.sql over
-- mv_progress_monthly.
create macro national_of(stand) as table
with stand as (
    select programme, indicator, as_of_month, region, realised, target_value, achievement,
           pace_ratio, provisional, is_demo
    from query_table(stand)
),

regions as (
    select
        programme, indicator, as_of_month,
        count(*) as regions_with_target,
        sum(realised order by region) as realised_total,   -- ordered: the same float sum every
        sum(target_value order by region) as target_total, -- refresh (tests/test_rebuild_digest.py)
        median(achievement) as median_achievement,
        median(pace_ratio) as median_pace_ratio,
        bool_or(provisional) as provisional,
        bool_or(is_demo) as is_demo
    from stand
    group by all
),

final as (
    select
        r.*,
        r.realised_total / nullif(r.target_total, 0) as achievement_total,
        n.goal as national_goal,
        n.source as national_source,
        n.is_demo as national_goal_is_demo,
        g.goal as first_regions_goal,
        g.regions as first_regions,
        g.source as first_regions_source,
        g.is_demo as first_regions_goal_is_demo
    from regions as r
    left join programme_frame as n
        on n.programme = r.programme and n.indicator = r.indicator and n.scope = 'national'
    left join programme_frame as g
        on g.programme = r.programme and g.indicator = r.indicator and g.scope = 'first_regions'
)

select * from final;

create view v_national as
select * from national_of('v_progress_stand');


-- v_similar_regions: for each region, the regions closest in working-age population (15-74,
-- latest year) — a fair comparison set on the region page. Nearest first, four per region.
create view v_similar_regions as
with latest as (
    select region, arg_max(population_15_74, year) as population_15_74,
        arg_max(is_demo, year) as population_is_demo
    from population
    group by region
),

pairs as (
    select a.region, b.region as similar_region, b.population_15_74, b.population_is_demo,
        abs(b.population_15_74 - a.population_15_74) as difference,
        row_number() over (partition by a.region
                           order by abs(b.population_15_74 - a.population_15_74), b.region) as nearness
    from latest as a
    join latest as b on b.region <> a.region
),

final as (
    select * from pairs where nearness <= 4
)

select * from final;
