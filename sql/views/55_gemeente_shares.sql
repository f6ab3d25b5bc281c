-- v_gemeente_shares: a region's gemeenten under one boundary view at one as-of month, one row
-- per gemeente, as Regio's table and map show them (issue 27: computed once per publish; the
-- page reads one key of it, sql/queries/region_gemeenten.sql). Registry records in the months
-- the region's cards count at the as-of month (v_counted_months: after the baseline month, up
-- to the as-of month and the deadline month), so on the boundaries at signing an indicator's
-- records add up to the registers' row of the contributions table (tests/test_breakdowns.py).
--   cells        per indicator with records in the region: {indicator, records, share}, where
--                share = the gemeente's records / the region's records of that indicator; an
--                indicator without records in this gemeente has records 0 and share 0
--   records      the gemeente's records over all indicators (the table's order: most first,
--                then by name)
--   share_all    records / the region's records over all indicators (colours the gemeente map)
-- A gemeente the register has no name for is shown by its code, never left out.
-- gemeente_shares_of(registry) reads any relation shaped like v_registry_gemeente, named by
-- `registry`: materialize.sql reads mv_registry_gemeente, as ranking_of reads its table.
create macro gemeente_shares_of(registry) as table
with counted as (
    select g.programme, g.boundary, g.region, w.as_of_month, g.gemeente,
        coalesce(any_value(g.gemeente_name), g.gemeente) as gemeente_name, g.indicator,
        sum(g.records) as records, bool_or(g.is_demo) as is_demo
    from query_table(registry) as g
    join v_counted_months as w
        on w.programme = g.programme and w.region = g.region and w.indicator = g.indicator
        and g.period between w.counted_from and w.counted_to
    group by g.programme, g.boundary, g.region, w.as_of_month, g.gemeente, g.indicator
),

gemeenten as (
    select programme, boundary, region, as_of_month, gemeente,
        any_value(gemeente_name) as gemeente_name, sum(records) as records,
        bool_or(is_demo) as is_demo
    from counted
    group by programme, boundary, region, as_of_month, gemeente
),

indicators as (
    select programme, boundary, region, as_of_month, indicator, sum(records) as region_records
    from counted
    group by programme, boundary, region, as_of_month, indicator
),

cells as (
    select g.programme, g.boundary, g.region, g.as_of_month, g.gemeente, i.indicator,
        coalesce(c.records, 0) as records, coalesce(c.records, 0) / i.region_records as share
    from gemeenten as g
    join indicators as i using (programme, boundary, region, as_of_month)
    left join counted as c using (programme, boundary, region, as_of_month, gemeente, indicator)
),

-- A gemeente's cells in the order of their indicators: list_sort orders the structs by their
-- first field, the indicator (never null, one cell each); list(... order by indicator) sorted
-- each gemeente's cells on its own, a third of this macro's time after a ten-million-record
-- extract (docs/benchmarks.md, intake round 4).
packed as (
    select programme, boundary, region, as_of_month, gemeente,
        list_sort(list({'indicator': indicator, 'records': records, 'share': share})) as cells
    from cells
    group by programme, boundary, region, as_of_month, gemeente
),

final as (
    select g.programme, g.boundary, g.region, g.as_of_month, g.gemeente, g.gemeente_name,
        g.records,
        g.records / sum(g.records) over (partition by g.programme, g.boundary, g.region,
                                             g.as_of_month) as share_all,
        g.is_demo,
        p.cells
    from gemeenten as g
    join packed as p using (programme, boundary, region, as_of_month, gemeente)
)

select * from final;

create view v_gemeente_shares as
select * from gemeente_shares_of('v_registry_gemeente');
