-- Figures far above a region's usual monthly level for that indicator and partner, for every
-- kind of input: held for a steward's review (pipelines/review.py), never published unseen.
-- "Usual" is the median of at least 3 months already in the warehouse; "far above" is
-- intake_setting.plausibility_factor times it. Reads `incoming` (incoming.sql).
create or replace temp table intake_flagged as
with usual as (
    select region, indicator, partner, median(value) as usual_value, count(*) as months
    from (select region, indicator, partner, period, sum(value) as value
          from observation group by all)
    group by all
),
final as (
    select n.region, n.indicator, n.period, n.partner, n.sector, n.source_row, n.value,
           u.usual_value, s.plausibility_factor
    from incoming as n
    join usual as u using (region, indicator, partner)
    cross join intake_setting as s
    where u.months >= 3 and u.usual_value > 0 and n.value > s.plausibility_factor * u.usual_value
)
select * from final;
