-- Registry records per region × indicator × month, under both boundary views (issue 5).
-- Reads the temporary view registry_extract (id, gemeente_code, indicator, start_date, status,
-- sector, partner); ? = the programme whose signing date fixes the 'signing' boundaries.
-- A record is placed by the gemeente_region row valid on its own date. A code that was not
-- valid on that date, or that has no region under a view (West Betuwe at a 2005 signing),
-- gets region null: nothing is dropped, so both views add up to the same total.
with records as (
    select
        id,
        gemeente_code,
        indicator,
        cast(start_date as date) as start_date,
        cast(date_trunc('month', cast(start_date as date)) as date) as month
    from registry_extract
),

dated as (
    select records.*, g.code as valid_code
    from records
    left join gemeente_region g
        on g.code = records.gemeente_code
        and (g.valid_from is null or g.valid_from <= records.start_date)
        and (g.valid_to is null or records.start_date < g.valid_to)
),

at_signing as (
    select 'signing' as boundary, s.region, d.indicator, d.month
    from dated d
    left join gemeente_region_at_signing s
        on s.gemeente = d.valid_code and s.programme = ?
),

on_current as (
    select 'current' as boundary, c.region, d.indicator, d.month
    from dated d
    left join gemeente_region_current c on c.gemeente = d.valid_code
),

final as (
    select boundary, region, indicator, month, count(*) as records
    from (select * from at_signing union all select * from on_current)
    group by all
)

select * from final
order by boundary, region nulls last, indicator, month
