-- Expectations in context (issue 26): the one definition of the context model's predictors, of
-- the levels it is fitted on, and of the figure "expected given context".
--   fit_year           the calendar year in which the programme started: the model sees the
--                      levels at the start (the version-1 baselines B) and that year's context,
--                      never a figure from after the start (frozen at its start)
--   unemployment_pct   registered unemployment (WW) as % of the population 15-74
--   bbl_per_100        MBO students in BBL (work-learning route) per 100 inhabitants 15-74
--   bol_per_100        MBO students in BOL (school route) per 100 inhabitants 15-74
--   model              log E[B] = log(P / 10.000) + b0 + b1·unemployment_pct + b2·bbl_per_100
--                                 + b3·bol_per_100     (Poisson GLM, population as offset)
--   expected_per_10k   exp(b0 + b1·unemployment_pct + b2·bbl_per_100 + b3·bol_per_100)
--   expected           expected_per_10k × P / 10.000, in the indicator's unit
--   no_figure          why a region gets no figure: 'no_model' (the indicator had too few regions
--                      with data to fit: context_fit.status 'too_few'), 'no_context' (no context
--                      row for the fit year), 'incomplete_context' (a predictor is missing)
create view v_context_predictors as
with final as (
    select
        region, year, population_15_74, source, source_date, is_demo,
        unemployment_pct,
        mbo_bbl / population_15_74 * 100 as bbl_per_100,
        mbo_bol / population_15_74 * 100 as bol_per_100,
        unemployment_pct is not null and mbo_bbl is not null and mbo_bol is not null as complete
    from context
)
select * from final;

-- The rows the model is fitted on: every region with a version-1 target, its level at the start
-- and its context in the fit year; `usable` when the context is complete.
create view v_context_levels as
with starts as (
    select t.programme, t.indicator, t.region, t.baseline_value, t.is_demo,
        year(p.start_date) as fit_year
    from target as t
    join programme as p on p.code = t.programme
    where t.version = 1
),

final as (
    select s.programme, s.indicator, s.region, s.fit_year, s.baseline_value,
        c.population_15_74, c.unemployment_pct, c.bbl_per_100, c.bol_per_100,
        coalesce(c.complete, false) as usable,
        case when c.region is null then 'no_context'
             when not c.complete then 'incomplete_context' end as no_context,
        s.is_demo or coalesce(c.is_demo, false) as is_demo
    from starts as s
    left join v_context_predictors as c on c.region = s.region and c.year = s.fit_year
)
select * from final;

create view v_context_expected as
with coefficients as (
    select programme, indicator,
        any_value(estimate) filter (where term = 'intercept') as b0,
        any_value(estimate) filter (where term = 'unemployment_pct') as b1,
        any_value(estimate) filter (where term = 'bbl_per_100') as b2,
        any_value(estimate) filter (where term = 'bol_per_100') as b3
    from context_coefficient
    group by programme, indicator
),

predicted as (
    select l.*, f.status as model_status,
        case when l.usable and f.status = 'fitted'
             then exp(k.b0 + k.b1 * l.unemployment_pct + k.b2 * l.bbl_per_100
                      + k.b3 * l.bol_per_100) end as expected_per_10k,
        f.is_demo as model_is_demo
    from v_context_levels as l
    left join context_fit as f using (programme, indicator)
    left join coefficients as k using (programme, indicator)
),

final as (
    select programme, indicator, region, fit_year,
        baseline_value / population_15_74 * 10000 as baseline_per_10k,
        expected_per_10k,
        expected_per_10k * population_15_74 / 10000 as expected,
        case when expected_per_10k is not null then null
             when no_context is not null then no_context
             else 'no_model' end as no_figure,
        is_demo or coalesce(model_is_demo, false) as context_is_demo
    from predicted
)
select * from final;
