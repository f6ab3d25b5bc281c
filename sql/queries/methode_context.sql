-- The context model per indicator for Methode (issue 26): its fit (context_fit), its
-- leave-one-out check.
--   loo_median_pct   median over the regions of |LOO prediction − observed| / observed × 100,
--                    each region predicted by the model fitted without it (context_loo);
--                    regions observed at 0 are left out (no percentage of 0)
--   loo_max_pct      the largest of those errors
--   context_source, context_date   what the context file says it is from, and its latest date
with loo as (
    select programme, indicator,
        median(abs(predicted_per_10k - observed_per_10k) / observed_per_10k * 100) as loo_median_pct,
        max(abs(predicted_per_10k - observed_per_10k) / observed_per_10k * 100) as loo_max_pct
    from context_loo
    where observed_per_10k > 0
    group by programme, indicator
),

final as (
    select f.programme, f.indicator, i.label_nl, i.label_en, f.fit_year, f.status, f.regions,
        f.min_regions, f.pseudo_r2, l.loo_median_pct, l.loo_max_pct, f.context_sha256,
        f.statsmodels_version, f.is_demo,
        (select string_agg(distinct source, '; ') from context) as context_source,
        (select max(source_date) from context) as context_date
    from context_fit as f
    join indicator as i on i.code = f.indicator
    left join loo as l using (programme, indicator)
)
select * from final order by programme, indicator;
