-- A region's gemeenten under one boundary view, one row per gemeente, ready for the table and
-- the map (issue 15: the page only formats). Registry records since the programme start up to
-- the as-of month.
--   cells        per indicator with records in the region: {indicator, records, share}, where
--                share = the gemeente's records / the region's records of that indicator; an
--                indicator without records in this gemeente has records 0 and share 0
--   records      the gemeente's records over all indicators (the table's order: most first,
--                then by name)
--   share_all    records / the region's records over all indicators (colours the gemeente map)
-- A gemeente the register has no name for is shown by its code, never left out.
with counted as (
    select gemeente, coalesce(any_value(gemeente_name), gemeente) as gemeente_name, indicator,
        sum(records) as records, bool_or(is_demo) as is_demo
    from mv_registry_gemeente
    where programme = $programme and boundary = $boundary and region = $region
        and period <= $month
    group by gemeente, indicator
),

gemeenten as (
    select gemeente, any_value(gemeente_name) as gemeente_name, sum(records) as records,
        bool_or(is_demo) as is_demo
    from counted
    group by gemeente
),

indicators as (
    select indicator, sum(records) as region_records
    from counted
    group by indicator
),

cells as (
    select g.gemeente, i.indicator, coalesce(c.records, 0) as records,
        coalesce(c.records, 0) / i.region_records as share
    from gemeenten as g
    cross join indicators as i
    left join counted as c using (gemeente, indicator)
),

final as (
    select g.gemeente, g.gemeente_name, g.records,
        g.records / sum(g.records) over () as share_all, g.is_demo,
        list({'indicator': c.indicator, 'records': c.records, 'share': c.share}
             order by c.indicator) as cells
    from gemeenten as g
    join cells as c using (gemeente)
    group by g.gemeente, g.gemeente_name, g.records, g.is_demo
)

select * from final
order by records desc, gemeente_name
