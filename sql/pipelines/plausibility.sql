-- Figures far above a region's usual monthly level for that indicator and partner: a warning,
-- never a rejection. "Usual" is the median of at least 3 months already in the warehouse.
-- Parameters: $factor. Reads the registered relation `incoming`.
with usual as (
    select region, indicator, partner, median(value) as usual_value, count(*) as months
    from (select region, indicator, partner, period, sum(value) as value
          from observation group by all)
    group by all
)
select n.source_row, n.value, u.usual_value
from incoming as n
join usual as u using (region, indicator, partner)
where u.months >= 3 and u.usual_value > 0 and n.value > $factor * u.usual_value
order by n.source_row
