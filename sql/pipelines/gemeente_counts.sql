-- The valid records of a registry extract per gemeente code (as delivered) × region × partner
-- × indicator × month, so the region page
-- can show each gemeente's share and both boundary views can be drawn from the codes
-- delivered. An extract is a complete statement for its scope (scope.sql): its counts
-- replace those of earlier files there, as its figures do. Reads intake_group and
-- intake_scope. Parameters: $submission_id, $is_demo.
delete from registry_gemeente_count as c
using intake_scope as s
where c.region = s.region and c.indicator = s.indicator and c.partner = s.partner
    and c.period between s.first_month and s.last_month;

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
