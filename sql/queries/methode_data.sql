-- What the warehouse holds, in one row, for Methode: how much of it is demonstration data, the
-- labour-market regions (count, first and last code, and the codes missing in between) and the
-- number of reporting obligations in the register.
with regions as (
    select count(*) as regions, min(code) as first_code, max(code) as last_code,
        min(cast(substr(code, 3) as integer)) as first_number,
        max(cast(substr(code, 3) as integer)) as last_number,
        list(code) as codes
    from region
),

missing as (
    select coalesce(list('AM' || lpad(cast(n as varchar), 2, '0') order by n), []) as missing_codes
    from regions as r, range(r.first_number, r.last_number + 1) as t (n)
    where not list_contains(r.codes, 'AM' || lpad(cast(n as varchar), 2, '0'))
),

population_latest as (
    select region, arg_max(is_demo, year) as is_demo from population group by region
),

final as (
    select
        (select count(*) from target) as targets,
        (select count(*) from target where is_demo) as demo_targets,
        (select count(*) from observation) as figures,
        (select count(*) from observation where is_demo) as demo_figures,
        (select count(*) from population_latest) as population_regions,
        (select count(*) from population_latest where is_demo) as demo_population_regions,
        (select count(*) from reporting_obligation) as obligations,
        r.regions, r.first_code, r.last_code, m.missing_codes
    from regions as r, missing as m
)

select * from final
