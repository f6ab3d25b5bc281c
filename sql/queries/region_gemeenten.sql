-- A region's gemeenten under one boundary view, one row per gemeente, ready for the table and
-- the map (issue 15: the page only formats). Registry records in the months the region's
-- cards count at the as-of month (v_counted_months: after the baseline month, up to the as-of
-- month and the deadline month), so on the boundaries at signing an indicator's records add
-- up to the registers' row of the contributions table (tests/test_breakdowns.py).
--   cells        per indicator with records in the region: {indicator, records, share}, where
--                share = the gemeente's records / the region's records of that indicator; an
--                indicator without records in this gemeente has records 0 and share 0
--   records      the gemeente's records over all indicators (the table's order: most first,
--                then by name)
--   share_all    records / the region's records over all indicators (colours the gemeente map)
-- A gemeente the register has no name for is shown by its code, never left out.
with counted as (
    select g.gemeente, coalesce(any_value(g.gemeente_name), g.gemeente) as gemeente_name, g.indicator,
        sum(g.records) as records, bool_or(g.is_demo) as is_demo
    from mv_registry_gemeente as g
    join v_counted_months as w
        on w.programme = g.programme and w.region = g.region and w.indicator = g.indicator
        and w.as_of_month = $month and g.period between w.counted_from and w.counted_to
    where g.programme = $programme and g.boundary = $boundary and g.region = $region
    group by g.gemeente, g.indicator
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
