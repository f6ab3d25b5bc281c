-- What a figure is compared with, in order, as sql/pipelines/plausibility.sql tries them:
-- always its indicator, and the columns whose by_* is true (position 1: the series itself),
-- for the Methode page.
with final as (
    select code, position, by_region, by_partner, by_sector, by_partner_kind
    from outlier_level
)
select * from final order by position
