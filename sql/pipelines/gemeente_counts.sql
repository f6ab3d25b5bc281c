-- The valid records of a registry extract per gemeente code (as delivered) × region × partner
-- × indicator × month, so the region page
-- can show each gemeente's share and both boundary views can be drawn from the codes
-- delivered. Reads intake_group. Parameters: $submission_id, $is_demo.
insert into registry_gemeente_count
select
    $submission_id as submission_id,
    gemeente_code,
    region,
    partner,
    indicator,
    period,
    sum(records)::integer as records,
    $is_demo as is_demo
from intake_group
where kind = 'registry' and ok and counts
group by gemeente_code, region, partner, indicator, period
