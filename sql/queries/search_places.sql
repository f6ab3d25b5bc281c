-- Every name a reader may type to find a region: the regions themselves, and every gemeente
-- that belongs or belonged to one (former gemeenten too, e.g. Geldermalsen → West Betuwe),
-- each with the region it points to. A gemeente listed under several regions over time points
-- to its newest one (current rows first).
with places as (
    select 'region' as kind, r.code, r.name, r.code as region, r.name as region_name,
        null::date as valid_to
    from region as r
    union all
    select 'gemeente' as kind, g.code, g.name, g.region, r.name as region_name, g.valid_to
    from gemeente_region as g
    join region as r on r.code = g.region
),

final as (
    select kind, code, name, region, region_name
    from places
    qualify row_number() over (partition by kind, code order by valid_to desc nulls first) = 1
)

select * from final
order by kind desc, name
