-- The outlier rule's parameters per unit, as sql/pipelines/plausibility.sql applies them, for
-- the Methode page: held when value > ⌊max(m + mad_multiplier · 1,4826 · MAD,
-- median_ratio · m, m + min_excess)⌋, m and MAD of the series (or of its group when it has
-- fewer than min_history other figures).
with final as (
    select unit, min_history, mad_multiplier, median_ratio, min_excess
    from outlier_rule
)
select * from final order by unit
