-- Every name a reader may type to find a region, with the region it leads to:
--   region    an arbeidsmarktregio by its name (code: its CBS code)
--   gemeente  a gemeente that exists today, in its current region
--   former    a gemeente merged since (gemeente_region.successor, e.g. Lingewaal → West Betuwe):
--             it leads to its successor's current region; current_name = the successor's name,
--             merged_on = the day the successor started (the former row's valid_to)
--   alias     a name people write for a gemeente (place_alias: Den Bosch → 's-Hertogenbosch):
--             code and current_name are the gemeente's
-- The matching itself (case, accents, typos) is core/places.py.
with current_gemeente as (
    select g.code, g.name, g.region, r.name as region_name
    from gemeente_region as g
    join region as r on r.code = g.region
    where g.valid_to is null
),

former as (
    select g.code, g.name, s.region, s.region_name, s.name as current_name, g.valid_to as merged_on
    from gemeente_region as g
    join current_gemeente as s on s.code = g.successor
    where g.valid_to is not null and g.code not in (select code from current_gemeente)
    qualify row_number() over (partition by g.code order by g.valid_to desc) = 1
),

final as (
    select 'region' as kind, code, name, code as region, name as region_name,
        name as current_name, null::date as merged_on
    from region
    union all
    select 'gemeente', code, name, region, region_name, name, null::date
    from current_gemeente
    union all
    select 'former', code, name, region, region_name, current_name, merged_on
    from former
    union all
    select 'alias', g.code, a.alias, g.region, g.region_name, g.name, null::date
    from place_alias as a
    join current_gemeente as g on g.code = a.code
)

select * from final
order by kind desc, name
