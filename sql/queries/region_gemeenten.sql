-- A region's gemeenten under one boundary view: registry records since the programme start up
-- to the as-of month, each gemeente's share of the region's total per indicator (share) and
-- over all indicators (share_all, which colours the gemeente map).
with counted as (
    select gemeente, any_value(gemeente_name) as gemeente_name, indicator,
        sum(records) as records, bool_or(is_demo) as is_demo
    from mv_registry_gemeente
    where programme = $programme and boundary = $boundary and region = $region
        and period <= $month
    group by gemeente, indicator
)

select *, records / sum(records) over (partition by indicator) as share,
    sum(records) over (partition by gemeente) / sum(records) over () as share_all
from counted
order by indicator, records desc, gemeente_name
